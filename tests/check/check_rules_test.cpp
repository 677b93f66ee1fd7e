// Each rule of `formpdf check` (docs/check.md): on the real seed form that shows it where there is
// one, else on a clean real form with one value changed.

#include "check/check.h"

#include "load/declaration.h"
#include "load/layout_loader.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace formpdf::check {
namespace {

using load::Declaration;
using load::Group;
using load::Record;
using load::TextValue;

const load::FormDefinition& shenzhen() {
    static const load::FormDefinition form =
        *load::load_layout_file(std::string(FORMPDF_SOURCE_DIR) +
                                "/layouts/shenzhen-l2-project.yaml")
             .form;
    return form;
}

Declaration real_form(const std::string& code) {
    return load::load_declarations_file(std::string(FORMPDF_SOURCE_DIR) + "/inputs/declarations/" +
                                        code + ".yaml")
        .at(0);
}

// 疫情防控: a clean form, the base of the synthetic cases.
const char* const kClean = "440304221061500500012";

std::vector<Diagnostic> findings(const Declaration& declaration) {
    Diagnostics out;
    check_declaration(declaration, shenzhen(), out);
    return out.items();
}

std::string describe(const std::vector<Diagnostic>& items) {
    std::string text;
    for (const Diagnostic& d : items) {
        text += format_diagnostic(d) + "\n";
    }
    return text;
}

// The one finding of the declaration; a test failure when there are none or several.
Diagnostic only_finding(const Declaration& declaration) {
    const std::vector<Diagnostic> items = findings(declaration);
    EXPECT_EQ(items.size(), 1u) << describe(items);
    return items.empty() ? Diagnostic{} : items[0];
}

void expect_finding(const Diagnostic& finding, Severity severity, const std::string& words) {
    EXPECT_EQ(finding.severity, severity) << finding.message;
    EXPECT_NE(finding.message.find(words), std::string::npos) << finding.message;
}

void set_field(Declaration& declaration, const std::string& id, const std::string& text) {
    for (auto& [key, value] : declaration.fields) {
        if (key == id) {
            value.text = text;
            return;
        }
    }
    declaration.fields.emplace_back(id, TextValue{text, declaration.loc});
}

void remove_field(Declaration& declaration, const std::string& id) {
    std::erase_if(declaration.fields, [&](const auto& field) { return field.first == id; });
}

std::vector<Group>& indicators(Declaration& declaration) {
    for (auto& [id, groups] : declaration.trees) {
        if (id == "indicators") {
            return groups;
        }
    }
    throw std::runtime_error("no indicators");
}

TextValue* row_field(Declaration& declaration, std::size_t first, std::size_t second,
                     std::size_t row, const std::string& id) {
    Record& record = indicators(declaration).at(first).groups.at(second).records.at(row);
    for (auto& [key, value] : record.fields) {
        if (key == id) {
            return &value;
        }
    }
    return nullptr;
}

TEST(CheckRules, ACleanRealFormHasNoFindings) {
    EXPECT_TRUE(findings(real_form(kClean)).empty()) << describe(findings(real_form(kClean)));
    // 政务事项管理, 基层党建: more clean forms of both markers' families.
    EXPECT_TRUE(findings(real_form("440304221061500600009")).empty());
}

TEST(CheckRules, RequiredFieldEmptyOnTheRealGridForm) {
    const Declaration grid = real_form("440304221061500600010"); // 网格信息管理
    const Diagnostic finding = only_finding(grid);
    expect_finding(finding, Severity::Error, "项目概况 (overview) is required, but it is empty");
    EXPECT_EQ(finding.loc.line, grid.field("overview")->loc.line);
    EXPECT_NE(finding.loc.file.find("440304221061500600010.yaml"), std::string::npos);
}

TEST(CheckRules, RequiredFieldMissing) {
    Declaration declaration = real_form(kClean);
    remove_field(declaration, "project_name");
    expect_finding(only_finding(declaration), Severity::Error,
                   "项目名称 (project_name) is required");
}

TEST(CheckRules, CodeMustHaveTwentyOneDigits) {
    Declaration declaration = real_form(kClean);
    set_field(declaration, "project_code", "44030422106150050001");
    expect_finding(only_finding(declaration), Severity::Error, "must be 21 digits");
    set_field(declaration, "project_code", "44030422106150050001O");
    expect_finding(only_finding(declaration), Severity::Error, "not all digits");
}

TEST(CheckRules, AmountsHaveTwoDecimals) {
    Declaration declaration = real_form(kClean);
    set_field(declaration, "total_amount", "1,866.00");
    set_field(declaration, "annual_amount", "622.00");
    EXPECT_TRUE(findings(declaration).empty()) << "thousands separators are allowed";
    set_field(declaration, "total_amount", "1866");
    expect_finding(only_finding(declaration), Severity::Error,
                   "项目总金额（中期规划，万元） must be an amount with 2 decimals");
    set_field(declaration, "total_amount", "1,866.0");
    expect_finding(only_finding(declaration), Severity::Error, "not '1,866.0'");
}

TEST(CheckRules, TheYearsAmountMustNotExceedTheTotal) {
    Declaration declaration = real_form(kClean);
    set_field(declaration, "total_amount", "100.00");
    set_field(declaration, "annual_amount", "1,000.00");
    const Diagnostic finding = only_finding(declaration);
    expect_finding(finding, Severity::Error, "1,000.00 is greater than 项目总金额");
    EXPECT_EQ(finding.loc.line, declaration.field("annual_amount")->loc.line);
    set_field(declaration, "annual_amount", "100.00");
    EXPECT_TRUE(findings(declaration).empty());
}

TEST(CheckRules, ThePeriodIsAWholeNumberOfYears) {
    Declaration declaration = real_form(kClean);
    for (const char* bad : {"2.5", "三", "0", "3年"}) {
        set_field(declaration, "period_years", bad);
        expect_finding(only_finding(declaration), Severity::Error, "whole number of years");
    }
}

TEST(CheckRules, AMultiYearProjectNeedsItsLongTermGoal) {
    Declaration declaration = real_form(kClean); // 实施期限 3
    set_field(declaration, "long_term_goal", "");
    expect_finding(only_finding(declaration), Severity::Error,
                   "长期目标（跨度多年的项目需填） (long_term_goal) is required when 实施期限 is "
                   "more than 1 (it is 3)");
    remove_field(declaration, "long_term_goal");
    expect_finding(only_finding(declaration), Severity::Error, "but it is missing");
    set_field(declaration, "period_years", "1");
    EXPECT_TRUE(findings(declaration).empty()) << "a one-year project needs none";
}

TEST(CheckRules, UnknownIndicatorNamesAndNamesUnderTheWrongFirstLevel) {
    Declaration declaration = real_form(kClean);
    indicators(declaration)[0].label.text = "产出指标";
    expect_finding(only_finding(declaration), Severity::Error, "unknown 一级指标 '产出指标'");

    declaration = real_form(kClean);
    indicators(declaration)[0].groups[3].label.text = "*社会效益"; // *成本 → under 产出
    const std::vector<Diagnostic> items = findings(declaration);
    ASSERT_GE(items.size(), 2u) << describe(items);
    // In the file's order: the missing group is reported at its 一级指标, above.
    expect_finding(items[0], Severity::Error,
                   "the mandatory 二级指标 '*成本' is missing under '产出'");
    expect_finding(items[1], Severity::Error,
                   "'*社会效益' belongs under 一级指标 '效益', not '产出'");

    declaration = real_form(kClean);
    indicators(declaration)[1].groups[0].label.text = "经济效果";
    const Diagnostic unknown = only_finding(declaration);
    expect_finding(unknown, Severity::Error, "unknown 二级指标 '经济效果' under '效益'");
    EXPECT_NE(unknown.hint.find("did you mean '经济效益'"), std::string::npos) << unknown.hint;
}

TEST(CheckRules, AMandatoryIndicatorMissing) {
    Declaration declaration = real_form(kClean);
    auto& output = indicators(declaration)[0].groups;
    output.erase(output.begin() + 2); // *时效
    const Diagnostic finding = only_finding(declaration);
    expect_finding(finding, Severity::Error,
                   "the mandatory 二级指标 '*时效' is missing under '产出'");
    EXPECT_EQ(finding.loc.line, indicators(declaration)[0].label.loc.line);
}

TEST(CheckRules, AMandatoryIndicatorWithOnlyNotApplicableRowsOnTheRealReserveForm) {
    const std::vector<Diagnostic> items = findings(real_form("440304221061500100028"));
    ASSERT_EQ(items.size(), 2u) << describe(items);
    expect_finding(items[0], Severity::Note, "marked '•' instead of '*'");
    expect_finding(items[1], Severity::Warning,
                   "the mandatory 二级指标 '•社会效益' has only 不适用 rows");
}

TEST(CheckRules, TheBulletMarkerIsOneNotePerForm) {
    const Diagnostic finding = only_finding(real_form("440304221061500000005")); // 基层党建
    expect_finding(finding, Severity::Note,
                   "the mandatory 二级指标 are marked '•' instead of '*' (6 times)");
}

TEST(CheckRules, MarkersOnTheWrongIndicators) {
    Declaration declaration = real_form(kClean);
    indicators(declaration)[0].groups[0].label.text = "数量";
    expect_finding(only_finding(declaration), Severity::Warning,
                   "the mandatory 二级指标 '数量' is written without its '*'");
    declaration = real_form(kClean);
    indicators(declaration)[1].groups[0].label.text = "*经济效益";
    expect_finding(only_finding(declaration), Severity::Warning,
                   "'经济效益' is optional but marked");
}

TEST(CheckRules, TheSameIndicatorTwiceInAGroupOnTheRealForm) {
    const std::vector<Diagnostic> items = findings(real_form("440304221061500600011")); // 民意速办
    ASSERT_EQ(items.size(), 2u) << describe(items);
    expect_finding(items[0], Severity::Error, "empty 指标解释 in the row '不适用'");
    expect_finding(
        items[1], Severity::Warning,
        "三级指标 '畅通民生诉求渠道，解决民生问题' appears twice under '*社会效益' (first at "
        "line 64)");
    EXPECT_EQ(items[1].loc.line, 70);
}

TEST(CheckRules, EmptyValuesAndExplanations) {
    Declaration declaration = real_form(kClean);
    row_field(declaration, 0, 0, 0, "value")->text = "";
    expect_finding(only_finding(declaration), Severity::Error,
                   "empty 指标值 in the row '疫情防控补贴发放人数'");
    declaration = real_form(kClean);
    row_field(declaration, 2, 0, 0, "explanation")->text = " ";
    expect_finding(only_finding(declaration), Severity::Error, "empty 指标解释");
}

TEST(CheckRules, IndicatorValuesOfAnUnusualShapeAreNotes) {
    const Diagnostic whole_district = only_finding(real_form("440304221061500300043"));
    expect_finding(whole_district, Severity::Note, "指标值 '全区' is neither a number with a unit");
    Declaration declaration = real_form(kClean);
    row_field(declaration, 0, 0, 0, "value")->text = "0";
    expect_finding(only_finding(declaration), Severity::Note, "指标值 '0' has no unit");
    for (const char* fine : {"≥ 90%", "≥90%", "0起", "2天或16小时", "每季度末", "有效"}) {
        row_field(declaration, 0, 0, 0, "value")->text = fine;
        EXPECT_TRUE(findings(declaration).empty()) << fine;
    }
}

TEST(CheckRules, UnknownIdsAndStructure) {
    Declaration declaration = real_form(kClean);
    set_field(declaration, "project_cdoe", "x");
    const Diagnostic unknown = only_finding(declaration);
    expect_finding(unknown, Severity::Error, "unknown field 'project_cdoe'");
    EXPECT_NE(unknown.hint.find("did you mean 'project_code'"), std::string::npos);

    declaration = real_form(kClean);
    set_field(declaration, "footer", "备注：另一种写法");
    EXPECT_TRUE(findings(declaration).empty()) << "every form takes a footer override";

    declaration = real_form(kClean);
    indicators(declaration)[0].groups[0].level = "level1";
    expect_finding(only_finding(declaration), Severity::Error, "expected `level2:`");

    declaration = real_form(kClean);
    declaration.trees[0].first = "indicator";
    const std::vector<Diagnostic> items = findings(declaration);
    ASSERT_EQ(items.size(), 2u) << describe(items);
    expect_finding(items[0], Severity::Error, "the declaration has no 绩效指标");
    expect_finding(items[1], Severity::Error, "unknown key 'indicator'");
}

CheckCounts counts(const Declaration& declaration) {
    Diagnostics out;
    return check_declaration(declaration, shenzhen(), out);
}

// `render` and `batch` do not print a form with a structural error (docs/check.md, "Before
// printing"): only keys and groups the layout would leave out or misplace are structural, never
// a value, however wrong.
TEST(CheckRules, OnlyKeysAndGroupsOutOfPlaceAreStructural) {
    Declaration declaration = real_form(kClean);
    set_field(declaration, "projectname", "疫情防控");
    remove_field(declaration, "project_name");
    CheckCounts found = counts(declaration);
    EXPECT_EQ(found.errors, 2); // unknown projectname, missing project_name
    EXPECT_EQ(found.structural_errors, 1);

    declaration = real_form(kClean);
    declaration.trees[0].first = "indicator";
    EXPECT_EQ(counts(declaration).structural_errors, 1);

    declaration = real_form(kClean);
    indicators(declaration)[0].groups[0].level = "level1";
    EXPECT_EQ(counts(declaration).structural_errors, 1);

    declaration = real_form(kClean);
    indicators(declaration)[0].groups[0].records[0].fields.emplace_back(
        "explanaton", TextValue{"x", declaration.loc});
    EXPECT_EQ(counts(declaration).structural_errors, 1);

    declaration = real_form(kClean);
    indicators(declaration)[0].records.push_back(
        indicators(declaration)[0].groups[0].records[0]); // rows where 二级 groups belong
    EXPECT_EQ(counts(declaration).structural_errors, 1);

    // Values: errors, printed as written.
    declaration = real_form(kClean);
    set_field(declaration, "total_amount", "1866.0");
    set_field(declaration, "new_project", "不是");
    set_field(declaration, "overview", "");
    indicators(declaration)[0].label.text = "产出指";
    found = counts(declaration);
    EXPECT_EQ(found.errors, 4);
    EXPECT_EQ(found.structural_errors, 0);

    const CheckCounts seed = counts(real_form("440304221061500600011")); // 民意速办
    EXPECT_EQ(seed.errors, 1);
    EXPECT_EQ(seed.structural_errors, 0);
    EXPECT_EQ(seed.warnings, 1);
}

// The example of docs/declaration-format.md is a clean declaration.
TEST(CheckRules, TheDocumentedExampleIsClean) {
    std::ifstream in(std::string(FORMPDF_SOURCE_DIR) + "/docs/declaration-format.md");
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string doc = buffer.str();
    const std::size_t start = doc.find("```yaml\n") + 8;
    const std::string yaml = doc.substr(start, doc.find("```\n", start) - start);
    const Declaration declaration = load::load_declarations_text(yaml, "example.yaml").at(0);
    EXPECT_TRUE(findings(declaration).empty()) << describe(findings(declaration));
}

} // namespace
} // namespace formpdf::check
