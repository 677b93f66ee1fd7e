// formpdf serve's API (docs/serve.md) against a real server: list, load, save with and without a
// stale ETag, check, preview, PDF and PDF/A, print (batch), upload (import preview + confirm),
// new form.

#include "load/declaration.h"
#include "serve_test_server.h"

#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>

namespace formpdf::testing {
namespace {

using json = nlohmann::ordered_json;

constexpr const char* kShujuguihua = "440304221061500600008.yaml"; // 数据规划管理, 2 pages

class ServeApi : public ::testing::Test {
protected:
    TestServer server;
    TestBrowser browser{server.port()};

    void SetUp() override { browser.start_session(); }

    json load(const std::string& path) {
        const httplib::Result result = browser.get("/api/form?path=" + path);
        EXPECT_TRUE(result);
        EXPECT_EQ(result->status, 200) << result->body;
        return json_of(result);
    }

    httplib::Result save(const std::string& path, const json& declaration,
                         const std::string& etag) {
        return browser.put_json("/api/form?path=" + path, json{{"declaration", declaration}},
                                {{"If-Match", etag}});
    }
};

TEST_F(ServeApi, ListShowsEveryFormWithItsFieldsPagesAndFindingsCounted) {
    const httplib::Result result = browser.get("/api/forms");
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200);
    const json forms = json_of(result)["forms"];
    ASSERT_EQ(forms.size(), 41u);
    const auto found = std::find_if(forms.begin(), forms.end(),
                                    [](const json& form) { return form["path"] == kShujuguihua; });
    ASSERT_NE(found, forms.end());
    EXPECT_EQ((*found)["code"], "440304221061500600008");
    EXPECT_EQ((*found)["name"], "数据规划管理");
    EXPECT_FALSE((*found)["unit"].get<std::string>().empty());
    EXPECT_FALSE((*found)["amount"].get<std::string>().empty());
    EXPECT_EQ((*found)["pages"], 2); // 3 before its spacing was tightened to save a page
    EXPECT_TRUE((*found).contains("errors") && (*found).contains("warnings") &&
                (*found).contains("notes"));
}

TEST_F(ServeApi, AFileThatDoesNotLoadIsListedWithItsError) {
    write_text(server.dir() / "broken.yaml", "form: shenzhen-l2-project\nfields: [\n");
    const json forms = json_of(browser.get("/api/forms"))["forms"];
    ASSERT_EQ(forms.size(), 42u);
    const auto found = std::find_if(forms.begin(), forms.end(),
                                    [](const json& form) { return form["path"] == "broken.yaml"; });
    ASSERT_NE(found, forms.end());
    EXPECT_EQ((*found)["errors"], 1);
    EXPECT_NE((*found)["load_error"].get<std::string>().find("broken.yaml:"), std::string::npos);
    EXPECT_EQ(browser.get("/api/form?path=broken.yaml")->status, 422);
}

TEST_F(ServeApi, LoadGivesTheDeclarationItsFormItsLayoutAndAnETag) {
    const httplib::Result result = browser.get(std::string("/api/form?path=") + kShujuguihua);
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200);
    const json form = json_of(result);
    EXPECT_EQ(result->get_header_value("ETag"), form["etag"]);
    EXPECT_EQ(form["declaration"]["fields"]["project_name"], "数据规划管理");
    EXPECT_EQ(form["definition"]["id"], "shenzhen-l2-project");
    EXPECT_EQ(form["layout"]["blocks"][0]["kind"], "title");
    const json tree = form["definition"]["trees"][0];
    EXPECT_EQ(tree["vocabulary"][0]["name"], "产出");
    EXPECT_EQ(tree["vocabulary"][0]["children"][0]["name"], "*数量");
}

TEST_F(ServeApi, SavingAnUnchangedFormWritesTheSameBytesAsImport) {
    const std::string before = read_text(server.dir() / kShujuguihua);
    const json form = load(kShujuguihua);
    const httplib::Result result = save(kShujuguihua, form["declaration"], form["etag"]);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200) << result->body;
    EXPECT_EQ(read_text(server.dir() / kShujuguihua), before);
}

