// End-to-end: `render` checks a declaration before it prints it (docs/check.md, "Before
// printing"), on real seed forms with one thing changed. A structural error stops the form (exit 2,
// no PDF); an error in a value is reported with its place and the form is printed exactly as
// written (exit 3); --strict refuses any error; the declaration's title is printed, and a value the
// layout never shows is a warning.

#include "support/command.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <regex>

namespace formpdf {
namespace {

namespace fs = std::filesystem;
using testing::read_text;
using testing::run_command;
using testing::TempDir;
using testing::without_whitespace;
using testing::write_text;

const std::string kSourceDir = FORMPDF_SOURCE_DIR;
const std::string kEpoch = "SOURCE_DATE_EPOCH=1700000000";
// 疫情防控: a short Shenzhen form that `check` finds nothing wrong in.
const std::string kClean = kSourceDir + "/inputs/declarations/440304221061500500012.yaml";
// 网格信息管理: its 项目概况 is empty (tests/check/golden/check-inputs.txt).
const std::string kEmptyOverview = kSourceDir + "/inputs/declarations/440304221061500600010.yaml";

testing::CommandResult render(const fs::path& input, const fs::path& output,
                              std::vector<std::string> extra = {}) {
    std::vector<std::string> argv = {testing::formpdf_binary(), "render", input.string(), "-o",
                                     output.string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return run_command(argv, {kEpoch});
}

// The seed form with the first line matching `pattern` replaced (a regex on one line).
std::string changed(const std::string& file, const std::string& pattern,
                    const std::string& replacement) {
    const std::string yaml = read_text(file);
    const std::string out = std::regex_replace(yaml, std::regex(pattern), replacement,
                                               std::regex_constants::format_first_only);
    EXPECT_NE(out, yaml) << pattern;
    return out;
}

std::string pdf_text(const fs::path& pdf) {
    const auto text = run_command({"pdftotext", "-enc", "UTF-8", pdf.string(), "-"});
    EXPECT_EQ(text.exit_code, 0) << text.err;
    return without_whitespace(text.out);
}

std::string info_title(const fs::path& pdf) {
    const auto info = run_command({"pdfinfo", pdf.string()});
    EXPECT_EQ(info.exit_code, 0) << info.err;
    std::smatch match;
    const std::regex title("(^|\n)Title: +([^\n]*)");
    return std::regex_search(info.out, match, title) ? match[2].str() : std::string();
}

std::vector<std::string> bookmark_titles(const fs::path& pdf) {
    const auto json = run_command({"qpdf", "--json", pdf.string()});
    EXPECT_EQ(json.exit_code, 0) << json.err;
    std::vector<std::string> titles;
    const nlohmann::json parsed = nlohmann::json::parse(json.out);
    for (const auto& item : parsed["outlines"]) {
        titles.push_back(item["title"].get<std::string>());
    }
    return titles;
}

// A copy of the Shenzhen layout in its own folder (for --layouts), with `pattern` replaced.
fs::path shenzhen_layout_with(const TempDir& dir, const std::string& pattern,
                              const std::string& replacement) {
    fs::create_directories(dir / "layouts");
    const fs::path layout = dir / "layouts" / "shenzhen-l2-project.yaml";
    write_text(layout,
               changed(kSourceDir + "/layouts/shenzhen-l2-project.yaml", pattern, replacement));
    return dir / "layouts";
}

TEST(PrintChecks, AMisspeltFieldKeyIsNotPrintedAndSaysWhatWasMeant) {
    // Before, `projectname:` printed the form with an empty 项目名称, exit 0.
    TempDir dir;
    write_text(dir / "typo.yaml", changed(kClean, "\n  project_name:", "\n  projectname:"));
    write_text(dir / "out.pdf", "the good print of yesterday");
    const auto result = render(dir / "typo.yaml", dir / "out.pdf");
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_NE(result.err.find("typo.yaml:5:16: error: unknown field 'projectname' for the form "
                              "'shenzhen-l2-project'\nhint: did you mean 'project_name'?"),
              std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("error: this form is not printed"), std::string::npos) << result.err;
    EXPECT_EQ(read_text(dir / "out.pdf"), "the good print of yesterday") << "left as it was";
}

TEST(PrintChecks, AnUnknownTableKeyOrAValueOfTheWrongTypeIsNotPrinted) {
    TempDir dir;
    write_text(dir / "group.yaml", changed(kClean, "\nindicators:", "\nindicator:"));
    const auto group = render(dir / "group.yaml", dir / "group.pdf");
    EXPECT_EQ(group.exit_code, 2) << group.err;
    EXPECT_NE(group.err.find("error: unknown key 'indicator'"), std::string::npos) << group.err;
    EXPECT_NE(group.err.find("did you mean 'indicators'?"), std::string::npos) << group.err;
    EXPECT_FALSE(fs::exists(dir / "group.pdf"));

    write_text(dir / "type.yaml",
               changed(kClean, "\n  project_name: [^\n]*", "\n  project_name: [疫情, 防控]"));
    const auto type = render(dir / "type.yaml", dir / "type.pdf");
    EXPECT_EQ(type.exit_code, 2) << type.err;
    EXPECT_TRUE(std::regex_search(type.err, std::regex("type\\.yaml:5:[0-9]+: error: ")))
        << type.err;
    EXPECT_FALSE(fs::exists(dir / "type.pdf"));
}

TEST(PrintChecks, AnEmptyRequiredValueIsReportedWithItsPlaceAndTheFormPrintedAsWritten) {
    TempDir dir;
    const auto result = render(kEmptyOverview, dir / "out.pdf");
    EXPECT_EQ(result.exit_code, 3) << result.err;
    EXPECT_EQ(result.err,
              kEmptyOverview +
                  ":14:13: error: 项目概况 (overview) is required, but it is empty\n"
                  "hint: fill it in; the form is printed with what is written here\n" +
                  (dir / "out.pdf").string() +
                  ": warning: written with 1 error of the checks (above), printed exactly as "
                  "declared\nhint: correct the declaration and print again; --strict refuses to "
                  "print a form with errors\n");
    ASSERT_TRUE(fs::exists(dir / "out.pdf"));
    EXPECT_NE(pdf_text(dir / "out.pdf").find("网格信息管理"), std::string::npos);
}

TEST(PrintChecks, AValueOfTheWrongShapeIsPrintedExactlyAsWritten) {
    TempDir dir;
    write_text(dir / "amount.yaml",
               changed(kClean, "\n  total_amount: '0.00'", "\n  total_amount: '1866.0'"));
    write_text(dir / "choice.yaml",
               changed(kClean, "\n  new_project: [^ ]*", "\n  new_project: 不是"));
    const auto amount = render(dir / "amount.yaml", dir / "amount.pdf");
    EXPECT_EQ(amount.exit_code, 3) << amount.err;
    EXPECT_NE(amount.err.find("amount.yaml:12:17: error: 项目总金额（中期规划，万元） must be an "
                              "amount with 2 decimals such as 1,866.00, not '1866.0'"),
              std::string::npos)
        << amount.err;
    const std::string printed = pdf_text(dir / "amount.pdf");
    EXPECT_NE(printed.find("1866.0"), std::string::npos) << "as written, not corrected";
    EXPECT_EQ(printed.find("1866.00"), std::string::npos);
    EXPECT_EQ(printed.find("1,866"), std::string::npos);
    const auto choice = render(dir / "choice.yaml", dir / "choice.pdf");
    EXPECT_EQ(choice.exit_code, 3) << choice.err;
    EXPECT_NE(choice.err.find("error: 是否新增项目 must be one of 是, 否, not '不是'"),
              std::string::npos)
        << choice.err;
    EXPECT_NE(pdf_text(dir / "choice.pdf").find("不是"), std::string::npos);
}

TEST(PrintChecks, StrictRefusesAnyErrorAndWritesNothing) {
    TempDir dir;
    const auto strict = render(kEmptyOverview, dir / "out.pdf", {"--strict"});
    EXPECT_EQ(strict.exit_code, 2) << strict.err;
    EXPECT_NE(strict.err.find(":14:13: error: 项目概况 (overview) is required"), std::string::npos)
        << strict.err;
    EXPECT_NE(strict.err.find("error: this form is not printed (--strict): 1 error"),
              std::string::npos)
        << strict.err;
    EXPECT_FALSE(fs::exists(dir / "out.pdf"));

    // A form without errors prints as usual under --strict.
    EXPECT_EQ(render(kClean, dir / "clean.pdf", {"--strict"}).exit_code, 0);
    EXPECT_TRUE(fs::exists(dir / "clean.pdf"));
}

TEST(PrintChecks, TheDeclarationsTitleIsPrintedInTheInfoAndInTheBookmark) {
    // The Shenzhen layout ignored `title:`, which `import` writes for a form whose title differs.
    TempDir dir;
    const std::string title = "二级项目支出绩效目标申报表（调整）";
    write_text(dir / "title.yaml",
               changed(kClean, "\nfields:\n", "\nfields:\n  title: " + title + "\n"));
    const auto result = render(dir / "title.yaml", dir / "out.pdf");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const std::string text = pdf_text(dir / "out.pdf");
    EXPECT_TRUE(text.starts_with(title + "项目编码")) << text.substr(0, 200);
    EXPECT_EQ(info_title(dir / "out.pdf"), title + " 440304221061500500012 疫情防控");
    // The Shenzhen bookmark is "{project_code} {project_name}"; a layout without `bookmark:`
    // falls back to the title, which is the declaration's.
    EXPECT_EQ(bookmark_titles(dir / "out.pdf"),
              std::vector<std::string>{"440304221061500500012 疫情防控"});
    const fs::path layouts = shenzhen_layout_with(dir, "\nbookmark: [^\n]*", "\n");
    const auto fallback =
        render(dir / "title.yaml", dir / "fallback.pdf", {"--layouts", layouts.string()});
    ASSERT_EQ(fallback.exit_code, 0) << fallback.err;
    EXPECT_EQ(bookmark_titles(dir / "fallback.pdf"), std::vector<std::string>{title});
    EXPECT_EQ(info_title(dir / "fallback.pdf"), title);
}

TEST(PrintChecks, AValueTheLayoutNeverShowsIsAWarningNamingIt) {
    // A layout whose 长期目标 row was taken out: the declaration's 长期目标 would vanish silently.
    TempDir dir;
    const fs::path layouts =
        shenzhen_layout_with(dir, "\n[^\n]*\\{field: long_term_goal[^\n]*", "");
    const auto result = render(kClean, dir / "out.pdf", {"--layouts", layouts.string()});
    EXPECT_EQ(result.exit_code, 3) << result.err;
    EXPECT_NE(result.err.find(kClean +
                              ":16:19: warning: 长期目标（跨度多年的项目需填） "
                              "(long_term_goal) is not printed: the layout " +
                              (layouts / "shenzhen-l2-project.yaml").string() +
                              " has no place for it"),
              std::string::npos)
        << result.err;
    EXPECT_TRUE(fs::exists(dir / "out.pdf")) << "a warning: the form is printed";
}

TEST(PrintChecks, AFooterTheOlderFormHasNoLineForIsAWarning) {
    // Every form takes `footer:`, but the older 项目支出绩效目标申报表 has no 备注 line to print it
    // on.
    TempDir dir;
    const std::string family = kSourceDir + "/inputs/family/legacy-project-targets.yaml";
    write_text(dir / "footer.yaml",
               changed(family, "\nfields:\n", "\nfields:\n  footer: 备注：另附说明\n"));
    const auto result = render(dir / "footer.yaml", dir / "out.pdf");
    EXPECT_EQ(result.exit_code, 3) << result.err;
    EXPECT_NE(result.err.find("footer.yaml:5:11: warning: the footer (footer) is not printed"),
              std::string::npos)
        << result.err;
    EXPECT_EQ(pdf_text(dir / "out.pdf").find("另附说明"), std::string::npos);
}

} // namespace
} // namespace formpdf
