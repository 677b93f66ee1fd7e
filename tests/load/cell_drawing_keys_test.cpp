// The keys that say how a cell is drawn (docs/layout-format.md, "Drawing a cell"): what they load
// to, and every mistake in them reported at file:line:col with a hint before any layout work.

#include "core/diagnostic.h"
#include "load/layout_loader.h"

#include <gtest/gtest.h>

#include <regex>

namespace formpdf::load {
namespace {

const std::string kHead = "formpdf-layout: 1\n"            // line 1
                          "styles:\n"                      // 2
                          "  seal: {align: right}\n"       // 3
                          "  hint: {color: \"#999999\"}\n" // 4
                          "blocks:\n"                      // 5
                          "  - table:\n"                   // 6
                          "      columns: [30mm, 30mm]\n"  // 7
                          "      rows:\n";                 // 8

const CellSpec& first_cell(const LayoutSpec& spec) {
    return spec.blocks.at(0).table->rows.at(0).cells.at(0);
}

TEST(CellDrawingKeys, BorderSidesLoadAsWidthsAndTrueTakesTheTablesWidth) {
    const LayoutSpec spec = load_layout_text(
        kHead + "        - [{text: a, border: {top: 0, bottom: 2pt, left: true}}, b]\n", "f.yaml");
    const CellBorders& border = first_cell(spec).border;
    ASSERT_TRUE(border.top && border.bottom && border.left);
    EXPECT_FALSE(border.right.has_value()); // the table's
    EXPECT_EQ(*border.top, 0);
    EXPECT_DOUBLE_EQ(*border.bottom, 2);
    EXPECT_DOUBLE_EQ(*border.left, 0.5); // the table's default border
}

TEST(CellDrawingKeys, OneBorderValueSetsEverySideAndTrueInABorderlessTableIsHalfAPoint) {
    const LayoutSpec spec = load_layout_text(
        "formpdf-layout: 1\nblocks:\n  - table:\n      columns: [30mm, 30mm]\n      border: 0\n"
        "      rows:\n        - [{text: a, border: true}, {text: b, border: 1mm}]\n",
        "f.yaml");
    const auto& cells = spec.blocks.at(0).table->rows.at(0).cells;
    EXPECT_DOUBLE_EQ(*cells[0].border.top, 0.5);
    EXPECT_DOUBLE_EQ(*cells[0].border.left, 0.5);
    EXPECT_NEAR(*cells[1].border.right, mm_to_pt(1), 1e-9);
    EXPECT_NEAR(*cells[1].border.bottom, mm_to_pt(1), 1e-9);
}

TEST(CellDrawingKeys, TextsLoadInOrderWithTheirOwnAlignment) {
    const LayoutSpec spec = load_layout_text(
        kHead + "        - [审核意见, {texts: [{field: opinion}, {text: （盖章）, style: seal, "
                "valign: bottom}, {text: 年  月  日, align: right, valign: bottom}]}]\n",
        "f.yaml");
    const CellSpec& cell = spec.blocks.at(0).table->rows.at(0).cells.at(1);
    ASSERT_EQ(cell.texts.size(), 3u);
    EXPECT_EQ(cell.content, CellContent::Empty);
    EXPECT_EQ(cell.texts[0].content, CellContent::Field);
    EXPECT_EQ(cell.texts[0].text, "opinion");
    EXPECT_EQ(cell.texts[1].text, "（盖章）");
    EXPECT_EQ(cell.texts[1].style, "seal");
    EXPECT_FALSE(cell.texts[1].align.has_value());
    EXPECT_EQ(cell.texts[1].valign, VAlign::Bottom);
    EXPECT_EQ(cell.texts[2].align, HAlign::Right);
}

TEST(CellDrawingKeys, VerticalAndHintLoad) {
    const LayoutSpec spec = load_layout_text(
        kHead + "        - [{text: 绩 效 指 标, vertical: true}, {field: overview, hint: "
                "（100字以内）, hint-style: hint}]\n",
        "f.yaml");
    const auto& cells = spec.blocks.at(0).table->rows.at(0).cells;
    EXPECT_TRUE(cells[0].vertical);
    EXPECT_EQ(cells[1].hint, "（100字以内）");
    EXPECT_EQ(cells[1].hint_style, "hint");
    EXPECT_EQ(cells[1].hint_loc.line, 9);
}

struct KeyError {
    const char* name;
    std::string row; // one row, at line 9
    int col;
    const char* message; // regex
    const char* hint;    // regex
};

void PrintTo(const KeyError& e, std::ostream* os) {
    *os << e.name;
}

class CellDrawingKeyError : public ::testing::TestWithParam<KeyError> {};

std::vector<KeyError> errors() {
    return {
        {"BorderWidthNotALength", "        - [{text: a, border: {top: thick}}, b]\n", 36, "top",
         ""},
        {"BorderUnknownSide", "        - [{text: a, border: {middle: 1pt}}, b]\n", 31,
         "unknown key 'middle'", "allowed keys: top, right, bottom, left"},
        {"BorderEmptyMap", "        - [{text: a, border: {}}, b]\n", 0, "names no side",
         "one or more of top, right, bottom, left"},
        {"BorderNegative", "        - [{text: a, border: -1pt}, b]\n", 0, "", ""},
        {"TextsWithText", "        - [{text: a, texts: [b]}, c]\n", 0,
         "either 'texts' or one of 'text', 'field', 'format'", "'texts' list"},
        {"TextsEmpty", "        - [{texts: []}, c]\n", 0, "'texts' is empty",
         "write the cell as ~"},
        {"TextsPartWithTwoContents", "        - [{texts: [{text: a, field: b}]}, c]\n", 0,
         "one of 'text', 'field' or 'format'", "align: right"},
        {"TextsPartUnknownKey", "        - [{texts: [{text: a, valgin: top}]}, c]\n", 31,
         "unknown key 'valgin'", "did you mean 'valign'"},
        {"TextsPartBadAlign", "        - [{texts: [{text: a, align: middle}]}, c]\n", 0, "middle",
         "left, center, right"},
        {"TextsPartUnknownStyle", "        - [{texts: [{text: a, style: sael}]}, c]\n", 0,
         "unknown style 'sael'", "did you mean 'seal'"},
        {"VerticalWithTexts", "        - [{texts: [a], vertical: true}, c]\n", 0,
         "with 'texts' cannot be vertical", "'text' or 'field'"},
        {"VerticalNotBoolean", "        - [{text: a, vertical: up}, c]\n", 0, "", "true"},
        {"HintOnLayoutText", "        - [{text: 项目概况, hint: （100字以内）}, c]\n", 31,
         "prints the layout's own text", "'field' or 'format'"},
        {"HintStyleWithoutHint", "        - [{field: x, hint-style: hint}, c]\n", 0,
         "'hint-style' without a 'hint'", "hint: "},
        {"HintStyleUnknown", "        - [{field: x, hint: h, hint-style: hnit}, c]\n", 0,
         "unknown style 'hnit'", "did you mean 'hint'"},
        {"MisspeltCellKeyNamesTheNewKeys", "        - [{text: a, boder: 0}, c]\n", 22,
         "unknown key 'boder'", "did you mean 'border'.*vertical, hint, hint-style"},
        {"LevelCellWithTexts",
         "        - group: indicators\n          levels: [{texts: [a]}]\n          cells: [b]\n", 0,
         "level cell shows the label", ""},
    };
}

TEST_P(CellDrawingKeyError, IsReportedAtItsPlaceWithAHint) {
    const KeyError& c = GetParam();
    try {
        load_layout_text(kHead + c.row, "form.yaml");
        FAIL() << "no error";
    } catch (const DiagnosticError& error) {
        const Diagnostic& d = error.diagnostic();
        EXPECT_EQ(d.loc.file, "form.yaml");
        EXPECT_GE(d.loc.line, 9) << d.message;
        EXPECT_GT(d.loc.col, 10) << d.message;
        if (c.col > 0) {
            EXPECT_EQ(d.loc.col, c.col) << d.message;
        }
        EXPECT_TRUE(std::regex_search(d.message, std::regex(c.message))) << d.message;
        EXPECT_TRUE(std::regex_search(d.hint, std::regex(c.hint))) << d.hint;
    }
}

INSTANTIATE_TEST_SUITE_P(Cases, CellDrawingKeyError, ::testing::ValuesIn(errors()),
                         [](const auto& info) { return std::string(info.param.name); });

// The versioning rule (docs/layout-format.md, "Versions"): a version this formpdf does not know
// is refused at its place, never read as if it were 1.
TEST(LayoutFormatVersion, AnUnknownVersionIsRefusedAtItsValue) {
    try {
        load_layout_text("formpdf-layout: 2\nblocks: []\n", "new.yaml");
        FAIL() << "no error";
    } catch (const DiagnosticError& error) {
        EXPECT_EQ(error.diagnostic().loc.line, 1);
        EXPECT_EQ(error.diagnostic().loc.col, 17);
        EXPECT_NE(error.diagnostic().message.find("unsupported layout format version"),
                  std::string::npos);
        EXPECT_NE(error.diagnostic().hint.find("formpdf-layout: 1"), std::string::npos);
    }
}

} // namespace
} // namespace formpdf::load
