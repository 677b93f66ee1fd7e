// Drawing at the level of a cell (docs/layout-format.md, "Drawing a cell"): a cell's own borders,
// several texts in one cell, vertical text, and the hint of an empty value, each checked on the
// laid-out page (what the PDF draws).

#include "core/diagnostic.h"
#include "layout/cell_text.h"
#include "layout/document_layouter.h"
#include "load/declaration.h"
#include "load/layout_loader.h"

#include "support/laid_out.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace formpdf::layout {
namespace {

const std::string kHead = R"(formpdf-layout: 1
page: {size: [120mm, 160mm], margins: 10mm}
styles:
  cell: {font: body, size: 10, padding: 1mm, line-spacing: 1.4}
  seal: {font: body, size: 10, padding: 1mm, line-spacing: 1.4, align: right, valign: bottom}
  faint: {font: body, size: 9, padding: 1mm, color: "#AAAAAA"}
blocks:
  - table:
      columns: [30mm, 1fr]
      style: cell
)";

using testing::Laid;

Laid lay(const std::string& yaml, const load::Declaration* declaration = nullptr) {
    std::vector<const load::Declaration*> declarations;
    if (declaration) {
        declarations.push_back(declaration);
    }
    return testing::lay_out(yaml, declarations);
}

load::Declaration declaration(std::vector<std::pair<std::string, std::string>> fields) {
    load::Declaration d;
    d.file = "data.yaml";
    for (auto& [id, text] : fields) {
        d.fields.push_back({id, load::TextValue{text, {"data.yaml", 1, 1}}});
    }
    return d;
}

const TextItem* find_text(const Page& page, const std::string& text) {
    for (const TextItem* item : testing::texts_of(page)) {
        if (item->text == text) {
            return item;
        }
    }
    return nullptr;
}

std::vector<StrokedLine> lines(const Page& page) {
    std::vector<StrokedLine> out;
    for (const PageItem& item : page.items) {
        if (const auto* line = std::get_if<StrokedLine>(&item)) {
            out.push_back(*line);
        }
    }
    return out;
}

// The stroked length along x = x (vertical) between y0 and y1 at that width, as the union of lines.
bool vertical_rule(const Page& page, double x, double y_low, double y_high, double width) {
    for (const StrokedLine& line : lines(page)) {
        const double low = std::min(line.from.y, line.to.y);
        const double high = std::max(line.from.y, line.to.y);
        if (std::abs(line.from.x - x) < 0.01 && std::abs(line.to.x - x) < 0.01 &&
            low <= y_low + 0.01 && high >= y_high - 0.01 &&
            std::abs(line.line_width - width) < 1e-6) {
            return true;
        }
    }
    return false;
}

bool any_line_at_x(const Page& page, double x, double y_low, double y_high) {
    for (const StrokedLine& line : lines(page)) {
        const double low = std::min(line.from.y, line.to.y);
        const double high = std::max(line.from.y, line.to.y);
        if (std::abs(line.from.x - x) < 0.01 && std::abs(line.to.x - x) < 0.01 &&
            low < y_high - 0.01 && high > y_low + 0.01) {
            return true;
        }
    }
    return false;
}

const double kLeft = mm_to_pt(10);
const double kSplit = mm_to_pt(40);  // between the two columns
const double kRight = mm_to_pt(110); // the table's right edge

// --- vertical text ---------------------------------------------------------------------------

TEST(VerticalText, EveryCharacterOnItsOwnLineAndEachSpaceAnEmptyLine) {
    EXPECT_EQ(vertical_text("绩效指标"), "绩\n效\n指\n标");
    EXPECT_EQ(vertical_text("绩 效"), "绩\n\n效");
    EXPECT_EQ(vertical_text("绩　效"), "绩\n\n效");         // an ideographic space
    EXPECT_EQ(vertical_text("e\xCC\x81x"), "e\xCC\x81\nx"); // a combining accent stays
    EXPECT_EQ(vertical_text(""), "");
}