TEST_F(ServeApi, ASavedValueIsWhatTheCliReadsBack) {
    json form = load(kShujuguihua);
    form["declaration"]["fields"]["project_name"] = "数据规划管理（修订）";
    form["declaration"]["trees"]["indicators"][0]["groups"][0]["rows"][0]["value"] = "yes";
    const httplib::Result result = save(kShujuguihua, form["declaration"], form["etag"]);
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200) << result->body;
    EXPECT_NE(json_of(result)["etag"], form["etag"]);
    const std::string text = read_text(server.dir() / kShujuguihua);
    EXPECT_EQ(text.rfind("# 二级项目支出绩效目标申报表: imported by formpdf", 0), 0u)
        << "the import's first comment line is kept";
    EXPECT_NE(text.find("project_name: 数据规划管理（修订）  # 项目名称："), std::string::npos);
    EXPECT_NE(text.find("value: 'yes'"), std::string::npos) << "quoted as the writer quotes";
    const std::vector<load::Declaration> read =
        load::load_declarations_file(server.dir() / kShujuguihua);
    EXPECT_EQ(read.at(0).field("project_name")->text, "数据规划管理（修订）");
}

TEST_F(ServeApi, RowsAndGroupsAddedAndReorderedAreSavedInTheirNewOrder) {
    json form = load(kShujuguihua);
    json& level2 = form["declaration"]["trees"]["indicators"][0]["groups"];
    const std::string first = level2[0]["label"];
    const std::string second = level2[1]["label"];
    std::swap(level2[0], level2[1]);
    level2[0]["rows"].push_back(
        json{{"name", "新增的三级指标"}, {"value", "≥1个"}, {"explanation", "新增的解释"}});
    const std::size_t rows = level2[0]["rows"].size();
    form["declaration"]["trees"]["indicators"].push_back(
        json{{"level", "level1"},
             {"label", "满意度"},
             {"groups",
              {json{{"level", "level2"},
                    {"label", "其他满意度"},
                    {"rows", {json{{"name", "a"}, {"value", "b"}, {"explanation", "c"}}}}}}}});
    const httplib::Result result = save(kShujuguihua, form["declaration"], form["etag"]);
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200) << result->body;
    const std::vector<load::Declaration> read =
        load::load_declarations_file(server.dir() / kShujuguihua);
    const std::vector<load::Group>& tree = *read.at(0).tree("indicators");
    EXPECT_EQ(tree[0].groups[0].label.text, second);
    EXPECT_EQ(tree[0].groups[1].label.text, first);
    ASSERT_EQ(tree[0].groups[0].records.size(), rows);
    EXPECT_EQ(tree[0].groups[0].records.back().find("name")->text, "新增的三级指标");
    EXPECT_EQ(tree.back().label.text, "满意度");
    EXPECT_EQ(tree.back().groups.at(0).records.at(0).find("explanation")->text, "c");
}

TEST_F(ServeApi, TheSecondOfTwoSavesFromTheSameVersionIsRefusedAndTheFirstIsKept) {
    const json first_tab = load(kShujuguihua);
    json second_tab = first_tab;
    json edited = first_tab["declaration"];
    edited["fields"]["project_name"] = "第一个标签页";
    ASSERT_EQ(save(kShujuguihua, edited, first_tab["etag"])->status, 200);
    const std::string after_first = read_text(server.dir() / kShujuguihua);

    second_tab["declaration"]["fields"]["project_name"] = "第二个标签页";
    const httplib::Result refused =
        save(kShujuguihua, second_tab["declaration"], second_tab["etag"]);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 412);
    EXPECT_NE(json_of(refused)["error"].get<std::string>().find("没有保存，也没有丢失"),
              std::string::npos);
    EXPECT_EQ(read_text(server.dir() / kShujuguihua), after_first);
}

TEST_F(ServeApi, ASaveWithoutIfMatchIsRefused) {
    const std::string before = read_text(server.dir() / kShujuguihua);
    const json form = load(kShujuguihua);
    const httplib::Result result = browser.put_json(std::string("/api/form?path=") + kShujuguihua,
                                                    json{{"declaration", form["declaration"]}});
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 428);
    EXPECT_EQ(read_text(server.dir() / kShujuguihua), before);
}

