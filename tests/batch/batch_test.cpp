// End-to-end: `formpdf batch` over the 41 seed declarations and over hostile ones; the PDF tools
// (qpdf) check what a unit relies on when it prints: every form there once, in order, bookmarked.

#include "support/command.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <set>

namespace formpdf {
namespace {

namespace fs = std::filesystem;
using testing::read_text;
using testing::run_command;
using testing::TempDir;
using testing::write_text;

const std::string kSourceDir = FORMPDF_SOURCE_DIR;
const std::string kDeclarations = kSourceDir + "/inputs/declarations";
const std::string kEpoch = "SOURCE_DATE_EPOCH=1700000000";

testing::CommandResult batch(const std::vector<std::string>& args) {
    return testing::run_formpdf("batch", args);
}

// Files in `dir` and below, as paths relative to it; not the hidden ones (the batch's manifest,
// .formpdf-batch: output_files_test.cpp).
std::set<std::string> files_under(const fs::path& dir) {
    std::set<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file() && entry.path().filename().string().front() != '.') {
            files.insert(fs::relative(entry.path(), dir).string());
        }
    }
    return files;
}

int page_count(const fs::path& pdf) {
    const auto result = run_command({"qpdf", "--show-npages", pdf.string()});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return std::stoi(result.out);
}

struct Bookmark {
    std::string title;
    int page = 0; // 1-based
    bool leaf = true;
};

void collect(const nlohmann::json& items, std::vector<Bookmark>& out) {
    for (const auto& item : items) {
        out.push_back({item["title"].get<std::string>(), item["destpageposfrom1"].get<int>(),
                       item["kids"].empty()});
        collect(item["kids"], out);
    }
}

std::vector<Bookmark> bookmarks(const fs::path& pdf) {
    const auto result = run_command({"qpdf", "--json", pdf.string()});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    std::vector<Bookmark> out;
    collect(nlohmann::json::parse(result.out)["outlines"], out);
    return out;
}

// The bookmarks of the forms: leaves whose title starts with a 21-digit 项目编码.
std::map<std::string, int> form_bookmarks(const fs::path& pdf) {
    std::map<std::string, int> pages;
    const std::regex code("^([0-9]{21}) ");
    for (const Bookmark& bookmark : bookmarks(pdf)) {
        std::smatch match;
        if (bookmark.leaf && std::regex_search(bookmark.title, match, code)) {
            EXPECT_TRUE(pages.emplace(match[1], bookmark.page).second) << bookmark.title;
        }
    }
    return pages;
}

TEST(Batch, SeedFormsGiveOnePdfEachAndACombinedFileWithBookmarks) {
    TempDir dir;
    const fs::path out = dir / "out";
    const auto result = batch({kDeclarations, "-o", out.string(), "--combined", "all.pdf"});
    // Three seed forms have errors and two have warnings (tests/check/golden): printed as
    // written, "done, with findings".
    ASSERT_EQ(result.exit_code, 3) << result.err;
    EXPECT_NE(result.out.find("41 forms, 41 rendered"), std::string::npos) << result.out;

    std::set<std::string> files = files_under(out);
    ASSERT_EQ(files.count("all.pdf"), 1u);
    files.erase("all.pdf");
    ASSERT_EQ(files.size(), testing::seed_declaration_files().size());

    // Per-form files are "<项目编码>-<项目名称>.pdf"; sorted by name = sorted by code (21 digits).
    int expected_page = 1;
    std::map<std::string, int> expected;
    for (const std::string& file : files) {
        ASSERT_TRUE(std::regex_match(file, std::regex("[0-9]{21}-.+\\.pdf"))) << file;
        expected[file.substr(0, 21)] = expected_page;
        expected_page += page_count(out / file);
    }
    EXPECT_EQ(page_count(out / "all.pdf"), expected_page - 1);
    EXPECT_EQ(form_bookmarks(out / "all.pdf"), expected);
}

