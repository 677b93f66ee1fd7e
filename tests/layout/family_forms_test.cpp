// Two other forms of the family, written as layout files only (docs/family-forms.md): each sample
// declaration renders through the CLI with every value printed and every line inside its box, and
// the layout dump shows the feature each form is there to prove.

#include "load/declaration.h"
#include "support/command.h"

#include "support/declaration_values.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <tuple>
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

struct Rendered {
    json dump;
    std::string text; // pdftotext output, white space removed
};

Rendered render(const std::string& form) {
    TempDir dir;
    const std::string pdf = (dir / "out.pdf").string();
    const std::string dump = (dir / "dump.json").string();
    const auto result = run_command(
        {testing::formpdf_binary(), "render", sample(form), "-o", pdf, "--dump-layout", dump},
        {"SOURCE_DATE_EPOCH=1700000000"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    if (result.exit_code != 0) {
        return {};
    }
    const auto text = run_command({"pdftotext", "-enc", "UTF-8", pdf, "-"});
    EXPECT_EQ(text.exit_code, 0) << text.err;
    return {json::parse(read_text(dump)), without_whitespace(text.out)};
}

// Every value a declaration holds: header fields, group labels and record fields.
std::vector<std::string> declaration_values(const std::string& form) {
    return testing::declaration_values(sample(form));
}

std::vector<json> text_lines(const json& page) {
    std::vector<json> lines;
    for (const json& item : page["items"]) {
        if (item["type"] == "text") {
            lines.push_back(item);
        }
    }
    return lines;
}

// The text of each cell (or block) on a page: its lines joined, keyed by the box they were laid
// into, in the order the lines were placed.
struct BoxText {
    json box;
    std::vector<json> lines;
    std::string text;
};

std::vector<BoxText> box_texts(const json& page) {
    std::vector<BoxText> boxes;
    for (const json& line : text_lines(page)) {
        const json& box = line["box"];
        auto found = std::find_if(boxes.begin(), boxes.end(),
                                  [&](const BoxText& b) { return b.box == box; });
        if (found == boxes.end()) {
            boxes.push_back({box, {}, {}});
            found = boxes.end() - 1;
        }
        found->lines.push_back(line);
        found->text += line["text"].get<std::string>();
    }
    return boxes;
}

const BoxText* find_box(const std::vector<BoxText>& boxes, const std::string& text) {
    const auto found =
        std::find_if(boxes.begin(), boxes.end(), [&](const BoxText& b) { return b.text == text; });
    return found == boxes.end() ? nullptr : &*found;
}

double top(const json& box) {
    return box["y"].get<double>() + box["height"].get<double>();
}
double right(const json& box) {
    return box["x"].get<double>() + box["width"].get<double>();
}

// Text boxes are as tall as their lines; cells show in the dump as borders and fills. A cell that
// spans rows has one vertical border segment for its whole height.
std::vector<json> items_of(const json& page, const std::string& type) {
    std::vector<json> items;
    for (const json& item : page["items"]) {
        if (item["type"] == type) {
            items.push_back(item);
        }
    }
    return items;
}

// A vertical border between x_min and x_max that runs without a break from y `high` down to `low`.
bool vertical_border_spans(const json& page, double x_min, double x_max, double low, double high) {
    for (const json& line : items_of(page, "line")) {
        const double x = line["x1"], y1 = line["y1"], y2 = line["y2"];
        if (x == line["x2"].get<double>() && x > x_min && x < x_max && std::min(y1, y2) <= low &&
            std::max(y1, y2) >= high) {
            return true;
        }
    }
    return false;
}

// The filled rectangle under a point (a grey cell).
const json* fill_at(const std::vector<json>& fills, double x, double y) {
    for (const json& rect : fills) {
        if (rect["x"].get<double>() <= x && x <= right(rect) && rect["y"].get<double>() <= y &&
            y <= top(rect)) {
            return &rect;
        }
    }
    return nullptr;
}

class FamilyForm : public ::testing::TestWithParam<std::string> {};

TEST_P(FamilyForm, RendersEveryDeclarationValueWithEveryLineInsideItsBox) {
    const Rendered rendered = render(GetParam());
    ASSERT_FALSE(rendered.dump.is_null());
    for (const std::string& value : declaration_values(GetParam())) {
        EXPECT_NE(rendered.text.find(without_whitespace(value)), std::string::npos)
            << "missing from the PDF's text: " << value;
    }
    int lines = 0;
    for (const json& page : rendered.dump["pages"]) {
        for (const json& line : text_lines(page)) {
            ++lines;
            const std::string text = line["text"];
            const json& box = line["box"];
            const double x = line["x"], width = line["width"], y = line["y"];
            EXPECT_GE(x, box["x"].get<double>() - 0.01) << text;
            EXPECT_LE(x + width, right(box) + 0.02) << text;
            EXPECT_GT(y, box["y"].get<double>()) << text;
            EXPECT_LT(y, top(box)) << text;
        }
    }
    EXPECT_GT(lines, 80);
}

INSTANTIATE_TEST_SUITE_P(Samples, FamilyForm,
                         ::testing::Values("legacy-project-targets", "project-self-evaluation"),
                         [](const auto& info) {
                             std::string name = info.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

// Sign-off lines are a borderless table kept with the table before it: when they do not fit under
// the table's last row, that row moves to the next page with all of them (never a sign-off line
// alone on a page, nor the lines split between pages).
TEST(SignOffTable, KeptWholeWithTheLastRowOfTheTableBeforeIt) {
    std::string layout = R"(formpdf-layout: 1
page: {size: [120mm, 160mm], margins: 10mm}
styles:
  cell: {font: body, size: 10, padding: 1mm}
blocks:
  - table:
      columns: [1fr]
      style: cell
      min-row-height: 10mm
      rows:
)";
    for (int i = 1; i <= 13; ++i) { // 130 mm of the page's 140 mm
        layout += "        - [第" + std::to_string(i) + "行]\n";
    }
    layout += R"(  - table:
      columns: [1fr, 1fr]
      border: 0
      min-row-height: 10mm
      rows:
        - [填表人：, 联系电话：]
        - [填报日期：, 单位负责人签字：]
    keep-with-previous: true
)";
    TempDir dir;
    testing::write_text(dir / "layout.yaml", layout);
    const auto result =
        run_command({testing::formpdf_binary(), "render", (dir / "layout.yaml").string(), "-o",
                     (dir / "out.pdf").string(), "--dump-layout", (dir / "dump.json").string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const json dump = json::parse(read_text(dir / "dump.json"));
    ASSERT_EQ(dump["pages"].size(), 2u);
    const auto first = box_texts(dump["pages"][0]);
    const auto second = box_texts(dump["pages"][1]);
    EXPECT_NE(find_box(first, "第12行"), nullptr);
    EXPECT_EQ(find_box(first, "第13行"), nullptr);
    for (const char* text :
         {"第13行", "填表人：", "联系电话：", "填报日期：", "单位负责人签字："}) {
        EXPECT_NE(find_box(second, text), nullptr) << text;
    }
}

// --- the older 项目支出绩效目标申报表
// -------------------------------------------------------------

TEST(LegacyProjectTargets, VerticalLabelSpansTheIndicatorHeaderAndEveryIndicatorRow) {
    const Rendered rendered = render("legacy-project-targets");
    ASSERT_EQ(rendered.dump["pages"].size(), 1u) << "fifteen indicators fit one A4 page";
    const auto boxes = box_texts(rendered.dump["pages"][0]);
    const BoxText* label = find_box(boxes, "本年度绩效指标");
    ASSERT_NE(label, nullptr);
    // One character per line, stacked in one column.
    ASSERT_EQ(label->lines.size(), 7u);
    for (std::size_t i = 1; i < label->lines.size(); ++i) {
        EXPECT_NEAR(label->lines[i]["x"].get<double>(), label->lines[0]["x"].get<double>(), 0.5);
        EXPECT_LT(label->lines[i]["y"].get<double>(), label->lines[i - 1]["y"].get<double>());
    }
    // Its cell reaches from the indicator header row to the last indicator row, and no higher.
    const BoxText* header = find_box(boxes, "一级指标");
    const BoxText* last_row = find_box(boxes, "乡镇人民政府满意度");
    const BoxText* first_header_field = find_box(boxes, "项目支出名称");
    ASSERT_TRUE(header && last_row && first_header_field);
    const json& page = rendered.dump["pages"][0];
    const double header_y = header->lines[0]["y"];
    const double last_y = last_row->lines[0]["y"];
    EXPECT_TRUE(vertical_border_spans(page, right(label->box), header->box["x"], last_y, header_y));
    EXPECT_FALSE(vertical_border_spans(page, right(label->box), header->box["x"], last_y,
                                       first_header_field->lines[0]["y"]))
        << "the label belongs to the indicator block, not the project header";
    EXPECT_GT(label->lines.front()["y"].get<double>(), last_y);
    EXPECT_LT(label->lines.back()["y"].get<double>(), header_y);
}

TEST(LegacyProjectTargets, SatisfactionIsASecondLevelRowUnderBenefits) {
    const Rendered rendered = render("legacy-project-targets");
    ASSERT_FALSE(rendered.dump.is_null());
    const auto boxes = box_texts(rendered.dump["pages"][0]);
    const BoxText* satisfaction = find_box(boxes, "满意度");
    const BoxText* economic = find_box(boxes, "经济效益");
    const BoxText* benefits = find_box(boxes, "效益");
    ASSERT_TRUE(satisfaction && economic && benefits);
    EXPECT_DOUBLE_EQ(satisfaction->box["x"].get<double>(), economic->box["x"].get<double>());
    // The grey 效益 cell spans down past the 满意度 rows.
    const auto fills = items_of(rendered.dump["pages"][0], "rect");
    const json* benefits_cell = fill_at(fills, benefits->lines[0]["x"].get<double>(),
                                        benefits->lines[0]["y"].get<double>());
    ASSERT_NE(benefits_cell, nullptr);
    EXPECT_LE(benefits_cell->at("y").get<double>(), satisfaction->lines[0]["y"].get<double>());
    EXPECT_GE(top(*benefits_cell), economic->lines[0]["y"].get<double>());
}

TEST(LegacyProjectTargets, UnitLinesAboveAndSignOffLinesBelowTheTable) {
    const Rendered rendered = render("legacy-project-targets");
    ASSERT_FALSE(rendered.dump.is_null());
    const auto boxes = box_texts(rendered.dump["pages"][0]);
    const BoxText* stamp = find_box(boxes, "填报单位：（盖章）");
    const BoxText* unit = find_box(boxes, "单位：万元");
    const BoxText* name = find_box(boxes, "项目支出名称");
    const BoxText* last_row = find_box(boxes, "乡镇人民政府满意度");
    const BoxText* signature = find_box(boxes, "单位负责人签字：");
    const BoxText* preparer = find_box(boxes, "填表人：");
    ASSERT_TRUE(stamp && unit && name && last_row && signature && preparer);
    EXPECT_NEAR(stamp->lines[0]["y"].get<double>(), unit->lines[0]["y"].get<double>(), 0.01);
    EXPECT_LT(right(stamp->lines[0]["box"]) - 1, unit->lines[0]["x"].get<double>());
    EXPECT_GT(stamp->lines[0]["y"].get<double>(), top(name->box));
    EXPECT_LT(top(preparer->box), last_row->box["y"].get<double>());
    EXPECT_LT(signature->lines[0]["y"].get<double>(), preparer->lines[0]["y"].get<double>());
}

// --- 项目支出绩效自评表 -------------------------------------------------------------------------

TEST(ProjectSelfEvaluation, IsLandscapeAndRunsOntoASecondPage) {
    const Rendered rendered = render("project-self-evaluation");
    ASSERT_FALSE(rendered.dump.is_null());
    ASSERT_GE(rendered.dump["pages"].size(), 2u);
    for (const json& page : rendered.dump["pages"]) {
        EXPECT_NEAR(page["width"].get<double>(), 841.89, 0.01);
        EXPECT_NEAR(page["height"].get<double>(), 595.28, 0.01);
    }
}

TEST(ProjectSelfEvaluation, TwoRowHeaderAndVerticalLabelRepeatOnEveryPage) {
    const Rendered rendered = render("project-self-evaluation");
    ASSERT_FALSE(rendered.dump.is_null());
    for (const json& page : rendered.dump["pages"]) {
        SCOPED_TRACE("page " + page["page"].dump());
        const auto boxes = box_texts(page);
        const BoxText* group = find_box(boxes, "年度指标值");
        const BoxText* nature = find_box(boxes, "指标性质");
        const BoxText* unit = find_box(boxes, "度量单位");
        const BoxText* name = find_box(boxes, "三级指标");
        const BoxText* label = find_box(boxes, "绩效指标");
        ASSERT_TRUE(group && nature && unit && name && label);
        // 年度指标值 spans 指标性质 … 度量单位 in the row above them; 三级指标 spans both rows.
        EXPECT_LE(group->box["x"].get<double>(), nature->box["x"].get<double>());
        EXPECT_GE(right(group->box), right(unit->box) - 0.05);
        EXPECT_GT(group->box["y"].get<double>(), top(nature->box));
        EXPECT_LT(name->box["y"].get<double>(), top(nature->box));
        EXPECT_GT(top(name->box), group->box["y"].get<double>());
        // The vertical label: one character per line, in a cell from the header's top row down
        // to the last indicator row of the page (the bottom of the lowest 一级 cell).
        ASSERT_EQ(label->lines.size(), 4u);
        const BoxText* level1 = find_box(boxes, "一级指标");
        ASSERT_NE(level1, nullptr);
        double lowest = top(level1->box);
        for (const json& rect : items_of(page, "rect")) {
            if (std::abs(rect["x"].get<double>() - level1->box["x"].get<double>()) < 5) {
                lowest = std::min(lowest, rect["y"].get<double>());
            }
        }
        EXPECT_LT(lowest, nature->box["y"].get<double>()) << "grey 一级 cells below the header";
        EXPECT_TRUE(vertical_border_spans(page, right(label->box), level1->box["x"], lowest + 0.01,
                                          group->lines[0]["y"]));
    }
}

TEST(ProjectSelfEvaluation, LabelCutByThePageBreakIsRepeatedWithTheContinuedSuffix) {
    const Rendered rendered = render("project-self-evaluation");
    ASSERT_GE(rendered.dump["pages"].size(), 2u);
    const auto first = box_texts(rendered.dump["pages"][0]);
    const auto second = box_texts(rendered.dump["pages"][1]);
    EXPECT_NE(find_box(first, "产出"), nullptr);
    const BoxText* continued = find_box(second, "产出（续）");
    ASSERT_NE(continued, nullptr);
    EXPECT_EQ(find_box(second, "产出"), nullptr);
    const BoxText* header = find_box(second, "一级指标");
    ASSERT_NE(header, nullptr);
    EXPECT_DOUBLE_EQ(continued->box["x"].get<double>(), header->box["x"].get<double>());
    EXPECT_LT(top(continued->box), header->box["y"].get<double>());
}

TEST(ProjectSelfEvaluation, TotalRowClosesTheTableAboveTheSignOffLines) {
    const Rendered rendered = render("project-self-evaluation");
    ASSERT_FALSE(rendered.dump.is_null());
    const json& page = rendered.dump["pages"].back();
    const auto boxes = box_texts(page);
    const BoxText* total = find_box(boxes, "合计");
    const BoxText* last_row = find_box(boxes, "社会公众满意度");
    const BoxText* finance = find_box(boxes, "财务负责人：");
    ASSERT_TRUE(total && last_row && finance);
    const double total_y = total->lines[0]["y"];
    // The sums sit in the total's row (other cells hold "100" too: look on its line only).
    const auto in_total_row = [&](const std::string& text) {
        return std::any_of(boxes.begin(), boxes.end(), [&](const BoxText& b) {
            return b.text == text && std::abs(b.lines[0]["y"].get<double>() - total_y) < 2.0 &&
                   b.box["x"].get<double>() > right(total->box);
        });
    };
    EXPECT_TRUE(in_total_row("100")) << "total weight";
    EXPECT_TRUE(in_total_row("97.03")) << "total score";
    EXPECT_LT(top(total->box), last_row->box["y"].get<double>()) << "below the last indicator";
    EXPECT_LT(top(finance->box), total->box["y"].get<double>())
        << "sign-off lines follow the total";
}

} // namespace
} // namespace formpdf