TEST_F(ServeApi, CheckPutsEachFindingBesideItsCell) {
    json declaration = load(kShujuguihua)["declaration"];
    declaration["fields"]["project_code"] = "1234";
    declaration["trees"]["indicators"][0]["groups"][0]["rows"][0]["value"] = "";
    const httplib::Result result =
        browser.post_json("/api/check", json{{"declaration", declaration}});
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200);
    std::set<std::string> paths;
    const json findings = json_of(result)["findings"];
    for (const json& finding : findings) {
        paths.insert(finding["path"].get<std::string>());
    }
    EXPECT_TRUE(paths.count("fields.project_code")) << result->body;
    EXPECT_TRUE(paths.count("trees.indicators.0.0.rows.0.value")) << result->body;
    EXPECT_EQ(json_of(result)["findings"][0]["severity"], "error") << "the worst first";
}

TEST_F(ServeApi, PreviewIsThePdfOfWhatThePageHolds) {
    json declaration = load(kShujuguihua)["declaration"];
    declaration["fields"]["project_name"] = "预览中的名称";
    const httplib::Result result =
        browser.post_json("/api/preview", json{{"declaration", declaration}});
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200) << result->body;
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/pdf");
    EXPECT_EQ(result->body.rfind("%PDF-", 0), 0u);
    EXPECT_EQ(result->get_header_value("X-Pages"), "2");
    const TempDir out;
    write_text(out / "preview.pdf", result->body);
    const CommandResult text = run_command({"pdftotext", (out / "preview.pdf").string(), "-"});
    EXPECT_NE(without_whitespace(text.out).find("预览中的名称"), std::string::npos);
}

TEST_F(ServeApi, APreviewOfAFormThatCannotBePrintedSaysWhy) {
    json declaration = load(kShujuguihua)["declaration"];
    declaration["fields"]["no_such_field"] = "x"; // a structural error: render refuses it too
    const httplib::Result result =
        browser.post_json("/api/preview", json{{"declaration", declaration}});
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 422);
    EXPECT_FALSE(json_of(result)["findings"].empty());
}

TEST_F(ServeApi, PdfAndPdfADownloads) {
    const httplib::Result pdf = browser.get(std::string("/api/pdf?path=") + kShujuguihua);
    ASSERT_TRUE(pdf);
    ASSERT_EQ(pdf->status, 200);
    EXPECT_EQ(pdf->body.rfind("%PDF-", 0), 0u);
    EXPECT_NE(pdf->get_header_value("Content-Disposition").find("440304221061500600008.pdf"),
              std::string::npos);
    EXPECT_EQ(pdf->body.find("pdfaid:part"), std::string::npos);
    const httplib::Result pdfa = browser.get(std::string("/api/pdf?pdfa=1&path=") + kShujuguihua);
    ASSERT_TRUE(pdfa);
    ASSERT_EQ(pdfa->status, 200);
    EXPECT_NE(pdfa->body.find("pdfaid:part"), std::string::npos);
}