TEST(VerticalText, AVerticalCellPrintsOneCharacterALineWithTheGapsKept) {
    const Laid laid = lay(kHead + R"(      rows:
        - [{text: 绩 效 指 标, vertical: true}, 指标]
)");
    const Page& page = laid.document.pages.at(0);
    const TextItem* first = find_text(page, "绩");
    const TextItem* second = find_text(page, "效");
    const TextItem* last = find_text(page, "标");
    ASSERT_TRUE(first && second && last);
    EXPECT_FALSE(find_text(page, "绩 效 指 标")) << "not printed as one line";
    const double line = 10 * 1.4;
    EXPECT_NEAR(first->baseline.y - second->baseline.y, 2 * line, 0.01) << "the space is a line";
    EXPECT_NEAR(first->baseline.y - last->baseline.y, 6 * line, 0.01);
    // The row is as tall as the seven lines: the second cell's box says so.
    const TextItem* other = find_text(page, "指标");
    ASSERT_TRUE(other);
    EXPECT_GE(first->box.top() - last->box.bottom(), 7 * line - 0.01);
}

TEST(VerticalText, ACharacterWiderThanTheColumnIsAnErrorAtTheCell) {
    try {
        lay(R"(formpdf-layout: 1
styles:
  big: {font: body, size: 40}
blocks:
  - table:
      columns: [5mm, 1fr]
      rows:
        - [{text: 绩效, vertical: true, style: big}, b]
)");
        FAIL() << "no error";
    } catch (const DiagnosticError& error) {
        EXPECT_EQ(error.diagnostic().loc.line, 8);
        EXPECT_EQ(error.diagnostic().loc.col, 12);
        EXPECT_NE(error.diagnostic().message.find("'绩' is"), std::string::npos)
            << error.diagnostic().message;
    }
}

load::Declaration long_group(int rows) {
    load::Declaration d;
    d.file = "data.yaml";
    load::Group output;
    output.label = load::TextValue{"产出", {"data.yaml", 1, 1}};
    for (int i = 1; i <= rows; ++i) {
        load::Record record;
        record.fields.push_back(
            {"name", load::TextValue{"指标" + std::to_string(i), {"data.yaml", 1, 1}}});
        output.records.push_back(record);
    }
    d.trees.push_back({"indicators", {output}});
    return d;
}

TEST(VerticalText, AGroupLabelCutByAPageBreakIsRepeatedVerticallyWithItsSuffix) {
    const load::Declaration data = long_group(40);
    const Laid laid = lay(R"(formpdf-layout: 1
page: {size: [120mm, 160mm], margins: 10mm}
styles:
  cell: {font: body, size: 10, padding: 1mm}
blocks:
  - table:
      columns: [12mm, 1fr]
      style: cell
      continued: （续）
      rows:
        - group: indicators
          levels: [{vertical: true}]
          cells: [{field: name}]
)",
                          &data);
    ASSERT_GE(laid.document.pages.size(), 2u);
    const Page& second = laid.document.pages[1];
    const TextItem* chan = find_text(second, "产");
    const TextItem* chu = find_text(second, "出");
    const TextItem* open = find_text(second, "（");
    const TextItem* xu = find_text(second, "续");
    ASSERT_TRUE(chan && chu && open && xu) << "产出（续） one character a line";
    EXPECT_GT(chan->baseline.y, chu->baseline.y);
    EXPECT_GT(chu->baseline.y, open->baseline.y);
    EXPECT_GT(open->baseline.y, xu->baseline.y);
    EXPECT_NEAR(chan->baseline.x + chan->width / 2, xu->baseline.x + xu->width / 2, 3);
}

// --- several texts in one cell ---------------------------------------------------------------

const std::string kApproval = kHead + R"(      rows:
        - cells:
            - 审核意见
            - texts:
                - {field: opinion}
                - {text: （盖章）, style: seal}
                - {text: 年  月  日, align: right, valign: bottom}
          min-height: 40mm
        - [下一行, ~]
)";

