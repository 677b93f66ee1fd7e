// The import of a list table (docs/import.md, "Lists"): the row of the layout's headings, then one
// record per row, every cell's text exactly as given. The columns are written by hand here; those
// of a real layout, through `formpdf workbook` and `formpdf import`:
// tests/workbook_writer/list_round_trip_test.cpp.

#include "load/export_import.h"
#include "load/list_table_reader.h"

#include "core/diagnostic.h"

#include <gtest/gtest.h>

namespace formpdf::load {
namespace {

// 汇总表 (no footer: a form ends at the next title or the end of the sheet)
// 填报单位 | unit | 单位：元
// 编码 | 名称 | 金额            the list's header row
// (records: code | name | amount)
// 合计 | total                  a field's label: the list ends above it
FormDefinition summary_form() {
    FormDefinition form;
    form.id = "summary";
    form.title = "汇总表";
    for (const auto& [id, label] : std::vector<std::pair<std::string, std::string>>{
             {"unit", "填报单位"}, {"total", "合计"}}) {
        FieldDefinition field;
        field.id = id;
        field.label = label;
        form.fields.push_back(field);
    }
    TreeDefinition list;
    list.id = "items";
    list.label = "明细";
    list.list = true;
    for (const auto& [id, label] : std::vector<std::pair<std::string, std::string>>{
             {"code", "编码"}, {"name", "名称"}, {"amount", "金额"}}) {
        RowFieldDefinition field;
        field.id = id;
        field.label = label;
        list.row_fields.push_back(field);
    }
    form.trees.push_back(list);
    form.layout_texts = {"单位：元", "编码", "名称", "金额"};
    return form;
}

std::vector<ListTableColumns> summary_columns(bool merged = false) {
    ListTableColumns list;
    list.list = "items";
    list.headings = {{0, "编码", false}, {1, "名称", false}, {2, "金额", false}};
    // The amount is read in column 3 (D): the name's cell spans B:C.
    list.columns = {{0, "code", merged}, {1, "name", merged}, {3, "amount", false}};
    list.headings[2].column = 3;
    return {list};
}

ExportImport import_text(const std::string& text, bool merged = false) {
    static const FormDefinition form = summary_form();
    const std::vector<ListTableColumns> columns = summary_columns(merged);
    return import_export_grid(grid_from_tab_text(text, "x.txt"), form, nullptr, columns);
}

std::string diagnostics_of(const ExportImport& imported) {
    std::string text;
    for (const Diagnostic& diagnostic : imported.diagnostics.items()) {
        if (diagnostic.severity != Severity::Error) {
            continue; // the form has no code: named by its line
        }
        text += diagnostic.loc.file + ":" + std::to_string(diagnostic.loc.line) + ":" +
                std::to_string(diagnostic.loc.col) + ": " + diagnostic.message + "\n";
        if (!diagnostic.hint.empty()) {
            text += "hint: " + diagnostic.hint + "\n";
        }
    }
    return text;
}

// "code=001 name=… amount=…" for each record of the form's list.
std::vector<std::string> records_of(const ExportImport& imported, std::size_t form = 0) {
    std::vector<std::string> lines;
    const std::vector<Group>* list = imported.forms.at(form).declaration.tree("items");
    if (!list) {
        return {"(no list)"};
    }
    std::vector<Record> one_field;
    for (const Record* record : list_records(*list, one_field)) {
        std::string line;
        for (const auto& [id, value] : record->fields) {
            line += (line.empty() ? "" : " ") + id + "=" + value.text;
        }
        lines.push_back(line);
    }
    return lines;
}

const std::string kHead = "汇总表\n"
                          "填报单位\t甲单位\t\t单位：元\n"
                          "编码\t名称\t\t金额\n";

TEST(ListImport, EachRowUnderTheHeaderRowIsOneRecordWithEveryCellExactly) {
    const ExportImport imported = import_text(kHead + "001\t 办公  大楼 \t\t1,866.00\n"
                                                      "002\t\t\t0.00\n"
                                                      "003\t*数量\t\t3\n");
    ASSERT_EQ(diagnostics_of(imported), "");
    ASSERT_EQ(imported.forms.size(), 1U);
    EXPECT_EQ(
        records_of(imported),
        (std::vector<std::string>{"code=001 name= 办公  大楼  amount=1,866.00",
                                  "code=002 name= amount=0.00", "code=003 name=*数量 amount=3"}));
    const Declaration& declaration = imported.forms[0].declaration;
    EXPECT_EQ(declaration.field("unit")->text, "甲单位");
    // Every value is located at its cell; an empty one at the cell where it would be.
    const Record& second = declaration.tree("items")->at(0).records.at(1);
    EXPECT_EQ(second.fields[1].second.loc.line, 5);
    EXPECT_EQ(second.fields[1].second.loc.col, 5);
    EXPECT_EQ(second.fields[2].second.loc.col, 7);
}

TEST(ListImport, EmptyRowsAtTheEndAreIgnored) {
    const ExportImport imported = import_text(kHead + "001\t甲\t\t1\n\t\t\t\n  \t\n\n\n");
    ASSERT_EQ(diagnostics_of(imported), "");
    EXPECT_EQ(records_of(imported), (std::vector<std::string>{"code=001 name=甲 amount=1"}));
}

TEST(ListImport, AHeaderWithoutRecordsIsAnEmptyList) {
    const ExportImport imported = import_text(kHead);
    ASSERT_EQ(diagnostics_of(imported), "");
    const std::vector<Group>* list = imported.forms.at(0).declaration.tree("items");
    ASSERT_NE(list, nullptr);
    EXPECT_TRUE(list->empty());
}

TEST(ListImport, TheListEndsAtARowThatStartsWithALabel) {
    const ExportImport imported = import_text(
        kHead + "001\t甲\t\t1\n002\t乙\t\t2\n合计\t3\n\n汇总表\n编码\t名称\t\t金额\n9\t丙\t\t4\n");
    ASSERT_EQ(diagnostics_of(imported), "");
    ASSERT_EQ(imported.forms.size(), 2U);
    EXPECT_EQ(records_of(imported).size(), 2U);
    EXPECT_EQ(imported.forms[0].declaration.field("total")->text, "3");
    EXPECT_EQ(records_of(imported, 1), (std::vector<std::string>{"code=9 name=丙 amount=4"}));
}

TEST(ListImport, ACellOutsideTheListsColumnsIsAnErrorAtItsCell) {
    EXPECT_EQ(diagnostics_of(import_text(kHead + "001\t甲\t\t1\n002\t乙\t多余\t2\n")),
              "x.txt:5:7: cannot place the cell '多余' (column 3): the rows of the list '明细' "
              "have no cell in that column\n"
              "hint: each row of a list is one record, each of its cells under a heading of the "
              "header row (编码 | 名称 | 金额); a cell merged across columns is read in its first "
              "column\n");
    EXPECT_NE(diagnostics_of(import_text(kHead + "001\t甲\t\t1\t\t多余\n"))
                  .find("x.txt:4:11: cannot place the cell '多余' (column 6)"),
              std::string::npos);
}

TEST(ListImport, AHeaderThatDiffersFromTheLayoutsIsAnErrorAtTheCell) {
    const std::string changed = "汇总表\n编码\t项目名称\t\t金额\n001\t甲\t\t1\n";
    EXPECT_EQ(diagnostics_of(import_text(changed)),
              "x.txt:2:4: expected the heading '名称' of the list '明细' here, found '项目名称'\n"
              "hint: the rows of a list are read by the columns of its header row, which holds "
              "the layout's headings: 编码 | 名称 | 金额\n");
    // A heading moved one column to the right.
    const std::string moved = diagnostics_of(import_text("汇总表\n编码\t名称\t金额\t\n"));
    EXPECT_NE(moved.find("x.txt:2:10: expected the heading '金额' of the list '明细' here, found "
                         "an empty cell"),
              std::string::npos)
        << moved;
    EXPECT_NE(moved.find("x.txt:2:7: cannot place the cell '金额' (column 3): the header row of "
                         "the list '明细' has no heading there"),
              std::string::npos)
        << moved;
}

TEST(ListImport, AnEmptyCellOfAMergedColumnContinuesTheValueAbove) {
    // code and name are merge-by columns: the export writes each merged cell once.
    const ExportImport imported =
        import_text(kHead + "001\t甲\t\t1\n"
                            "\t\t\t2\n"    // 001 甲
                            "\t乙\t\t3\n"  // 001, a new name
                            "002\t\t\t4\n" // a new code: its name is empty
                            "\t\t\t5\n",   // 002, still empty
                    true);
    ASSERT_EQ(diagnostics_of(imported), "");
    EXPECT_EQ(records_of(imported),
              (std::vector<std::string>{"code=001 name=甲 amount=1", "code=001 name=甲 amount=2",
                                        "code=001 name=乙 amount=3", "code=002 name= amount=4",
                                        "code=002 name= amount=5"}));
}

TEST(ListImport, AWorkbookCellIsNamedAsExcelNamesIt) {
    CellGrid grid;
    grid.file = "x.xlsx";
    grid.unit = GridUnit::SheetCells;
    GridSheet sheet;
    sheet.name = "表1";
    const std::vector<std::vector<std::string>> rows = {
        {"汇总表"}, {"编码", "名称", "", "金额"}, {"001", "甲", "", "1", "多余"}};
    for (std::size_t r = 0; r < rows.size(); ++r) {
        GridRow row;
        row.number = static_cast<int>(r) + 1;
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            row.cells.push_back(GridCell{rows[r][c], static_cast<int>(c) + 1});
        }
        sheet.rows.push_back(row);
    }
    grid.sheets.push_back(sheet);
    const FormDefinition form = summary_form();
    const ExportImport imported = import_export_grid(grid, form, nullptr, summary_columns());
    ASSERT_EQ(imported.diagnostics.count(Severity::Error), 1);
    const std::string message = format_diagnostic(imported.diagnostics.items()[0]);
    EXPECT_EQ(message.rfind("x.xlsx:表1!E3: error: cannot place the cell '多余' (column 5): the "
                            "rows of the list '明细' have no cell in that column",
                            0),
              0U)
        << message;
}

TEST(ListImport, AFormatHeadingMatchesAnyTextInPlaceOfItsFields) {
    EXPECT_TRUE(matches_format("2020年实际执行数", "{prior_year_1}年实际执行数"));
    EXPECT_TRUE(matches_format("年实际执行数", "{prior_year_1}年实际执行数"));
    EXPECT_TRUE(matches_format("第1页共3页", "第{page}页共{pages}页"));
    EXPECT_FALSE(matches_format("2020年执行数", "{prior_year_1}年实际执行数"));
    EXPECT_FALSE(matches_format("实际执行数2020年", "{prior_year_1}年实际执行数"));
    EXPECT_TRUE(matches_format("金额", "金额"));
    EXPECT_FALSE(matches_format("金额 ", "金额"));
}

} // namespace
} // namespace formpdf::load
