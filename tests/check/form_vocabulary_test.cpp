// The form definition's vocabulary for forms other than Shenzhen's (docs/declaration-format.md,
// "Decorated names, empty groups and amounts"): scores, stars and 必填 marks on names, groups left
// blank or empty, and amounts with a range of decimals, a unit and thousands separators.

#include "check/check.h"

#include "load/declaration.h"
#include "load/layout_loader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace formpdf::check {
namespace {

using load::Declaration;

// A form of the 财预〔2021〕101号 family: 成本指标 first, scores in the first-level names,
// mandatory names marked "(必填)" or "*", stars and scores stripped before the vocabulary is
// consulted.
const char* const kForm = R"yaml(formpdf-layout: 1
form:
  id: scored
  fields:
    budget: {label: 项目总预算, kind: amount, decimals: 0-2}
    rate: {label: 执行数, kind: amount, decimals: any}
    yuan: {label: 金额（元）, kind: amount, decimals: 2, unit: 元, thousands: true}
    plain: {label: 金额, kind: amount, decimals: 2, thousands: false, at-most: budget}
  trees:
    indicators:
      label: 年度绩效目标
      levels: [{id: level1, label: 一级指标}, {id: level2, label: 二级指标}]
      row-fields:
        - {id: name, label: 三级指标, kind: name}
        - {id: value, label: 指标值}
      decorations: ["({n}分)", "({n}-{n})分", "★", {text: "(必填)", mandatory: true}]
      may-be-empty: true
      vocabulary:
        成本指标(0-20)分: [经济成本指标, 社会成本指标, 生态环境成本指标]
        产出指标: ["*数量指标", 质量指标(必填), 时效指标]
        满意度指标: []
blocks: []
)yaml";

const load::FormDefinition& form() {
    static const load::FormDefinition definition = *load::load_layout_text(kForm, "f.yaml").form;
    return definition;
}

std::vector<Diagnostic> findings_of(const std::string& yaml) {
    const std::vector<Declaration> declarations = load::load_declarations_text(yaml, "d.yaml");
    Diagnostics out;
    check_declaration(declarations.at(0), form(), out);
    return out.items();
}

std::string describe(const std::vector<Diagnostic>& items) {
    std::string text;
    for (const Diagnostic& d : items) {
        text += format_diagnostic(d) + "\n";
    }
    return text;
}

std::string declaration(const std::string& fields, const std::string& indicators) {
    return "form: scored\nfields:\n" + fields + "indicators:\n" + indicators;
}

const char* const kIndicators = R"yaml(  - level1: 成本指标(0-20)分
    groups:
      - level2: 经济成本指标
        rows: [{name: 项目建设成本, value: ≤65万元}]
      - level2: 社会成本指标
        rows: [{name: '', value: ''}]
      - level2: 生态环境成本指标
        rows: []
  - level1: 产出指标 (40-50)分
    groups:
      - level2: ★★数量指标(必填)
        rows: [{name: 晾晒房面积, value: 300平方米}]
      - level2: 质量指标(必填)
        rows: [{name: 验收合格率, value: 100%}]
  - level1: ★满意度指标(10分)
    groups:
      - level2: ''
        rows: [{name: 群众满意度, value: ≥95%}]
)yaml";

TEST(FormVocabulary, ScoresStarsAndMarksAreTakenOffBeforeTheVocabulary) {
    const load::TreeDefinition& tree = form().trees.at(0);
    EXPECT_EQ(tree.bare_name("产出指标 (40-50)分"), "产出指标");
    EXPECT_EQ(tree.bare_name("★★★数量指标(必填)"), "数量指标");
    EXPECT_EQ(tree.bare_name("*数量指标"), "数量指标");
    EXPECT_EQ(tree.bare_name("满意度指标(10.5分)"), "满意度指标");
    EXPECT_EQ(tree.bare_name("产出指标(分)"), "产出指标(分)") << "{n} needs a number";
    // The vocabulary's own names are read the same way, and "(必填)" makes one mandatory.
    ASSERT_EQ(tree.vocabulary.size(), 3u);
    EXPECT_EQ(tree.vocabulary[0].name, "成本指标");
    EXPECT_EQ(tree.vocabulary[1].children[1].name, "质量指标");
    EXPECT_TRUE(tree.vocabulary[1].children[1].mandatory);
    EXPECT_TRUE(tree.vocabulary[1].children[0].mandatory);
    EXPECT_FALSE(tree.vocabulary[1].children[2].mandatory);
}

