// A cell's hint (docs/layout-format.md, "Drawing a cell") through the CLI: printed, lighter, where
// the value is empty; never data: the fill-in workbook leaves the value's cell empty, the import
// reads no hint back as a value, and check still finds the required value missing. The layout's
// own texts of a cell of several texts are passed over by the import.

#include "load/declaration.h"
#include "support/command.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>

namespace formpdf::testing {
namespace {

using nlohmann::json;

const std::filesystem::path kSource = FORMPDF_SOURCE_DIR;
const std::filesystem::path kForm = kSource / "tests/data/cell-hints";
const std::string kDeclaration = (kForm / "declaration.yaml").string();
const std::string kOverviewHint = "（100字以内）";
const std::string kRemarkHint = "对照年度目标逐项说明";

// The texts of the dump's first page, with their colours.
std::map<std::string, std::string> dumped_texts(const std::filesystem::path& dump) {
    std::map<std::string, std::string> texts;
    const json parsed = json::parse(read_text(dump));
    for (const json& item : parsed["pages"][0]["items"]) {
        if (item["type"] == "text") {
            texts[item["text"].get<std::string>()] = item["color"].get<std::string>();
        }
    }
    return texts;
}

TEST(CellHints, PrintedGreyWhereTheValueIsEmptyOnly) {
    TempDir dir;
    const CommandResult rendered =
        run_command({formpdf_binary(), "render", kDeclaration, "--layouts", kForm.string(), "-o",
                     (dir / "out.pdf").string(), "--dump-layout", (dir / "dump.json").string()});
    // Written, with the check's error that the required overview is empty: the hint printed in
    // its place does not count as a value.
    ASSERT_EQ(rendered.exit_code, 3) << rendered.err;
    EXPECT_NE(rendered.err.find("(overview) is required, but it is empty"), std::string::npos)
        << rendered.err;
    const auto texts = dumped_texts(dir / "dump.json");
    ASSERT_TRUE(texts.count(kOverviewHint)) << "the empty overview shows its hint";
    EXPECT_EQ(texts.at(kOverviewHint), "#808080");
    EXPECT_EQ(texts.count(kRemarkHint), 0u) << "the remark has a value";
    EXPECT_EQ(texts.at("已按计划完成。"), "#000000");

    const CommandResult blank =
        run_command({formpdf_binary(), "render", (kForm / "cell-hints.yaml").string(), "-o",
                     (dir / "blank.pdf").string(), "--dump-layout", (dir / "blank.json").string()});
    ASSERT_EQ(blank.exit_code, 0) << blank.err;
    const auto blank_texts = dumped_texts(dir / "blank.json");
    EXPECT_EQ(blank_texts.at(kOverviewHint), "#808080");
    EXPECT_EQ(blank_texts.at(kRemarkHint), "#999999") << "the hint-style";
}

TEST(CellHints, NeverInTheWorkbookNorReadBackByTheImport) {
    TempDir dir;
    const auto xlsx = dir / "unit.xlsx";
    const CommandResult written = run_command({formpdf_binary(), "workbook", kDeclaration,
                                               "--layouts", kForm.string(), "-o", xlsx.string()});
    ASSERT_EQ(written.exit_code, 0) << written.err;
    const CommandResult blank =
        run_command({formpdf_binary(), "workbook", "--blank", (kForm / "cell-hints.yaml").string(),
                     "-o", (dir / "blank.xlsx").string()});
    ASSERT_EQ(blank.exit_code, 0) << blank.err;
    for (const auto& book : {xlsx, dir / "blank.xlsx"}) {
        const CommandResult tab = run_command(
            {"/usr/bin/python3", (kSource / "tests/workbook_writer/xlsx_inspect.py").string(),
             "tab", book.string()});
        ASSERT_EQ(tab.exit_code, 0) << tab.err;
        EXPECT_NE(tab.out.find("项目概况"), std::string::npos) << tab.out;
        EXPECT_NE(tab.out.find("同意。\n（盖章）"), std::string::npos)
            << "a cell of several texts shows them one a line";
        EXPECT_EQ(tab.out.find(kOverviewHint), std::string::npos) << book << "\n" << tab.out;
        EXPECT_EQ(tab.out.find(kRemarkHint), std::string::npos) << book << "\n" << tab.out;
    }

    const CommandResult imported =
        run_command({formpdf_binary(), "import", xlsx.string(), "--layouts", kForm.string(), "-o",
                     (dir / "back").string(), "--warning-exit-0"});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    std::filesystem::path back;
    for (const auto& entry : std::filesystem::directory_iterator(dir / "back")) {
        if (entry.path().extension() == ".yaml") {
            back = entry.path();
        }
    }
    ASSERT_FALSE(back.empty()) << imported.err;
    const std::string text = read_text(back);
    EXPECT_EQ(text.find(kOverviewHint), std::string::npos) << text;
    EXPECT_EQ(text.find(kRemarkHint), std::string::npos) << text;
    const load::Declaration declaration = load::load_declarations_file(back).at(0);
    const load::TextValue* overview = declaration.field("overview");
    EXPECT_TRUE(!overview || overview->text.empty()) << overview->text;
    ASSERT_TRUE(declaration.field("remark"));
    EXPECT_EQ(declaration.field("remark")->text, "已按计划完成。");
}

TEST(CellHints, CheckFindsTheRequiredValueMissingThoughItsHintIsPrinted) {
    const CommandResult checked =
        run_command({formpdf_binary(), "check", kDeclaration, "--layouts", kForm.string()});
    EXPECT_NE(checked.exit_code, 0) << checked.out << checked.err;
    const std::string report = checked.out + checked.err;
    EXPECT_NE(report.find("overview"), std::string::npos) << report;
    EXPECT_EQ(report.find(kOverviewHint), std::string::npos) << report;
}

} // namespace
} // namespace formpdf::testing
