// `formpdf workbook` through the CLI: the .xlsx it writes is read by other programs (openpyxl,
// LibreOffice), holds every value exactly as declared, reads back through `formpdf import` to the
// same declarations, and is protected with drop-downs. docs/workbook.md.

#include "support/command.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

namespace formpdf::testing {
namespace {

const std::filesystem::path kSource = FORMPDF_SOURCE_DIR;
// Debian's python3, where python3-openpyxl is installed (scripts/install-deps); not a python3
// of another installation earlier on PATH.
const std::string kPython = "/usr/bin/python3";
const std::string kInspect = (kSource / "tests/workbook_writer/xlsx_inspect.py").string();

std::vector<std::filesystem::path> seed_declarations() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(kSource / "inputs/declarations")) {
        files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

CommandResult workbook(std::vector<std::string> args) {
    args.insert(args.begin(), {formpdf_binary(), "workbook"});
    return run_command(args, {"SOURCE_DATE_EPOCH=1700000000"});
}

std::string without_first_line(const std::string& text) {
    return text.substr(text.find('\n') + 1);
}

// Imports the tab text and compares every declaration written with the seed's, byte for byte but
// for the first line (the comment naming the export it came from).
void expect_imports_to_seed(const TempDir& dir, const std::string& tab_text, std::size_t forms) {
    write_text(dir / "sheets.txt", tab_text);
    const CommandResult imported =
        run_command({formpdf_binary(), "import", (dir / "sheets.txt").string(), "-o",
                     (dir / "imported").string(), "--warning-exit-0"});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    std::size_t compared = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir / "imported")) {
        if (entry.path().extension() != ".yaml") {
            continue;
        }
        const std::filesystem::path seed =
            kSource / "inputs/declarations" / entry.path().filename();
        ASSERT_TRUE(std::filesystem::exists(seed)) << entry.path();
        EXPECT_EQ(without_first_line(read_text(entry.path())), without_first_line(read_text(seed)))
            << entry.path().filename();
        ++compared;
    }
    EXPECT_EQ(compared, forms);
}

TEST(WorkbookCli, AllSeedFormsReadBackToTheSameDeclarations) {
    TempDir dir;
    std::vector<std::string> args;
    for (const auto& file : seed_declarations()) {
        args.push_back(file.string());
    }
    args.insert(args.end(), {"-o", (dir / "forms.xlsx").string()});
    const CommandResult written = workbook(args);
    ASSERT_EQ(written.exit_code, 0) << written.err;
    EXPECT_EQ(written.err, "");
    const CommandResult tab =
        run_command({kPython, kInspect, "tab", (dir / "forms.xlsx").string()});
    ASSERT_EQ(tab.exit_code, 0) << tab.err;
    expect_imports_to_seed(dir, tab.out, 41);
}

