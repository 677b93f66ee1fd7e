// The shared family forms written as layouts (docs/family-forms.md): the 审批表 of the
// 财预〔2021〕101号 layout, the 项目绩效目标表 with two indicator blocks, the 市直部门 form with
// its cost breakdown, the 部门整体 form and the 财政支出 template with check boxes. Each sample
// declaration checks clean and renders with every value and every text of its layout on the
// paper; each blank template renders with the layout's texts; and the dump shows the feature the
// form is there for. The layout dumps are compared with goldens in tests/cli/golden_test.cpp.

#include "load/declaration.h"
#include "load/layout_loader.h"
#include "support/command.h"

#include "support/declaration_values.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace formpdf {
namespace {

using nlohmann::json;
using testing::read_text;
using testing::run_command;
using testing::TempDir;
using testing::without_whitespace;

const std::string kSourceDir = FORMPDF_SOURCE_DIR;

std::string sample(const std::string& form) {
    return kSourceDir + "/inputs/family/" + form + ".yaml";
}

std::string layout(const std::string& form) {
    return kSourceDir + "/layouts/" + form + ".yaml";
}

struct Rendered {
    json dump;
    std::string text; // pdftotext -raw (content order: a cell's lines together), no white space
};

Rendered render(const std::string& input, const std::vector<std::string>& options = {}) {
    TempDir dir;
    const std::string pdf = (dir / "out.pdf").string();
    const std::string dump = (dir / "dump.json").string();
    std::vector<std::string> argv = {testing::formpdf_binary(), "render", input, "-o", pdf,
                                     "--dump-layout",           dump};
    argv.insert(argv.end(), options.begin(), options.end());
    const auto result = run_command(argv, {"SOURCE_DATE_EPOCH=1700000000"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    if (result.exit_code != 0) {
        return {};
    }
    const auto text = run_command({"pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"});
    EXPECT_EQ(text.exit_code, 0) << text.err;
    return {json::parse(read_text(dump)), without_whitespace(text.out)};
}

// Every value a declaration holds: header fields, group labels and record fields.
std::vector<std::string> declaration_values(const std::string& form) {
    return testing::declaration_values(sample(form));
}

// The layout's own texts in its tables: labels, headers, 单位：万元 …
std::vector<std::string> layout_texts(const std::string& form) {
    std::vector<std::string> texts;
    for (const load::BlockSpec& block : load::load_layout_file(layout(form)).blocks) {
        if (!block.table) {
            continue;
        }
        for (const load::RowSpec& row : block.table->rows) {
            for (const load::CellSpec& cell : row.cells) {
                if (cell.content == load::CellContent::Text) {
                    texts.push_back(cell.text);
                }
            }
        }
    }
    return texts;
}

std::vector<json> text_lines(const json& dump) {
    std::vector<json> lines;
    for (const json& page : dump["pages"]) {
        for (const json& item : page["items"]) {
            if (item["type"] == "text") {
                lines.push_back(item);
            }
        }
    }
    return lines;
}

// The first line whose text is `text`, or null.
const json* line_of(const std::vector<json>& lines, const std::string& text) {
    const auto found = std::find_if(lines.begin(), lines.end(),
                                    [&](const json& line) { return line["text"] == text; });
    return found == lines.end() ? nullptr : &*found;
}

std::size_t count_lines(const std::vector<json>& lines, const std::string& text) {
    return static_cast<std::size_t>(std::count_if(
        lines.begin(), lines.end(), [&](const json& line) { return line["text"] == text; }));
}

const std::vector<std::string> kForms = {
    "project-targets-approval",    // 01: 审批表, 成本 first, score ranges
    "project-performance-targets", // 02: two indicator blocks
    "municipal-project-targets",   // 03: the cost breakdown
    "department-overall-targets",  // 05: 部门整体
    "fiscal-project-targets",      // 06: the template with check boxes
};

class SharedFamilyForm : public ::testing::TestWithParam<std::string> {};

TEST_P(SharedFamilyForm, TheSampleChecksClean) {
    const auto result = run_command({testing::formpdf_binary(), "check", sample(GetParam())});
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_NE(result.out.find("1 declaration in 1 file: no findings"), std::string::npos)
        << result.out;
}

TEST_P(SharedFamilyForm, TheSamplePrintsEveryValueAndEveryTextOfItsLayout) {
    const Rendered rendered = render(sample(GetParam()));
    ASSERT_FALSE(rendered.dump.is_null());
    for (const std::string& value : declaration_values(GetParam())) {
        EXPECT_NE(rendered.text.find(without_whitespace(value)), std::string::npos)
            << "value missing from the PDF's text: " << value;
    }
    const std::vector<std::string> texts = layout_texts(GetParam());
    EXPECT_GT(texts.size(), 10u);
    for (const std::string& text : texts) {
        EXPECT_NE(rendered.text.find(without_whitespace(text)), std::string::npos)
            << "layout text missing from the PDF's text: " << text;
    }
}

TEST_P(SharedFamilyForm, TheBlankTemplatePrintsEveryTextOfItsLayout) {
    const Rendered rendered = render(layout(GetParam()), {"--blank"});
    ASSERT_FALSE(rendered.dump.is_null());
    for (const std::string& text : layout_texts(GetParam())) {
        EXPECT_NE(rendered.text.find(without_whitespace(text)), std::string::npos)
            << "layout text missing from the blank template: " << text;
    }
    for (const char* value : {"新建加工厂房面积", "柳塘镇", "市民服务中心", "罗文清"}) {
        EXPECT_EQ(rendered.text.find(value), std::string::npos) << "a sample's value: " << value;
    }
}

INSTANTIATE_TEST_SUITE_P(Forms, SharedFamilyForm, ::testing::ValuesIn(kForms),
                         [](const auto& info) {
                             std::string name = info.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

// 01: 成本指标 is the first first-level group, its score range printed as written, and the
// blank optional rows print as empty cells under their second-level names.
TEST(ProjectTargetsApproval, CostComesFirstWithItsScoreRange) {
    const Rendered rendered = render(sample("project-targets-approval"));
    ASSERT_FALSE(rendered.dump.is_null());
    EXPECT_NE(rendered.text.find("成本指标(0-20)分"), std::string::npos);
    EXPECT_LT(rendered.text.find("成本指标(0-20)分"), rendered.text.find("产出指标(40-50)分"));
    EXPECT_LT(rendered.text.find("社会成本指标"), rendered.text.find("生态环境成本指标"));
    EXPECT_LT(rendered.text.find("生态环境成本指标"), rendered.text.find("新建加工厂房面积"));
}

// 02 and 06: two indicator blocks, each with its header row and its own vertical label, one
// character per line.
TEST(TwoIndicatorBlocks, EachBlockHasItsHeaderAndVerticalLabel) {
    for (const std::string form : {"project-performance-targets", "fiscal-project-targets"}) {
        SCOPED_TRACE(form);
        const Rendered rendered = render(sample(form));
        ASSERT_FALSE(rendered.dump.is_null());
        const std::vector<json> lines = text_lines(rendered.dump);
        EXPECT_GE(count_lines(lines, "一级指标"), 2u);
        EXPECT_GE(count_lines(lines, "指标内容"), 2u);
        const std::size_t long_term = rendered.text.find("长期绩效指标");
        const std::size_t annual = rendered.text.find("年度绩效指标");
        ASSERT_NE(long_term, std::string::npos);
        ASSERT_NE(annual, std::string::npos);
        EXPECT_LT(long_term, annual);
        const json* first = line_of(lines, "长");
        const json* last = line_of(lines, "标");
        ASSERT_TRUE(first && last);
        EXPECT_NEAR(first->at("x").get<double>(), last->at("x").get<double>(), 0.5);
    }
}

// 02: the schedule's lines are a list (one table row per record, in order, with their years),
// and the blank template shows the two empty check boxes as a hint.
TEST(ProjectPerformanceTargets, TheScheduleIsAListAndTheBlankShowsItsBoxes) {
    const Rendered rendered = render(sample("project-performance-targets"));
    ASSERT_FALSE(rendered.dump.is_null());
    EXPECT_NE(
        rendered.text.find("项目实施进度计划项目实施内容开始时间完成时间1、道路及管网设计20222022"
                           "2、主街道路及管网施工202320233、背街小巷改造及竣工验收20232024"),
        std::string::npos)
        << rendered.text;
    EXPECT_EQ(rendered.text.find("新增项目□延续项目□"), std::string::npos);
    const Rendered blank = render(layout("project-performance-targets"), {"--blank"});
    ASSERT_FALSE(blank.dump.is_null());
    EXPECT_NE(blank.text.find("项目属性新增项目□延续项目□"), std::string::npos) << blank.text;
}

// 03: the cost breakdown names the two previous years in its header and ends with 合计.
TEST(MunicipalProjectTargets, TheCostBreakdownHasItsYearsAndTotal) {
    const Rendered rendered = render(sample("municipal-project-targets"));
    ASSERT_FALSE(rendered.dump.is_null());
    const std::size_t header = rendered.text.find("2022年实际执行数2023年实际执行数");
    const std::size_t total = rendered.text.find("合计667.15638.81654.8");
    const std::size_t goal = rendered.text.find("绩效目标保障市民服务中心");
    ASSERT_NE(header, std::string::npos) << rendered.text;
    ASSERT_NE(total, std::string::npos) << rendered.text;
    EXPECT_LT(header, total);
    EXPECT_LT(total, goal);
    EXPECT_NE(rendered.text.find("单位公章："), std::string::npos);
}

// 05: the money block's two-row header names the declaration's years, and the indicators' last
// rows, which would stand alone on a second page, are kept on the first by the layout's tighten:.
TEST(DepartmentOverallTargets, TheMoneyBlockNamesItsYears) {
    const Rendered rendered = render(sample("department-overall-targets"));
    ASSERT_FALSE(rendered.dump.is_null());
    EXPECT_NE(rendered.text.find("近两年收支金额2022年2023年"), std::string::npos) << rendered.text;
    EXPECT_NE(rendered.text.find("收入构成财政拨款1032.451696.2%958.21001.37"), std::string::npos)
        << rendered.text;
    ASSERT_EQ(rendered.dump["pages"].size(), 1u);
    EXPECT_TRUE(rendered.dump["pages"][0].contains("tightened"));
}

// 06: the template numbers the schedule's lines itself, prints its two empty check boxes as the
// project_attribute cell's hint (in grey, never as a value), and prints the sign-off line and the
// 填报说明 after the table; the sample ticks one box and shows no hint.
TEST(FiscalProjectTargets, TheTemplateNumbersItsLinesAndTheSampleTicksABox) {
    const Rendered blank = render(layout("fiscal-project-targets"), {"--blank"});
    ASSERT_FALSE(blank.dump.is_null());
    EXPECT_NE(blank.text.find("1、2、3、"), std::string::npos) << blank.text;
    EXPECT_NE(blank.text.find("填报人：单位负责人：填报日期："), std::string::npos);
    EXPECT_LT(blank.text.find("其他说明的问题"), blank.text.find("填报说明"));
    EXPECT_LT(blank.text.find("项目属性新增项目□延续项目□"), blank.text.find("主管部门"))
        << blank.text;
    const std::vector<json> blank_lines = text_lines(blank.dump);
    const json* hint = line_of(blank_lines, "新增项目 □ 延续项目 □");
    ASSERT_TRUE(hint);
    EXPECT_EQ(hint->at("color"), "#808080") << "a hint is grey";
    const Rendered filled = render(sample("fiscal-project-targets"));
    ASSERT_FALSE(filled.dump.is_null());
    EXPECT_NE(filled.text.find("新增项目√延续项目□"), std::string::npos);
    EXPECT_EQ(filled.text.find("新增项目□延续项目□"), std::string::npos)
        << "no hint beside a value";
    EXPECT_NE(filled.text.find("★数量指标"), std::string::npos) << "printed as written";
}

} // namespace
} // namespace formpdf
