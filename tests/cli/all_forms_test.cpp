// Every real form of the seed (inputs/declarations) renders completely: no diagnostics but the
// findings of `formpdf check`, every value of the declaration in the PDF's text, every line inside
// its box, qpdf clean, reproducible bytes.

#include "load/declaration.h"
#include "support/command.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

namespace formpdf {
namespace {

using testing::read_text;
using testing::run_command;
using testing::without_whitespace;

const std::string kSource = FORMPDF_SOURCE_DIR;

std::vector<std::filesystem::path> declaration_files() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry :
         std::filesystem::directory_iterator(kSource + "/inputs/declarations")) {
        if (entry.path().extension() == ".yaml") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

void collect(const load::Group& group, std::vector<std::string>& values) {
    values.push_back(group.label.text);
    for (const load::Group& child : group.groups) {
        collect(child, values);
    }
    for (const load::Record& record : group.records) {
        for (const auto& [id, value] : record.fields) {
            values.push_back(value.text);
        }
    }
}

// Every text a declaration holds, as the user expects to find it printed.
std::vector<std::string> declaration_values(const std::filesystem::path& file) {
    std::vector<std::string> values;
    for (const load::Declaration& declaration : load::load_declarations_file(file)) {
        for (const auto& [id, value] : declaration.fields) {
            values.push_back(value.text);
        }
        for (const auto& [id, tree] : declaration.trees) {
            for (const load::Group& group : tree) {
                collect(group, values);
            }
        }
    }
    return values;
}

// What `formpdf check` says of the file, without its notes and summary: what `render` must say
// before it prints (docs/check.md, "Before printing").
std::string check_errors_and_warnings(const std::filesystem::path& file) {
    const auto check = run_command({testing::formpdf_binary(), "check", file.string()});
    std::string kept;
    bool keep = false;
    for (std::size_t start = 0; start < check.out.size();) {
        const std::size_t end = check.out.find('\n', start);
        const std::string line = check.out.substr(start, end - start);
        start = end == std::string::npos ? check.out.size() : end + 1;
        if (!line.starts_with("hint: ")) {
            keep = line.find(": error: ") != std::string::npos ||
                   line.find(": warning: ") != std::string::npos;
        }
        if (keep) {
            kept += line + "\n";
        }
    }
    return kept;
}

TEST(AllForms, ThereAreTheFortyOneSeedForms) {
    EXPECT_EQ(declaration_files().size(), 41u);
}

class AllFormsTest : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(AllFormsTest, RendersCleanlyAndCompletely) {
    const std::filesystem::path& file = GetParam();
    testing::TempDir dir;
    const std::string pdf = (dir / "form.pdf").string();
    const std::string dump = (dir / "form.json").string();
    const auto result = run_command(
        {testing::formpdf_binary(), "render", file.string(), "-o", pdf, "--dump-layout", dump},
        {"SOURCE_DATE_EPOCH=1700000000"});
    // The seed forms `check` finds errors or warnings in are printed as written, with those
    // findings and exit code 3; the others cleanly.
    const std::string findings = check_errors_and_warnings(file);
    ASSERT_EQ(result.exit_code, findings.empty() ? 0 : 3) << result.err;
    ASSERT_TRUE(result.err.starts_with(findings)) << "the findings of `formpdf check` first\n"
                                                  << result.err;
    // Then, when there are errors, one line that says the form was printed all the same.
    const std::string rest = result.err.substr(findings.size());
    if (findings.find(": error: ") == std::string::npos) {
        EXPECT_EQ(rest, "") << "nothing but the findings";
    } else {
        EXPECT_TRUE(rest.starts_with(pdf + ": warning: written with 1 error of the checks"))
            << rest;
        EXPECT_EQ(std::count(rest.begin(), rest.end(), '\n'), 2) << rest;
    }

    // Every value of the declaration is in the text of the PDF.
    const auto text = run_command({"pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"});
    ASSERT_EQ(text.exit_code, 0);
    const std::string extracted = without_whitespace(text.out);
    for (const std::string& value : declaration_values(file)) {
        EXPECT_NE(extracted.find(without_whitespace(value)), std::string::npos)
            << file.filename() << ": not in the PDF: " << value;
    }

    // Every text line lies inside its box, and obeys the line-breaking rules
    // (docs/line-breaking.md).
    const std::vector<std::string> no_start = {"，", "。", "、", "；", "：", "？", "！", "）",
                                               "》", "」", "』", "】", "”",  "’",  "%",  "…"};
    const std::vector<std::string> no_end = {"（", "《", "「", "『", "【", "“", "‘"};
    const std::vector<std::string> signs = {"≥", "≤", ">", "<"};
    const auto starts_with = [](const std::string& s, const std::string& p) {
        return s.compare(0, p.size(), p) == 0;
    };
    const auto ends_with = [](const std::string& s, const std::string& p) {
        return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
    };
    const auto json = nlohmann::json::parse(read_text(dump));
    for (const auto& page : json["pages"]) {
        for (const auto& item : page["items"]) {
            if (item["type"] != "text") {
                continue;
            }
            const double x = item["x"], y = item["y"], width = item["width"];
            const auto& box = item["box"];
            const double bx = box["x"], by = box["y"], bw = box["width"], bh = box["height"];
            EXPECT_GE(x, bx - 0.01) << item["text"];
            EXPECT_LE(x + width, bx + bw + 0.02) << item["text"];
            EXPECT_GT(y, by - 0.01) << item["text"];
            EXPECT_LT(y, by + bh) << item["text"];
            const std::string line = item["text"];
            for (const std::string& mark : no_start) {
                EXPECT_FALSE(starts_with(line, mark))
                    << "line starts with " << mark << ": " << line;
            }
            for (const std::string& mark : no_end) {
                EXPECT_FALSE(ends_with(line, mark)) << "line ends with " << mark << ": " << line;
            }
            std::string trimmed = line;
            while (!trimmed.empty() && trimmed.back() == ' ') {
                trimmed.pop_back();
            }
            for (const std::string& sign : signs) {
                EXPECT_FALSE(ends_with(trimmed, sign)) << "sign cut from its number: " << line;
            }
        }
    }

    const auto check = run_command({"qpdf", "--check", pdf});
    EXPECT_EQ(check.exit_code, 0) << check.out;

    const std::string again = (dir / "again.pdf").string();
    ASSERT_EQ(run_command({testing::formpdf_binary(), "render", file.string(), "-o", again},
                          {"SOURCE_DATE_EPOCH=1700000000"})
                  .exit_code,
              findings.empty() ? 0 : 3);
    EXPECT_TRUE(read_text(pdf) == read_text(again)) << "reruns give the same bytes";
}

INSTANTIATE_TEST_SUITE_P(Seed, AllFormsTest, ::testing::ValuesIn(declaration_files()),
                         [](const auto& info) { return info.param.stem().string(); });

} // namespace
} // namespace formpdf