TEST(CellTexts, OpinionTopLeftSealAndDateBottomRight) {
    const load::Declaration data = declaration({{"opinion", "同意申报。"}});
    const Laid laid = lay(kApproval, &data);
    const Page& page = laid.document.pages.at(0);
    const TextItem* opinion = find_text(page, "同意申报。");
    const TextItem* seal = find_text(page, "（盖章）");
    const TextItem* date = find_text(page, "年  月  日");
    const TextItem* next = find_text(page, "下一行");
    ASSERT_TRUE(opinion && seal && date && next);
    const double top = mm_to_pt(150); // the page's content top
    const double bottom = top - mm_to_pt(40);
    const double pad = mm_to_pt(1);
    // The opinion at the top left of the cell.
    EXPECT_NEAR(opinion->box.top(), top - pad, 0.01);
    EXPECT_NEAR(opinion->baseline.x, kSplit + pad, 0.01);
    // The date at the very bottom, right-aligned; the seal right above it, right-aligned.
    EXPECT_NEAR(date->box.bottom(), bottom + pad, 0.01);
    EXPECT_NEAR(date->baseline.x + date->width, kRight - pad, 0.01);
    EXPECT_NEAR(seal->baseline.x + seal->width, kRight - pad, 0.01);
    EXPECT_NEAR(seal->box.bottom(), date->box.top() + 2 * pad, 0.01);
    // One cell: no rule between the texts; the next row starts at the cell's bottom.
    EXPECT_NEAR(next->box.top(), bottom - pad, 0.01);
    for (const StrokedLine& line : lines(page)) {
        const bool across_the_cell = std::abs(line.from.y - line.to.y) < 1e-9 &&
                                     line.from.y < top - 0.01 && line.from.y > bottom + 0.01;
        EXPECT_FALSE(across_the_cell) << "a rule at y=" << line.from.y;
    }
}

TEST(CellTexts, TheCellGrowsToHoldAllItsTexts) {
    const load::Declaration data = declaration(
        {{"opinion", "经审核，该项目绩效目标明确，指标设置合理，同意申报。请按计划实施并做好绩效"
                     "监控，确保年度目标如期完成。"}});
    std::string small = kApproval;
    small.replace(small.find("min-height: 40mm"), 16, "min-height: 5mm");
    const Laid laid = lay(small, &data);
    const Page& page = laid.document.pages.at(0);
    const TextItem* date = find_text(page, "年  月  日");
    const TextItem* seal = find_text(page, "（盖章）");
    ASSERT_TRUE(date && seal);
    // The opinion's last line is above the seal: nothing overlaps.
    double lowest_opinion = 1e9;
    for (const TextItem* item : testing::texts_of(page)) {
        if (item->baseline.x < kSplit + mm_to_pt(2) && item->box.left() > kSplit && item != date &&
            item != seal) {
            lowest_opinion = std::min(lowest_opinion, item->box.bottom());
        }
    }
    EXPECT_GE(lowest_opinion, seal->box.top());
    EXPECT_LT(lowest_opinion, 1e9);
}

TEST(CellTexts, TheBlankTemplateKeepsALineForTheEmptyOpinion) {
    const Laid laid = lay(kApproval);
    const Page& page = laid.document.pages.at(0);
    ASSERT_TRUE(find_text(page, "（盖章）"));
    ASSERT_TRUE(find_text(page, "年  月  日"));
}

TEST(CellTexts, TextsTallerThanAPageAreAnErrorAtTheCell) {
    std::string text;
    for (int i = 0; i < 400; ++i) {
        text += "审核意见文字";
    }
    const load::Declaration data = declaration({{"opinion", text}});
    try {
        lay(kApproval, &data);
        FAIL() << "no error";
    } catch (const DiagnosticError& error) {
        EXPECT_EQ(error.diagnostic().loc.line, 14); // the `- texts:` cell
        EXPECT_NE(error.diagnostic().message.find("kept together on one page"), std::string::npos)
            << error.diagnostic().message;
    }
}