TEST(WorkbookCli, SheetIsProtectedTextWithDropDowns) {
    TempDir dir;
    const auto xlsx = dir / "one.xlsx";
    const CommandResult written =
        workbook({(kSource / "inputs/declarations/440304221061500600011.yaml").string(), "-o",
                  xlsx.string()});
    ASSERT_EQ(written.exit_code, 0) << written.err;
    const CommandResult inspected = run_command({kPython, kInspect, "json", xlsx.string()});
    ASSERT_EQ(inspected.exit_code, 0) << inspected.err;
    const auto sheets = nlohmann::json::parse(inspected.out);
    ASSERT_EQ(sheets.size(), 1U);
    const auto& sheet = sheets[0];
    EXPECT_EQ(sheet["name"], "440304221061500600011");
    EXPECT_TRUE(sheet["protected"].get<bool>());
    EXPECT_TRUE(sheet["insert_rows_allowed"].get<bool>());
    // Every value is a text cell with the text format: the code keeps its 21 digits, the amount
    // its two decimals.
    EXPECT_EQ(sheet["types"], nlohmann::json::array({"s"}));
    EXPECT_EQ(sheet["number_formats"], nlohmann::json::array({"@"}));
    EXPECT_EQ(sheet["cells"]["B2"], "440304221061500600011");
    EXPECT_EQ(sheet["cells"]["A6"], "项目总金额（中期规划，万元）：");
    EXPECT_EQ(sheet["cells"]["B6"], "849.00");
    EXPECT_EQ(sheet["cells"]["E6"], "283.00");
    // Merges: the title across the width, the code's value over two columns.
    const auto& merged = sheet["merged"];
    EXPECT_NE(std::find(merged.begin(), merged.end(), "A1:E1"), merged.end());
    EXPECT_NE(std::find(merged.begin(), merged.end(), "B2:C2"), merged.end());
    EXPECT_NE(std::find(merged.begin(), merged.end(), "B7:E7"), merged.end()); // 项目概况
    // Only the fill-in cells are unlocked: the long texts and the indicator rows' own cells, not
    // the grey header values, the labels or the 一级/二级 names.
    const auto& unlocked = sheet["unlocked"];
    const auto is_unlocked = [&](const std::string& cell) {
        return std::find(unlocked.begin(), unlocked.end(), cell) != unlocked.end();
    };
    EXPECT_TRUE(is_unlocked("B7"));
    EXPECT_TRUE(is_unlocked("C11")); // the first 三级指标
    EXPECT_FALSE(is_unlocked("B2"));
    EXPECT_FALSE(is_unlocked("A2"));
    EXPECT_FALSE(is_unlocked("A11"));
    EXPECT_FALSE(is_unlocked("A1"));
    // Drop-downs: 是否新增项目 (strict), 一级 and 二级 names (a warning for other names).
    const auto& validations = sheet["validations"];
    ASSERT_EQ(validations.size(), 3U);
    EXPECT_EQ(validations[0]["range"], "B5:C5");
    EXPECT_EQ(validations[0]["type"], "list");
    EXPECT_EQ(validations[0]["list"], "\"是,否\"");
    EXPECT_EQ(validations[0]["error_style"], "stop");
    EXPECT_EQ(validations[1]["list"], "\"产出,效益,满意度\"");
    EXPECT_EQ(validations[1]["error_style"], "warning");
    EXPECT_EQ(validations[2]["range"].get<std::string>().substr(0, 4), "B11:");
}

TEST(WorkbookCli, BlankFormFromAFormIdOrALayoutFile) {
    TempDir dir;
    for (const std::string& blank : {std::string("shenzhen-l2-project"),
                                     (kSource / "layouts/shenzhen-l2-project.yaml").string()}) {
        const CommandResult written =
            workbook({"--blank", blank, "-o", (dir / "blank.xlsx").string()});
        ASSERT_EQ(written.exit_code, 0) << written.err;
        const auto sheets = nlohmann::json::parse(
            run_command({kPython, kInspect, "json", (dir / "blank.xlsx").string()}).out);
        ASSERT_EQ(sheets.size(), 1U);
        EXPECT_EQ(sheets[0]["name"], "二级项目支出绩效目标申报表");
        EXPECT_EQ(sheets[0]["validations"].size(), 3U);
        const auto& unlocked = sheets[0]["unlocked"];
        // The empty grey cells are filled in too: 项目编码's value, the first row's 一级指标.
        EXPECT_NE(std::find(unlocked.begin(), unlocked.end(), "B2"), unlocked.end());
        EXPECT_NE(std::find(unlocked.begin(), unlocked.end(), "A11"), unlocked.end());
        EXPECT_EQ(sheets[0]["cells"]["A10"], "一级指标");
    }
}

