// A form printed with a list table (docs/layout-format.md, "List rows") through `formpdf workbook`
// and back through `formpdf import` (docs/import.md, "Lists"): the list's header row, then one
// record per row. tests/data/lists/unit-indicators.yaml is a unit's table of all its projects'
// indicators without merged cells, so every value of every record has a cell of its own.

#include "core/cell_grid.h"
#include "load/declaration.h"
#include "load/export_import.h"
#include "load/layout_loader.h"
#include "support/command.h"
#include "support/workbook_fill_in.h"
#include "workbook_writer/form_sheet.h"
#include "workbook_writer/list_table_columns.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

namespace formpdf::testing {
namespace {

const std::filesystem::path kSource = FORMPDF_SOURCE_DIR;
const std::filesystem::path kLayouts = kSource / "tests/data/lists";
const std::filesystem::path kDeclaration = kLayouts / "unit-indicators.declaration.yaml";
// The form has no code field: its declaration is named by the row its form starts on.
constexpr const char* kImportedName = "form-row-1.yaml";

std::string without_first_line(const std::string& text) {
    return text.substr(text.find('\n') + 1);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return at == std::string::npos ? text : text.replace(at, from.size(), to);
}

class ListRoundTrip : public ::testing::Test {
protected:
    void write_workbook(const std::vector<std::string>& what = {kDeclaration.string()}) {
        std::vector<std::string> argv = {formpdf_binary(), "workbook"};
        argv.insert(argv.end(), what.begin(), what.end());
        argv.insert(argv.end(), {"-o", xlsx().string(), "--layouts", kLayouts.string()});
        const CommandResult written = run_command(argv);
        ASSERT_EQ(written.exit_code, 0) << written.err;
    }
    // Types the cells into the workbook as a person does (support/workbook_fill_in.h).
    void fill_in(const std::vector<std::string>& cells) { fill_in_workbook(xlsx(), cells); }
    CommandResult run_import(const std::filesystem::path& from) {
        return run_command({formpdf_binary(), "import", from.string(), "-o",
                            (dir_ / "imported").string(), "--layouts", kLayouts.string(),
                            "--warning-exit-0"}); // the form has no code: a warning
    }
    std::filesystem::path xlsx() const { return dir_ / "list.xlsx"; }
    std::filesystem::path imported_file() const { return dir_ / "imported" / kImportedName; }
    std::string imported_text() const { return without_first_line(read_text(imported_file())); }

