// The import of forms of the family without a 备注 footer (layouts/legacy-project-targets.yaml):
// a form ends at the next title, the table may start right of a vertical label, and sign-off
// fields follow the table. docs/import.md, forms whose definition has no `footer:`.

#include "load/export_import.h"

#include "load/layout_loader.h"

#include <gtest/gtest.h>

namespace formpdf::load {
namespace {

const FormDefinition& legacy() {
    static const FormDefinition form = [] {
        LayoutSpec layout = load_layout_file(std::string(FORMPDF_SOURCE_DIR) +
                                             "/layouts/legacy-project-targets.yaml");
        return *layout.form;
    }();
    return form;
}

std::string errors_of(const ExportImport& imported) {
    std::string text;
    for (const Diagnostic& diagnostic : imported.diagnostics.items()) {
        if (diagnostic.severity == Severity::Error) {
            text += diagnostic.message + "\n";
        }
    }
    return text;
}

const std::string kTwoForms =
    "项目支出绩效目标申报表\n"
    "（2021年度）\n"
    "填报单位：（盖章）\t\t\t单位：万元\n"
    "项目支出名称\t\t\tX工程\n"
    "预算部门\t\t\t交通局\t金额\t1.00\n"
    "本年度绩效指标\t一级指标\t二级指标\t三级指标\t指标值及单位\t绩效标准\n"
    "\t产出\t数量\t里程\t≥1公里\t计划\n"
    "\t\t质量\t合格率\t100%\t验收\n"
    "填表人：\t张三\t联系电话：\t123\n"
    "填报日期：\t2021年1月1日\t单位负责人签字：\t\n"
    "项目支出绩效目标申报表\n"
    "（2022年度）\n"
    "项目支出名称\t\t\tY工程\n";

TEST(ExportImportFamily, FormsWithoutFooterEndAtTheNextTitleOrTheEnd) {
    const ExportImport imported = import_export_text(kTwoForms, "two.txt", legacy());
    ASSERT_EQ(errors_of(imported), "");
    ASSERT_EQ(imported.forms.size(), 2U);
    const Declaration& first = imported.forms[0].declaration;
    EXPECT_EQ(imported.forms[0].first_line, 1);
    EXPECT_EQ(imported.forms[0].last_line, 10);
    EXPECT_EQ(first.field("subtitle")->text, "（2021年度）");
    EXPECT_EQ(first.field("project_name")->text, "X工程");
    EXPECT_EQ(first.field("amount")->text, "1.00");
    EXPECT_EQ(first.field("preparer")->text, "张三");
    EXPECT_EQ(first.field("phone")->text, "123");
    EXPECT_EQ(first.field("fill_date")->text, "2021年1月1日");
    const std::vector<Group>* tree = first.tree("indicators");
    ASSERT_NE(tree, nullptr);
    ASSERT_EQ(tree->size(), 1U);
    EXPECT_EQ((*tree)[0].label.text, "产出");
    ASSERT_EQ((*tree)[0].groups.size(), 2U);
    EXPECT_EQ((*tree)[0].groups[1].label.text, "质量");
    ASSERT_EQ((*tree)[0].groups[1].records.size(), 1U);
    EXPECT_EQ((*tree)[0].groups[1].records[0].fields[0].second.text, "合格率");
    EXPECT_EQ((*tree)[0].groups[1].records[0].fields[0].second.loc.line, 8);
    EXPECT_EQ(imported.forms[1].first_line, 11);
    EXPECT_EQ(imported.forms[1].last_line, 13);
    EXPECT_EQ(imported.forms[1].declaration.field("subtitle")->text, "（2022年度）");
    EXPECT_EQ(imported.forms[1].declaration.field("project_name")->text, "Y工程");
}

TEST(ExportImportFamily, TextThatIsNeitherLabelNorLayoutTextIsStillAnError) {
    std::string text = kTwoForms;
    text.replace(text.find("单位：万元"), std::string("单位：万元").size(), "单位：元");
    const ExportImport imported = import_export_text(text, "two.txt", legacy());
    EXPECT_NE(errors_of(imported).find("cannot place the cell '单位：元' (column 4): it is not a "
                                       "label of the form 'legacy-project-targets'"),
              std::string::npos)
        << errors_of(imported);
}

TEST(ExportImportFamily, TextInTheVerticalLabelColumnOfAnIndicatorRowIsAnError) {
    std::string text = kTwoForms;
    text.replace(text.find("\t\t质量"), 1, "多余");
    const ExportImport imported = import_export_text(text, "two.txt", legacy());
    EXPECT_NE(errors_of(imported).find("cannot place the cell '多余' (column 1): it is under the "
                                       "本年度绩效指标 label, left of the table"),
              std::string::npos)
        << errors_of(imported);
}

} // namespace
} // namespace formpdf::load