TEST_F(ServeApi, PrintMakesTheCombinedFileWithProgress) {
    const httplib::Result started = browser.post_json(
        "/api/print",
        json{{"paths", {kShujuguihua, "440304221061500000003.yaml"}}, {"contents", true}});
    ASSERT_TRUE(started);
    ASSERT_EQ(started->status, 202) << started->body;
    const std::string job = json_of(started)["job"];
    json status;
    for (int i = 0; i < 300; ++i) {
        status = json_of(browser.get("/api/print/status?job=" + job));
        if (status["finished"] == true) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_EQ(status["finished"], true);
    EXPECT_EQ(status["done"], 2);
    EXPECT_EQ(status["total"], 2);
    const httplib::Result file = browser.get("/api/print/file?job=" + job);
    ASSERT_TRUE(file);
    ASSERT_EQ(file->status, 200);
    const TempDir out;
    write_text(out / "combined.pdf", file->body);
    const CommandResult info = run_command({"pdfinfo", (out / "combined.pdf").string()});
    // 1 contents page + 2 + 1 pages (both forms as tightened: 3 + 2 pages before)
    EXPECT_NE(info.out.find("Pages:           4"), std::string::npos) << info.out;
    const CommandResult text = run_command({"pdftotext", (out / "combined.pdf").string(), "-"});
    EXPECT_NE(without_whitespace(text.out).find("数据规划管理"), std::string::npos);
}

TEST_F(ServeApi, AnUploadShowsWhatImportWouldDoAndWritesOnlyWhenConfirmed) {
    // One declaration edited since its import: the import keeps it.
    const std::string edited = read_text(server.dir() / kShujuguihua) + "# edited\n";
    write_text(server.dir() / kShujuguihua, edited);
    std::filesystem::remove(server.dir() / "440304221061500000003.yaml");
    const std::string export_text = read_text(std::filesystem::path(FORMPDF_SOURCE_DIR) /
                                              "inputs/export/futian-l2-project-forms.txt");
    httplib::Headers headers = {{"Cookie", browser.cookie},
                                {"X-CSRF-Token", browser.csrf},
                                {"X-File-Name", "futian-l2-project-forms.txt"}};
    const httplib::Result preview = browser.client().Post("/api/import/preview", headers,
                                                          export_text, "application/octet-stream");
    ASSERT_TRUE(preview);
    ASSERT_EQ(preview->status, 200) << preview->body;
    const json previewed = json_of(preview);
    EXPECT_EQ(previewed["written"], 1) << preview->body;
    EXPECT_EQ(previewed["kept"], 1);
    EXPECT_EQ(previewed["unchanged"], 39);
    EXPECT_FALSE(std::filesystem::exists(server.dir() / "440304221061500000003.yaml"))
        << "the preview writes nothing";

    const httplib::Result confirmed =
        browser.post_json("/api/import/confirm", json{{"token", previewed["token"]}});
    ASSERT_TRUE(confirmed);
    ASSERT_EQ(confirmed->status, 200) << confirmed->body;
    EXPECT_TRUE(std::filesystem::exists(server.dir() / "440304221061500000003.yaml"));
    EXPECT_EQ(read_text(server.dir() / kShujuguihua), edited) << "kept, as import keeps it";
    const httplib::Result again =
        browser.post_json("/api/import/confirm", json{{"token", previewed["token"]}});
    EXPECT_EQ(again->status, 404) << "a confirmation is used once";
}

TEST_F(ServeApi, ANewFormStartsFromTheLayoutsBlankAndIsNotCreatedTwice) {
    const httplib::Result created =
        browser.post_json("/api/forms", json{{"name", "新项目"}, {"form", "shenzhen-l2-project"}});
    ASSERT_TRUE(created);
    ASSERT_EQ(created->status, 201) << created->body;
    EXPECT_EQ(json_of(created)["path"], "新项目.yaml");
    const json form = load("新项目.yaml");
    EXPECT_EQ(form["declaration"]["fields"]["project_code"], "");
    EXPECT_EQ(form["declaration"]["trees"]["indicators"][0]["label"], "产出");
    EXPECT_FALSE(form["findings"].empty()) << "a blank form has its required fields to fill";
    const httplib::Result twice =
        browser.post_json("/api/forms", json{{"name", "新项目"}, {"form", "shenzhen-l2-project"}});
    EXPECT_EQ(twice->status, 412);
}

TEST_F(ServeApi, TheWebPagesAreServedFromTheProgram) {
    const httplib::Result index = browser.get("/");
    ASSERT_TRUE(index);
    EXPECT_EQ(index->status, 200);
    EXPECT_NE(index->body.find("<html"), std::string::npos);
    EXPECT_NE(index->get_header_value("Content-Security-Policy").find("default-src 'self'"),
              std::string::npos);
    EXPECT_EQ(browser.get("/form.js")->status, 200);
    EXPECT_EQ(browser.get("/no-such.js")->status, 404);
}

} // namespace
} // namespace formpdf::testing