TEST(CellTexts, ARowSplitByItsOtherCellKeepsTheTextsWholeInsideTheirBox) {
    std::string text;
    for (int i = 0; i < 120; ++i) {
        text += "指标说明文字";
    }
    const load::Declaration data = declaration({{"opinion", "同意。"}, {"long", text}});
    const Laid laid = lay(kHead + R"(      rows:
        - [{field: long}, {texts: [{field: opinion}, {text: （盖章）, style: seal}]}]
)",
                          &data);
    ASSERT_GE(laid.document.pages.size(), 2u);
    for (const Page& page : laid.document.pages) {
        const TextItem* seal = find_text(page, "（盖章）");
        ASSERT_TRUE(seal) << "the finished cell is printed again beside each part of the row";
        for (const TextItem* item : testing::texts_of(page)) {
            EXPECT_GE(item->box.bottom(), mm_to_pt(10) - 0.01) << item->text;
            EXPECT_LE(item->box.top(), mm_to_pt(150) + 0.01) << item->text;
        }
        EXPECT_GE(seal->box.bottom(), mm_to_pt(10) - 0.01);
    }
}

// --- borders of a cell -----------------------------------------------------------------------

TEST(CellBorders, ASideSetToZeroRemovesTheSharedRuleAndAWidthDrawsItThatWide) {
    const Laid laid = lay(kHead + R"(      rows:
        - [{text: 无右线, border: {right: 0}}, 甲]
        - [{text: 粗底线, border: {bottom: 2pt}}, 乙]
        - [丙, 丁]
)");
    const Page& page = laid.document.pages.at(0);
    const TextItem* a = find_text(page, "无右线");
    const TextItem* b = find_text(page, "粗底线");
    const TextItem* c = find_text(page, "丙");
    ASSERT_TRUE(a && b && c);
    const double pad = mm_to_pt(1);
    const double row1_top = a->box.top() + pad, row1_bottom = a->box.bottom() - pad;
    const double row2_bottom = b->box.bottom() - pad;
    // Row 1: no rule between the two cells; the table's left edge is there as before.
    EXPECT_FALSE(any_line_at_x(page, kSplit, row1_bottom, row1_top));
    EXPECT_TRUE(vertical_rule(page, kLeft, row1_bottom, row1_top, 0.5));
    EXPECT_TRUE(vertical_rule(page, kRight, row1_bottom, row1_top, 0.5));
    // Row 2 and 3: the rule between the columns is back.
    EXPECT_TRUE(vertical_rule(page, kSplit, c->box.bottom() - pad, row1_bottom, 0.5));
    // Row 2's first cell has a 2pt bottom rule, the second cell's bottom stays 0.5pt.
    bool thick = false, thin = false;
    for (const StrokedLine& line : lines(page)) {
        if (std::abs(line.from.y - row2_bottom) < 0.01 &&
            std::abs(line.to.y - row2_bottom) < 0.01) {
            if (std::abs(line.from.x - kLeft) < 0.01 && std::abs(line.to.x - kSplit) < 0.01) {
                thick = thick || line.line_width == 2;
            }
            if (std::abs(line.from.x - kSplit) < 0.01 && std::abs(line.to.x - kRight) < 0.01) {
                thin = thin || line.line_width == 0.5;
            }
        }
    }
    EXPECT_TRUE(thick);
    EXPECT_TRUE(thin);
}

TEST(CellBorders, ABorderlessTableCanUnderlineOneCell) {
    const Laid laid = lay(kHead + R"(      border: 0
      rows:
        - [填表人：, {field: preparer, border: {bottom: true}}]
)");
    const Page& page = laid.document.pages.at(0);
    const std::vector<StrokedLine> drawn = lines(page);
    ASSERT_EQ(drawn.size(), 1u);
    EXPECT_NEAR(drawn[0].from.x, kSplit, 0.01);
    EXPECT_NEAR(drawn[0].to.x, kRight, 0.01);
    EXPECT_EQ(drawn[0].line_width, 0.5);
    EXPECT_NEAR(drawn[0].from.y, drawn[0].to.y, 1e-9);
}