TEST(FormVocabulary, ADecoratedFormWithBlankAndEmptyGroupsHasNoFindings) {
    const auto items = findings_of(declaration("", kIndicators));
    EXPECT_TRUE(items.empty()) << describe(items);
}

TEST(FormVocabulary, AMandatoryNameWithoutItsMarkOrDecorationIsStillReported) {
    std::string indicators = kIndicators;
    indicators.replace(indicators.find("质量指标(必填)"), std::string("质量指标(必填)").size(),
                       "质量指标(30分)");
    const auto items = findings_of(declaration("", indicators));
    ASSERT_EQ(items.size(), 1u) << describe(items);
    EXPECT_EQ(items[0].severity, Severity::Warning);
    EXPECT_EQ(items[0].message, "the mandatory 二级指标 '质量指标' is written without its '*'");
    EXPECT_EQ(items[0].hint, "write '*质量指标' or '质量指标(必填)', as the form prints it");
}

TEST(FormVocabulary, AnUnknownDecoratedNameIsReportedAsWritten) {
    std::string indicators = kIndicators;
    indicators.replace(indicators.find("★★数量指标"), std::string("★★数量指标").size(),
                       "☆数量指标");
    const auto items = findings_of(declaration("", indicators));
    ASSERT_FALSE(items.empty());
    EXPECT_EQ(items[0].severity, Severity::Error);
    EXPECT_EQ(items[0].message, "unknown 二级指标 '☆数量指标(必填)' under '产出指标 (40-50)分'");
}