    TempDir dir_;
};

TEST_F(ListRoundTrip, TheWorkbookOfAListDeclarationImportsToTheSameDeclaration) {
    write_workbook();
    const CommandResult imported = run_import(xlsx());
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    // Byte for byte but for the first line, which names the source: the 21-digit codes, '0.00',
    // '90', spaces inside and before a text, a line break in a cell.
    EXPECT_EQ(imported_text(), read_text(kDeclaration));
    // And it prints the same PDF.
    const std::vector<std::string> env = {"SOURCE_DATE_EPOCH=1700000000"};
    const auto source_pdf = dir_ / "source.pdf";
    const auto imported_pdf = dir_ / "imported.pdf";
    for (const auto& [declaration, pdf] :
         {std::pair{kDeclaration, source_pdf}, std::pair{imported_file(), imported_pdf}}) {
        const CommandResult rendered =
            run_command({formpdf_binary(), "render", declaration.string(), "-o", pdf.string(),
                         "--layouts", kLayouts.string()},
                        env);
        ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
    }
    EXPECT_TRUE(read_text(source_pdf) == read_text(imported_pdf));
}

TEST_F(ListRoundTrip, OneEditedCellChangesExactlyThatRecordsField) {
    write_workbook();
    // Row 4 is the header; the second record's 指标值 is G6.
    fill_in({"G6=≥96%"});
    const CommandResult imported = run_import(xlsx());
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_EQ(imported_text(), replaced(read_text(kDeclaration), "value: ≥95%", "value: ≥96%"));
}

TEST_F(ListRoundTrip, TheBlankWorkbookFilledInGivesOneRecordPerFilledRow) {
    write_workbook({"--blank", "unit-indicators"});
    fill_in({"A2=（2025年度）", "B3=青川区档案馆", "A5=440304221061500500077", "B5=档案数字化",
             "C5=120,000.00", "D5=产出指标", "E5=数量指标", "F5=数字化档案页数", "G5=≥50000页",
             "A6=440304221061500500077", "B6=档案数字化", "C6=120,000.00", "D6=满意度指标",
             "F6=利用者满意度", "G6=≥90%"});
    const CommandResult imported = run_import(xlsx());
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    // The four blank rows left under them are not records.
    std::vector<load::Declaration> back = load::load_declarations_file(imported_file());
    ASSERT_EQ(back.size(), 1U);
    EXPECT_EQ(back[0].field("year")->text, "（2025年度）");
    EXPECT_EQ(back[0].field("unit")->text, "青川区档案馆");
    std::vector<load::Record> one_field;
    const std::vector<const load::Record*> records =
        load::list_records(*back[0].tree("indicators"), one_field);
    ASSERT_EQ(records.size(), 2U);
    EXPECT_EQ(records[0]->find("budget")->text, "120,000.00");
    EXPECT_EQ(records[0]->find("code")->text, "440304221061500500077");
    EXPECT_EQ(records[1]->find("level2")->text, ""); // left empty, kept empty
    EXPECT_EQ(records[1]->find("value")->text, "≥90%");
}

TEST_F(ListRoundTrip, ACellOutsideTheListsColumnsIsAnErrorNamingTheSheetCell) {
    write_workbook();
    fill_in({"I6=多余"});
    const CommandResult imported = run_import(xlsx());
    EXPECT_EQ(imported.exit_code, 2);
    EXPECT_NE(imported.err.find("!I6: error: cannot place the cell '多余' (column 9): the rows of "
                                "the list '项目绩效指标' have no cell in that column"),
              std::string::npos)
        << imported.err;
    EXPECT_NE(imported.err.find("hint: each row of a list is one record"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(imported_file()));
}

TEST_F(ListRoundTrip, AChangedHeadingIsAnErrorNamingTheSheetCell) {
    write_workbook();
    fill_in({"C4=预算数"});
    const CommandResult imported = run_import(xlsx());
    EXPECT_EQ(imported.exit_code, 2);
    EXPECT_NE(imported.err.find("!C4: error: expected the heading '预算数（元）' of the list "
                                "'项目绩效指标' here, found '预算数'"),
              std::string::npos)
        << imported.err;
    EXPECT_NE(imported.err.find("hint: the rows of a list are read by the columns of its header "
                                "row, which holds the layout's headings: 项目编码 | 项目名称 | "
                                "预算数（元） | 一级指标"),
              std::string::npos)
        << imported.err;
    EXPECT_FALSE(std::filesystem::exists(imported_file()));
}

TEST_F(ListRoundTrip, TheSheetSavedAsCsvImportsToTheSameDeclaration) {
    write_workbook();
    const CommandResult csv = run_command(
        {"/usr/bin/python3", (kSource / "tests/workbook_writer/xlsx_inspect.py").string(), "csv",
         xlsx().string()});
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    const auto csv_file = dir_ / "list.csv";
    write_text(csv_file, csv.out);
    const CommandResult imported = run_import(csv_file);
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    // A text export's form is named by its line.
    EXPECT_EQ(without_first_line(read_text(dir_ / "imported/form-line-1.yaml")),
              read_text(kDeclaration));
}

TEST_F(ListRoundTrip, TheWorkbookStillRefusesAListWhoseMergedCellsHideValues) {
    // unit-targets merges 单位/项目/预算数/年度目标 over each project's records: the records
    // after the first have no cell of their own for those values (docs/workbook.md).
    const CommandResult written = run_command(
        {formpdf_binary(), "workbook", (kLayouts / "unit-targets.declaration.yaml").string(), "-o",
         xlsx().string(), "--layouts", kLayouts.string()});
    EXPECT_EQ(written.exit_code, 2);
    EXPECT_NE(written.err.find("this value has no cell on the form's sheet"), std::string::npos)
        << written.err;
}

TEST_F(ListRoundTrip, AFormReadByPositionWithAListIsRefused) {
    // The positional reader knows one block of rows of variable length, a tree's: not a list.
    const auto layouts = dir_ / "layouts";
    std::filesystem::create_directories(layouts);
    write_text(layouts / "unit-indicators.yaml",
               replaced(read_text(kLayouts / "unit-indicators.yaml"),
                        "  title: 部门项目支出绩效指标汇总表\n",
                        "  title: 部门项目支出绩效指标汇总表\n  import: positions\n"));
    write_workbook();
    const CommandResult imported =
        run_command({formpdf_binary(), "import", xlsx().string(), "-o",
                     (dir_ / "imported").string(), "--layouts", layouts.string()});
    EXPECT_EQ(imported.exit_code, 2);
    EXPECT_NE(imported.err.find("unit-indicators.yaml:20:11: error: formpdf import cannot read the "
                                "lists of a form read by position yet"),
              std::string::npos)
        << imported.err;
    EXPECT_FALSE(std::filesystem::exists(imported_file()));
}

// The sheet of a form as the tab text of the budget system's export: a merged cell in its first
// row and column, the cells it covers empty.
std::string tab_text_of(const workbook_writer::Sheet& sheet) {
    const std::size_t columns = sheet.column_widths_pt.size();
    std::vector<std::vector<std::string>> rows(sheet.row_heights_pt.size(),
                                               std::vector<std::string>(columns));
    for (const workbook_writer::SheetCell& cell : sheet.cells) {
        rows.at(static_cast<std::size_t>(cell.row)).at(static_cast<std::size_t>(cell.column)) =
            cell.text;
    }
    std::string text;
    for (const auto& row : rows) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            text += (c > 0 ? "\t" : "") + row[c];
        }
        text += "\n";
    }
    return text;
}

TEST(ListImportOfMergedCells, AnExportWithTheMergedCellsWrittenOnceGivesBackEveryRecord) {
    // unit-targets laid out as `formpdf workbook` lays out any form, without the check that
    // refuses it: the export's shape of a list printed with merge-by.
    const load::LayoutSpec layout = load::load_layout_file(kLayouts / "unit-targets.yaml");
    const load::Declaration declaration =
        load::load_declarations_file(kLayouts / "unit-targets.declaration.yaml").at(0);
    const std::string text = tab_text_of(workbook_writer::form_sheet(layout, &declaration));
    ASSERT_NE(text.find("\n\t\t\t\t产出指标\t质量指标\t大楼运行指标2\t"), std::string::npos)
        << text; // the second record: its merged cells are empty
    const load::ExportImport imported =
        load::import_export_grid(grid_from_tab_text(text, "unit.txt"), *layout.form, nullptr,
                                 workbook_writer::list_table_columns(layout));
    for (const Diagnostic& diagnostic : imported.diagnostics.items()) {
        if (diagnostic.severity == Severity::Error) { // not the warning: the form has no code
            ADD_FAILURE() << format_diagnostic(diagnostic);
        }
    }
    ASSERT_EQ(imported.forms.size(), 1U);
    const load::Declaration& back = imported.forms[0].declaration;
    EXPECT_EQ(back.field("year")->text, declaration.field("year")->text);
    std::vector<load::Record> one_field;
    const auto texts = [&](const load::Declaration& d) {
        std::vector<std::string> lines;
        for (const load::Record* record : load::list_records(*d.tree("projects"), one_field)) {
            std::string line;
            for (const auto& [id, value] : record->fields) {
                line += id + "=" + value.text + " ";
            }
            lines.push_back(line);
        }
        return lines;
    };
    EXPECT_EQ(texts(back), texts(declaration));
}

} // namespace
} // namespace formpdf::testing