TEST(WorkbookCli, EveryBundledLayoutAndFamilyDeclaration) {
    TempDir dir;
    for (const auto& entry : std::filesystem::directory_iterator(kSource / "layouts")) {
        const auto xlsx = dir / (entry.path().stem().string() + ".xlsx");
        const CommandResult written =
            workbook({"--blank", entry.path().string(), "-o", xlsx.string()});
        ASSERT_EQ(written.exit_code, 0) << entry.path() << written.err;
        const CommandResult inspected = run_command({kPython, kInspect, "json", xlsx.string()});
        ASSERT_EQ(inspected.exit_code, 0) << entry.path() << inspected.err;
        EXPECT_EQ(nlohmann::json::parse(inspected.out).size(), 1U) << entry.path();
    }
    const auto xlsx = dir / "family.xlsx";
    const CommandResult written = workbook(
        {(kSource / "inputs/family/legacy-project-targets.yaml").string(),
         (kSource / "inputs/family/project-self-evaluation.yaml").string(), "-o", xlsx.string()});
    ASSERT_EQ(written.exit_code, 0) << written.err;
    const auto sheets =
        nlohmann::json::parse(run_command({kPython, kInspect, "json", xlsx.string()}).out);
    ASSERT_EQ(sheets.size(), 2U);
    // Sheets of forms without a code are named by their bookmark (the project's name).
    EXPECT_EQ(sheets[0]["name"], "2020年桃溪县农村公路养护及危桥改造工程");
    EXPECT_EQ(sheets[0]["validations"].size(), 3U); // 项目属性, 一级, 二级
}

TEST(WorkbookCli, UsageAndInputErrorsWriteNothing) {
    TempDir dir;
    const auto xlsx = dir / "out.xlsx";
    const std::string decl = (kSource / "inputs/declarations/440304221061500600011.yaml").string();
    CommandResult result = workbook({decl, "--blank", "shenzhen-l2-project", "-o", xlsx.string()});
    EXPECT_EQ(result.exit_code, 64);
    EXPECT_NE(result.err.find("--blank"), std::string::npos);
    result = workbook({"-o", xlsx.string()});
    EXPECT_EQ(result.exit_code, 64);
    result = workbook({decl, "-o", decl});
    EXPECT_EQ(result.exit_code, 64);
    EXPECT_NE(result.err.find("is the input"), std::string::npos);
    result = workbook({"--blank", "no-such-form", "-o", xlsx.string()});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find("no layout for form 'no-such-form'"), std::string::npos);

    // A value the layout has no cell for would be lost: an error at the value, nothing written,
    // an existing workbook left as it was.
    write_text(xlsx, "old");
    write_text(dir / "extra.yaml",
               "form: shenzhen-l2-project\nfields:\n  project_code: '1'\n  remark: 多出的字段\n");
    result = workbook({(dir / "extra.yaml").string(), "-o", xlsx.string()});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find("extra.yaml:4:11: error: this value has no cell"), std::string::npos)
        << result.err;
    EXPECT_EQ(read_text(xlsx), "old");
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                            std::filesystem::directory_iterator()),
              2); // no temporary left behind
}

TEST(WorkbookCli, TextsKeepLineBreaksSpacesAndEscapes) {
    TempDir dir;
    write_text(dir / "d.yaml", "form: shenzhen-l2-project\nfields:\n  project_code: '1'\n"
                               "  project_name: \"  第一行\\n第二行 \"\n"
                               "  project_type: '_x0041_'\n");
    const auto xlsx = dir / "d.xlsx";
    const CommandResult written = workbook({(dir / "d.yaml").string(), "-o", xlsx.string()});
    ASSERT_EQ(written.exit_code, 0) << written.err;
    const auto sheets =
        nlohmann::json::parse(run_command({kPython, kInspect, "json", xlsx.string()}).out);
    EXPECT_EQ(sheets[0]["cells"]["E2"], "  第一行\n第二行 ");
    // OOXML reads _x0041_ as "A": the underscore is escaped, so Excel shows the text as declared.
    const std::string strings =
        run_command({kPython, kInspect, "xml", xlsx.string(), "xl/sharedStrings.xml"}).out;
    EXPECT_NE(strings.find(">_x005F_x0041_<"), std::string::npos) << strings;
}

TEST(WorkbookCli, SameInputSameBytes) {
    TempDir dir;
    const std::string decl = (kSource / "inputs/declarations/440304221061500600011.yaml").string();
    ASSERT_EQ(workbook({decl, "-o", (dir / "a.xlsx").string()}).exit_code, 0);
    ASSERT_EQ(workbook({decl, "-o", (dir / "b.xlsx").string()}).exit_code, 0);
    EXPECT_EQ(read_text(dir / "a.xlsx"), read_text(dir / "b.xlsx"));
}

} // namespace
} // namespace formpdf::testing
