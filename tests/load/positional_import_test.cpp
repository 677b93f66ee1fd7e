// The import of a form read by position (docs/import.md, "Forms read by position"): each value at
// its cell's position counted from the title row, the indicator rows as many as lie between the
// rows above and the 合计 row. The positions are written by hand here; the ones of the real
// self-evaluation layout are tested through the CLI (tests/workbook_writer/).

#include "load/export_import.h"

#include <gtest/gtest.h>

namespace formpdf::load {
namespace {

FormDefinition small_form() {
    FormDefinition form;
    form.id = "small";
    form.title = "自评表";
    for (const auto& [id, label] : std::vector<std::pair<std::string, std::string>>{
             {"name", "项目名称"}, {"amount", "金额"}, {"leader", "负责人"}, {"total", "合计"}}) {
        FieldDefinition field;
        field.id = id;
        field.label = label;
        form.fields.push_back(field);
    }
    TreeDefinition tree;
    tree.id = "indicators";
    tree.label = "绩效指标";
    tree.levels = {{"level1", "一级指标", {}}, {"level2", "二级指标", {}}};
    RowFieldDefinition name;
    name.id = "name";
    name.label = "三级指标";
    RowFieldDefinition score;
    score.id = "score";
    score.label = "得分";
    tree.row_fields = {name, score};
    form.trees.push_back(tree);
    form.import_reading = ImportReading::Positions;
    return form;
}

// 自评表
// 项目名称 | name | 负责人 | leader
// 资金     | 金额
//          | amount
// 一级指标 | 二级指标 | 三级指标 | 得分
// (indicator rows: level1 | level2 | name | score)
// 合计     |          |          | total
// 负责人： | leader
FormCellPositions small_positions() {
    FormCellPositions positions;
    positions.above = {{0, 0, "", "title"},    {1, 0, "项目名称", ""}, {1, 1, "", "name"},
                       {1, 2, "负责人", ""},   {1, 3, "", "leader"},   {2, 0, "资金", ""},
                       {2, 1, "金额", ""},     {3, 1, "", "amount"},   {4, 0, "一级指标", ""},
                       {4, 1, "二级指标", ""}, {4, 2, "三级指标", ""}, {4, 3, "得分", ""}};
    positions.rows_above = 5;
    positions.has_group = true;
    positions.group = {"indicators", {0, 1}, {2, 3}};
    positions.below = {
        {0, 0, "合计", ""}, {0, 3, "", "total"}, {1, 0, "负责人：", ""}, {1, 1, "", "leader"}};
    positions.rows_below = 2;
    return positions;
}

const std::string kForm = "自评表\n"
                          "项目名称\tX工程\t负责人\t张三\n"
                          "资金\t金额\n"
                          "\t1.00\n"
                          "一级指标\t二级指标\t三级指标\t得分\n"
                          "产出\t数量\t件数\t5\n"
                          "\t\t批次\t3\n"
                          "\n"
                          "效益\t社会效益\t满意\t2\n"
                          "合计\t\t\t10\n"
                          "负责人：\t张三\n";

ExportImport import_text(const std::string& text) {
    static const FormDefinition form = small_form();
    static const FormCellPositions positions = small_positions();
    return import_export_grid(grid_from_tab_text(text, "x.txt"), form, &positions);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    return text.replace(text.find(from), from.size(), to);
}

std::string errors_of(const ExportImport& imported) {
    std::string text;
    for (const Diagnostic& diagnostic : imported.diagnostics.items()) {
        if (diagnostic.severity == Severity::Error) {
            text += std::to_string(diagnostic.loc.line) + ":" + std::to_string(diagnostic.loc.col) +
                    ": " + diagnostic.message + "\n";
        }
    }
    return text;
}

TEST(PositionalImport, ValuesAreReadAtTheirPositionsAndIndicatorRowsMayBeAdded) {
    const ExportImport imported = import_text(kForm);
    ASSERT_EQ(errors_of(imported), "");
    ASSERT_EQ(imported.forms.size(), 1U);
    const Declaration& form = imported.forms[0].declaration;
    ASSERT_EQ(form.fields.size(), 4U); // in the definition's order
    EXPECT_EQ(form.fields[0].first, "name");
    EXPECT_EQ(form.fields[0].second.text, "X工程");
    EXPECT_EQ(form.fields[1].second.text, "1.00");
    EXPECT_EQ(form.fields[1].second.loc.line, 4);
    EXPECT_EQ(form.fields[1].second.loc.col, 2);
    EXPECT_EQ(form.fields[2].second.text, "张三"); // shown twice, read once
    EXPECT_EQ(form.fields[3].second.text, "10");
    const std::vector<Group>* groups = form.tree("indicators");
    ASSERT_NE(groups, nullptr);
    ASSERT_EQ(groups->size(), 2U);
    ASSERT_EQ((*groups)[0].groups.at(0).records.size(), 2U); // 批次 continues 数量
    EXPECT_EQ((*groups)[0].groups[0].records[1].fields[0].second.text, "批次");
    EXPECT_EQ((*groups)[1].groups.at(0).label.text, "社会效益");
    EXPECT_EQ(imported.forms[0].last_line, 11);
}

TEST(PositionalImport, AnEmptyValueCellIsAnEmptyValueAtItsCell) {
    const ExportImport imported = import_text(replaced(kForm, "\t1.00", ""));
    ASSERT_EQ(errors_of(imported), "");
    const TextValue* amount = imported.forms.at(0).declaration.field("amount");
    ASSERT_NE(amount, nullptr);
    EXPECT_EQ(amount->text, "");
    EXPECT_EQ(amount->loc.line, 4);
}

TEST(PositionalImport, FormsStackedOnOneSheetAreReadEachFromItsTitle) {
    const ExportImport imported = import_text(kForm + "\n\n" + kForm);
    ASSERT_EQ(errors_of(imported), "");
    ASSERT_EQ(imported.forms.size(), 2U);
    EXPECT_EQ(imported.forms[1].first_line, 14);
    EXPECT_EQ(imported.forms[1].declaration.field("amount")->loc.line, 17);
}

TEST(PositionalImport, CellsOutOfTheLayoutArePointedAt) {
    EXPECT_EQ(errors_of(import_text(replaced(kForm, "合计\t\t\t10\n", ""))),
              "10:1: the form ends without the row '合计' below its 绩效指标 rows\n");

    EXPECT_EQ(errors_of(import_text(replaced(kForm, "负责人：\t张三", "负责人：\t李四"))),
              "11:6: the form shows '负责人' twice, with two values: '张三' and here '李四'\n");

    EXPECT_EQ(errors_of(import_text(replaced(kForm, "满意\t2", "满意\t2\t多余"))),
              "9:14: cannot place the cell '多余' (column 5): the 绩效指标 rows have no cell in "
              "that column\n");

    // A row deleted above the amount: the labels are not where the layout has them.
    const std::string moved = errors_of(import_text(replaced(kForm, "资金\t金额\n", "")));
    EXPECT_NE(moved.find("3:2: expected the layout's text '金额' here, found '1.00'"),
              std::string::npos)
        << moved;
}

} // namespace
} // namespace formpdf::load