TEST(Batch, OutputIsTheSameWhateverTheNumberOfJobs) {
    TempDir dir;
    const std::vector<std::string> options = {"--combined", "all.pdf", "--contents", "--duplex"};
    std::vector<std::string> one = {kDeclarations, "-o", (dir / "j1").string(), "--jobs", "1"};
    std::vector<std::string> two = {kDeclarations, "-o", (dir / "j2").string(), "--jobs", "2"};
    one.insert(one.end(), options.begin(), options.end());
    two.insert(two.end(), options.begin(), options.end());
    ASSERT_EQ(batch(one).exit_code, 3); // the seed's findings (tests/check/golden)
    ASSERT_EQ(batch(two).exit_code, 3);
    const std::set<std::string> files = files_under(dir / "j1");
    ASSERT_EQ(files, files_under(dir / "j2"));
    for (const std::string& file : files) {
        EXPECT_TRUE(read_text(dir / "j1" / file) == read_text(dir / "j2" / file)) << file;
    }

    // Duplex: the contents first, then every form on an odd (front) page.
    const std::vector<Bookmark> marks = bookmarks(dir / "j1" / "all.pdf");
    ASSERT_FALSE(marks.empty());
    EXPECT_EQ(marks.front().title, "目录");
    EXPECT_EQ(marks.front().page, 1);
    const std::map<std::string, int> forms = form_bookmarks(dir / "j1" / "all.pdf");
    EXPECT_EQ(forms.size(), testing::seed_declaration_files().size());
    for (const auto& [code, page] : forms) {
        EXPECT_EQ(page % 2, 1) << code << " starts on page " << page;
    }
    const auto check = run_command({"qpdf", "--check", (dir / "j1" / "all.pdf").string()});
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

// A declaration file with one field changed; `value` is written as a YAML double-quoted scalar.
std::string with_field(const std::string& yaml, const std::string& id, const std::string& value) {
    const std::regex line("\n  " + id + ": [^\n]*");
    return std::regex_replace(yaml, line, "\n  " + id + ": \"" + value + "\"",
                              std::regex_constants::format_first_only);
}

TEST(Batch, EachFormsPdfIsTheSameWithOrWithoutTheCombinedFileAndAsRenderWritesIt) {
    // With --combined, a page is built and compressed once for both files: the form's own PDF
    // must not change because of it.
    TempDir dir;
    const fs::path with = dir / "with";
    const fs::path without = dir / "without";
    ASSERT_EQ(
        batch({kDeclarations, "-o", with.string(), "--combined", "all.pdf", "-j", "2"}).exit_code,
        3); // the seed's findings (tests/check/golden)
    ASSERT_EQ(batch({kDeclarations, "-o", without.string(), "-j", "2"}).exit_code, 3);
    std::set<std::string> files = files_under(with);
    files.erase("all.pdf");
    ASSERT_EQ(files, files_under(without));
    for (const std::string& file : files) {
        EXPECT_EQ(read_text(with / file), read_text(without / file)) << file;
    }

    // And `render` of one declaration gives the same bytes as the batch.
    const fs::path one = testing::seed_declaration_files().front();
    const fs::path rendered = dir / "one.pdf";
    const auto render = run_command(
        {testing::formpdf_binary(), "render", one.string(), "-o", rendered.string()}, {kEpoch});
    ASSERT_EQ(render.exit_code, 0) << render.err;
    const std::string code = one.stem().string();
    const auto match = std::find_if(files.begin(), files.end(), [&](const std::string& file) {
        return file.starts_with(code + "-");
    });
    ASSERT_NE(match, files.end());
    EXPECT_EQ(read_text(rendered), read_text(with / *match));
}

TEST(Batch, ABrokenDeclarationIsReportedAndTheOthersArePrinted) {
    TempDir dir;
    const std::vector<fs::path> seeds = testing::seed_declaration_files();
    fs::create_directories(dir / "in");
    for (std::size_t i = 0; i < 3; ++i) {
        fs::copy_file(seeds[i], dir / ("in/" + seeds[i].filename().string()));
    }
    write_text(dir / "in/broken.yaml",
               "form: shenzhen-l2-project\nfields:\n  project_code: [1, 2\n");
    const fs::path out = dir / "out";

    const auto failed = batch({(dir / "in").string(), "-o", out.string(), "--combined", "all.pdf"});
    EXPECT_EQ(failed.exit_code, 2);
    EXPECT_NE(failed.err.find("broken.yaml:"), std::string::npos) << failed.err;
    EXPECT_TRUE(std::regex_search(failed.err, std::regex("broken\\.yaml:[0-9]+:[0-9]+: error")))
        << failed.err;
    EXPECT_NE(failed.err.find("--keep-going"), std::string::npos) << failed.err;
    EXPECT_EQ(files_under(out).size(), 3u) << "the three good forms, and no combined file";
    EXPECT_EQ(files_under(out).count("all.pdf"), 0u);

    const auto kept = batch({(dir / "in").string(), "-o", out.string(), "--combined", "all.pdf",
                             "--contents", "--keep-going"});
    EXPECT_EQ(kept.exit_code, 2);
    EXPECT_NE(kept.out.find("missing: "), std::string::npos) << kept.out;
    ASSERT_EQ(files_under(out).count("all.pdf"), 1u);
    EXPECT_EQ(form_bookmarks(out / "all.pdf").size(), 3u);
    const auto contents =
        run_command({"pdftotext", "-f", "1", "-l", "1", (out / "all.pdf").string(), "-"});
    EXPECT_NE(contents.out.find("未能生成"), std::string::npos) << contents.out;
    EXPECT_NE(contents.out.find("broken.yaml"), std::string::npos) << contents.out;
}

TEST(Batch, ABrokenFirstFileIsReportedOnceWhateverTheNumberOfJobs) {
    // The first file is read ahead of the others (its layout is readied while they are read):
    // when it is broken, it is still reported once, and the others are printed.
    TempDir dir;
    const std::vector<fs::path> seeds = testing::seed_declaration_files();
    fs::create_directories(dir / "in");
    for (std::size_t i = 0; i < 2; ++i) {
        fs::copy_file(seeds[i], dir / ("in/" + seeds[i].filename().string()));
    }
    write_text(dir / "in/000-broken.yaml", "form: shenzhen-l2-project\nfields: [1, 2\n");
    for (const std::string jobs : {"1", "2"}) {
        const fs::path out = dir / ("out-" + jobs);
        const auto result = batch({(dir / "in").string(), "-o", out.string(), "-j", jobs});
        EXPECT_EQ(result.exit_code, 2) << jobs;
        std::size_t reports = 0;
        for (std::size_t at = result.err.find("000-broken.yaml:"); at != std::string::npos;
             at = result.err.find("000-broken.yaml:", at + 1)) {
            ++reports;
        }
        EXPECT_EQ(reports, 1u) << "-j " << jobs << "\n" << result.err;
        EXPECT_NE(result.out.find("2 rendered"), std::string::npos) << result.out;
        EXPECT_NE(result.out.find("1 failed"), std::string::npos) << result.out;
        EXPECT_EQ(files_under(out).size(), 2u) << jobs;
    }
}

TEST(Batch, NothingToPrintOrNowhereToPrintIsAClearError) {
    TempDir dir;
    fs::create_directories(dir / "empty");
    write_text(dir / "empty/notes.txt", "not a declaration\n");
    const auto nothing = batch({(dir / "empty").string(), "-o", (dir / "out").string()});
    EXPECT_EQ(nothing.exit_code, 2);
    EXPECT_NE(nothing.err.find("error: no declarations to print in"), std::string::npos)
        << nothing.err;
    EXPECT_NE(nothing.err.find("hint: "), std::string::npos) << nothing.err;

    write_text(dir / "a-file", "");
    const auto nowhere = batch({kDeclarations, "-o", (dir / "a-file").string()});
    EXPECT_EQ(nowhere.exit_code, 4);
    EXPECT_NE(nowhere.err.find("error: cannot create the output folder"), std::string::npos)
        << nowhere.err;
    EXPECT_EQ(nowhere.err.find("internal error"), std::string::npos) << nowhere.err;
    EXPECT_EQ(read_text(dir / "a-file"), "");
}

TEST(Batch, HostileFieldValuesNeverWriteOutsideTheFolderNorOverwrite) {
    TempDir dir;
    const std::string seed = read_text(testing::seed_declaration_files().front());
    const std::string long_name(300, 'x');
    const std::vector<std::pair<std::string, std::string>> forms = {
        {"../../etc/x", "a/b"}, {"..", ".."},     {"a\\0b", "c\\nd"},
        {"1", long_name},       {"same", "same"}, {"same", "same"},
    };
    fs::create_directories(dir / "in");
    for (std::size_t i = 0; i < forms.size(); ++i) {
        std::string yaml = with_field(seed, "project_code", forms[i].first);
        yaml = with_field(yaml, "project_name", forms[i].second);
        write_text(dir / ("in/" + std::to_string(i) + ".yaml"), yaml);
    }
    const auto before = files_under(dir.path());
    const auto result = batch({(dir / "in").string(), "-o", (dir / "out").string()});
    // None of these codes is 21 digits: the checks say so, and the forms are printed as written.
    EXPECT_EQ(result.exit_code, 3) << result.err;
    EXPECT_NE(result.err.find("项目编码 must be 21 digits"), std::string::npos) << result.err;

    const auto after = files_under(dir.path());
    std::set<std::string> created;
    std::set_difference(after.begin(), after.end(), before.begin(), before.end(),
                        std::inserter(created, created.end()));
    EXPECT_EQ(created.size(), forms.size()) << "one file per form, none overwritten";
    for (const std::string& file : created) {
        EXPECT_EQ(fs::path(file).parent_path(), "out") << file;
        EXPECT_LE(fs::path(file).filename().string().size(), 255u) << file;
    }
    EXPECT_FALSE(fs::exists(dir.path().parent_path() / "etc"));
}

TEST(Batch, FilesOfSeveralDeclarationsAndOfOneGiveTheSamePdfs) {
    // Files of one declaration and of several are held differently (batch_job.h
    // declarations_held; both ways are compared in batch_job_test.cpp). Both must print exactly
    // what `render` prints.
    TempDir dir;
    const std::vector<fs::path> seeds = testing::seed_declaration_files();
    fs::create_directories(dir / "in");
    write_text(dir / "in" / "three.yaml", read_text(seeds[0]) + "\n---\n" + read_text(seeds[1]) +
                                              "\n---\n" + read_text(seeds[2]));
    write_text(dir / "in" / "one.yaml", read_text(seeds[3]));
    const auto result = batch({(dir / "in").string(), "-o", (dir / "out").string(), "-j", "2"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const std::set<std::string> files = files_under(dir / "out");
    ASSERT_EQ(files.size(), 4u);
    for (std::size_t i = 0; i < 4; ++i) {
        const fs::path rendered = dir / ("render-" + std::to_string(i) + ".pdf");
        ASSERT_EQ(run_command({testing::formpdf_binary(), "render", seeds[i].string(), "-o",
                               rendered.string()},
                              {kEpoch})
                      .exit_code,
                  0);
        const std::string code = seeds[i].stem().string();
        const auto match = std::find_if(files.begin(), files.end(), [&](const std::string& file) {
            return file.starts_with(code + "-");
        });
        ASSERT_NE(match, files.end()) << code;
        EXPECT_EQ(read_text(dir / "out" / *match), read_text(rendered)) << code;
    }
}

TEST(Batch, ReadsTheListOfFilesFromStdin) {
    TempDir dir;
    const std::vector<fs::path> seeds = testing::seed_declaration_files();
    write_text(dir / "list.txt", seeds[0].string() + "\n" + seeds[1].string() + "\n");
    const auto result =
        run_command({"sh", "-c", "\"$0\" batch - -o \"$1\" < \"$2\"", testing::formpdf_binary(),
                     (dir / "out").string(), (dir / "list.txt").string()},
                    {kEpoch});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(files_under(dir / "out").size(), 2u);
}

} // namespace
} // namespace formpdf