TEST(CellBorders, EachPageOfATableIsClosedAndKeepsTheCellsOwnRules) {
    std::string rows;
    for (int i = 1; i <= 60; ++i) {
        rows += "        - [{text: 第" + std::to_string(i) + "行, border: {left: 2pt}}, 说明]\n";
    }
    const Laid laid = lay(kHead + "      rows:\n" + rows);
    ASSERT_GE(laid.document.pages.size(), 2u);
    for (const Page& page : laid.document.pages) {
        double lowest_text = 1e9, thick_low = 1e9, closing = -1;
        for (const TextItem* item : testing::texts_of(page)) {
            lowest_text = std::min(lowest_text, item->box.bottom());
        }
        for (const StrokedLine& line : lines(page)) {
            if (line.line_width == 2 && std::abs(line.from.x - kLeft) < 0.01) {
                thick_low = std::min({thick_low, line.from.y, line.to.y});
            }
            if (line.from.y == line.to.y && std::abs(line.from.x - kLeft) < 0.01 &&
                line.to.x > kSplit - 0.01 && line.from.y < lowest_text) {
                closing = line.from.y;
            }
        }
        EXPECT_LT(thick_low, lowest_text) << "the 2pt left rule runs down to the last row";
        EXPECT_GT(closing, 0) << "the page's part of the table is closed at its bottom";
    }
}

TEST(CellBorders, ATableWithoutCellBordersKeepsOneLinePerDistinctCellEdge) {
    // The drawing of every layout written before `border` on cells (the goldens hold it byte for
    // byte): each cell's four edges, an edge two cells share stroked once.
    const Laid laid = lay(kHead + R"(      rows:
        - [甲, 乙]
        - [丙, 丁]
)");
    EXPECT_EQ(lines(laid.document.pages.at(0)).size(), 12u);
}

// --- hints -----------------------------------------------------------------------------------

const std::string kHints = kHead + R"(      rows:
        - [项目概况, {field: overview, hint: （100字以内）}]
        - [自评说明, {field: remark, hint: 对照年度目标逐项说明, hint-style: faint}]
)";

TEST(CellHints, TheBlankTemplateShowsEachHintInTheLighterStyle) {
    const Laid laid = lay(kHints);
    const Page& page = laid.document.pages.at(0);
    const TextItem* grey = find_text(page, "（100字以内）");
    const TextItem* faint = find_text(page, "对照年度目标逐项说明");
    const TextItem* label = find_text(page, "项目概况");
    ASSERT_TRUE(grey && faint && label);
    EXPECT_EQ(grey->color, (Color{0.5, 0.5, 0.5})) << "the cell's style, in grey";
    EXPECT_EQ(grey->size, 10);
    EXPECT_EQ(label->color, (Color{0, 0, 0}));
    EXPECT_NEAR(faint->color.r, 0xAA / 255.0, 1e-9) << "the hint-style";
    EXPECT_EQ(faint->size, 9);
}

TEST(CellHints, AValueReplacesTheHintAndAnEmptyValueShowsIt) {
    const load::Declaration data = declaration({{"overview", "修缮校舍。"}, {"remark", ""}});
    const Laid laid = lay(kHints, &data);
    const Page& page = laid.document.pages.at(0);
    EXPECT_FALSE(find_text(page, "（100字以内）"));
    const TextItem* value = find_text(page, "修缮校舍。");
    ASSERT_TRUE(value);
    EXPECT_EQ(value->color, (Color{0, 0, 0}));
    EXPECT_TRUE(find_text(page, "对照年度目标逐项说明")) << "the empty value shows its hint";
}

} // namespace
} // namespace formpdf::layout