TEST(FormVocabulary, EmptyGroupsAreRefusedWithoutMayBeEmpty) {
    std::string form_text = kForm;
    form_text.replace(form_text.find("      may-be-empty: true\n"),
                      std::string("      may-be-empty: true\n").size(), "");
    const load::FormDefinition strict = *load::load_layout_text(form_text, "f.yaml").form;
    Diagnostics out;
    check_declaration(load::load_declarations_text(declaration("", kIndicators), "d.yaml").at(0),
                      strict, out);
    const std::string text = describe(out.items());
    EXPECT_NE(text.find("d.yaml:9:23: error: empty 三级指标"), std::string::npos) << text;
    EXPECT_NE(text.find("d.yaml:10:17: warning: 二级指标 '生态环境成本指标' has no rows"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("d.yaml:20:17: error: empty 二级指标\nhint: a form whose rows may have no "
                        "二级指标 says `may-be-empty: true` in its definition"),
              std::string::npos)
        << text;
}

TEST(FormVocabulary, AMandatoryGroupLeftBlankIsAWarning) {
    std::string indicators = kIndicators;
    indicators.replace(indicators.find("{name: 验收合格率, value: 100%}"),
                       std::string("{name: 验收合格率, value: 100%}").size(),
                       "{name: '', value: ''}");
    const auto items = findings_of(declaration("", indicators));
    ASSERT_EQ(items.size(), 1u) << describe(items);
    EXPECT_EQ(items[0].severity, Severity::Warning);
    EXPECT_EQ(items[0].message, "the mandatory 二级指标 '质量指标(必填)' is left blank");
}

std::string amount_finding(const std::string& id, const std::string& value) {
    const auto items = findings_of(declaration("  " + id + ": '" + value + "'\n", kIndicators));
    return items.empty() ? std::string() : items[0].message + "\nhint: " + items[0].hint;
}

TEST(FormVocabulary, AmountsWithARangeOfDecimals) {
    EXPECT_EQ(amount_finding("budget", "65"), "");
    EXPECT_EQ(amount_finding("budget", "65.5"), "");
    EXPECT_EQ(amount_finding("budget", "1,065.25"), "");
    EXPECT_EQ(amount_finding("budget", "65.125"),
              "项目总预算 must be an amount with 0 to 2 decimals such as 1,866 or 1,866.00, not "
              "'65.125'\nhint: write digits, optionally grouped by thousands with ','; no unit "
              "(the label says it)");
    EXPECT_NE(amount_finding("budget", "65."), "") << "a point needs its decimals";
}

TEST(FormVocabulary, AmountsWithAnyDecimals) {
    EXPECT_EQ(amount_finding("rate", "968.1918"), "");
    EXPECT_EQ(amount_finding("rate", "36"), "");
    EXPECT_EQ(amount_finding("rate", "36.2万元"),
              "执行数 must be an amount such as 1,866 or 1,866.25, not '36.2万元'\nhint: write "
              "digits, optionally grouped by thousands with ','; no unit (the label says it)");
}

TEST(FormVocabulary, AmountsInYuanWithThousandsSeparators) {
    EXPECT_EQ(amount_finding("yuan", "650,000.00"), "");
    EXPECT_EQ(amount_finding("yuan", "650,000.00元"), "");
    EXPECT_EQ(amount_finding("yuan", "650,000.00 元"), "");
    EXPECT_EQ(amount_finding("yuan", "900.00元"), "") << "below 1,000 there is nothing to group";
    EXPECT_EQ(amount_finding("yuan", "650000.00元"),
              "金额（元） must be an amount with 2 decimals such as 1,866.00元, not "
              "'650000.00元'\nhint: write digits, grouped by thousands with ',' from 1,000 up, "
              "optionally followed by 元");
    EXPECT_NE(amount_finding("yuan", "65,0000.00"), "") << "groups of three";
}

TEST(FormVocabulary, AmountsWithoutThousandsSeparatorsAndAtMostAcrossDecimals) {
    EXPECT_EQ(amount_finding("plain", "1866.00"), "");
    EXPECT_EQ(amount_finding("plain", "1,866.00"),
              "金额 must be an amount with 2 decimals such as 1866.00, not '1,866.00'\nhint: "
              "write digits without thousands separators; no unit (the label says it)");
    // 65.5 (1 decimal) against 65.50 and 65.51 (2 decimals): compared exactly.
    const auto with_budget = [](const std::string& plain) {
        return findings_of(
            declaration("  budget: '65.5'\n  plain: '" + plain + "'\n", kIndicators));
    };
    EXPECT_TRUE(with_budget("65.50").empty()) << describe(with_budget("65.50"));
    const auto over = with_budget("65.51");
    ASSERT_EQ(over.size(), 1u) << describe(over);
    EXPECT_EQ(over[0].message, "金额 65.51 is greater than 项目总预算 65.5");
}

TEST(FormVocabulary, MistakesInTheNewKeysAreReportedWhereTheyAre) {
    const auto error_of = [](const std::string& from, const std::string& to) {
        std::string text = kForm;
        text.replace(text.find(from), from.size(), to);
        try {
            load::load_layout_text(text, "f.yaml");
        } catch (const DiagnosticError& error) {
            return format_diagnostic(error.diagnostic());
        }
        return std::string("accepted");
    };
    EXPECT_EQ(error_of("decimals: 0-2", "decimals: 2-1"),
              "f.yaml:5:52: error: 'form.fields.budget.decimals' must be a number of decimals "
              "from 0 to 6, a range of them, or `any`, not '2-1'\nhint: e.g. `decimals: 2`, a "
              "range `decimals: 0-2`, or `decimals: any`");
    EXPECT_EQ(error_of("kind: amount, decimals: any", "unit: 元"),
              "f.yaml:6:24: error: 'unit' applies to fields of kind amount\nhint: add `kind: "
              "amount`");
    EXPECT_EQ(error_of("\"({n}分)\"", "\"{n}\""),
              "f.yaml:16:21: error: the decoration '{n}' would take off every space or every "
              "number of a name\nhint: e.g. `decorations: [\"({n}分)\", \"★\", {text: \"(必填)\", "
              "mandatory: true}]`; `{n}` stands for a number");
}

} // namespace
} // namespace formpdf::check
