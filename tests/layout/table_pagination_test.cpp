// Pagination rules of the table engine, each on a synthetic table built to hit it.

#include "core/diagnostic.h"
#include "layout/document_layouter.h"
#include "layout/table_layouter.h"
#include "load/declaration.h"
#include "load/layout_loader.h"

#include "support/laid_out.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <string>

namespace formpdf::layout {
namespace {

// A small page (A6-ish content area) makes breaks easy to provoke with little text.
const std::string kHead = R"(formpdf-layout: 1
page: {size: [120mm, 160mm], margins: 10mm}
styles:
  cell: {font: body, size: 10, padding: 1mm, line-spacing: 1.4}
  label: {font: heavy, size: 10, padding: 1mm, align: center, valign: middle}
)";

using testing::Laid;
constexpr auto lay = [](const std::string& yaml,
                        const std::vector<const load::Declaration*>& declarations = {}) {
    return testing::lay_out(yaml, declarations);
};

std::vector<const StrokedLine*> lines(const Page& page) {
    std::vector<const StrokedLine*> out;
    for (const PageItem& item : page.items) {
        if (const auto* line = std::get_if<StrokedLine>(&item)) {
            out.push_back(line);
        }
    }
    return out;
}

// Every line of text lies inside its box, and every box inside the page's content area.
void expect_lines_inside_boxes(const Document& document, const load::LayoutSpec& spec) {
    for (std::size_t p = 0; p < document.pages.size(); ++p) {
        for (const TextItem* text : testing::texts_of(document.pages[p])) {
            EXPECT_GE(text->baseline.x, text->box.left() - 0.01) << text->text;
            EXPECT_LE(text->baseline.x + text->width, text->box.right() + 0.01) << text->text;
            EXPECT_GT(text->baseline.y, text->box.bottom() - 0.01) << text->text;
            EXPECT_LT(text->baseline.y, text->box.top()) << text->text;
            EXPECT_GE(text->box.bottom(), spec.page.margins.bottom - 0.01)
                << "page " << p + 1 << ": " << text->text;
            EXPECT_LE(text->box.top(), spec.page.height_pt - spec.page.margins.top + 0.01);
        }
    }
}

std::string all_text(const Document& document) {
    std::string out;
    for (const Page& page : document.pages) {
        for (const TextItem* text : testing::texts_of(page)) {
            out += text->text;
        }
    }
    return out;
}

// The topmost text item of a page.
const TextItem* top_text(const Page& page) {
    const auto items = testing::texts_of(page);
    return *std::max_element(items.begin(), items.end(), [](const auto* a, const auto* b) {
        return a->baseline.y < b->baseline.y;
    });
}

std::string numbered_rows(int count, int first = 1) {
    std::string rows;
    for (int i = first; i < first + count; ++i) {
        rows +=
            "        - [第" + std::to_string(i) + "行, 指标说明文字" + std::to_string(i) + "]\n";
    }
    return rows;
}

TEST(TablePagination, HeaderRowsRepeatOnEveryPageWithTheirSpans) {
    const Laid laid = lay(kHead + R"(blocks:
  - table:
      columns: [30mm, 1fr]
      style: cell
      rows:
        - header: true
          cells: [{text: 指标, colspan: 2, style: label}]
        - header: true
          cells: [{text: 名称, style: label}, {text: 说明, style: label}]
)" + numbered_rows(60));
    const Document& document = laid.document;
    ASSERT_GE(document.pages.size(), 3u);
    for (const Page& page : document.pages) {
        EXPECT_EQ(top_text(page)->text, "指标");
        // The two-column header cell keeps its span: its text is centred over both columns.
        const TextItem* head = top_text(page);
        EXPECT_NEAR(head->box.width, mm_to_pt(100) - mm_to_pt(2), 0.01);
        const auto items = testing::texts_of(page);
        EXPECT_TRUE(std::any_of(items.begin(), items.end(),
                                [](const auto* t) { return t->text == "说明"; }));
    }
    EXPECT_NE(all_text(document).find("第60行"), std::string::npos);
    expect_lines_inside_boxes(document, laid.spec);
}

load::TextValue value(std::string text) {
    return {std::move(text), {"data.yaml", 1, 1}};
}

load::Record record(const std::string& name) {
    load::Record r;
    r.fields.push_back({"name", value(name)});
    r.fields.push_back({"value", value("≥10人")});
    return r;
}

load::Declaration long_group_declaration(int rows) {
    load::Declaration declaration;
    declaration.file = "data.yaml";
    load::Group output;
    output.label = value("产出");
    load::Group quantity;
    quantity.label = value("*数量");
    for (int i = 1; i <= rows; ++i) {
        quantity.records.push_back(record("指标" + std::to_string(i)));
    }
    output.groups.push_back(quantity);
    load::Group benefit;
    benefit.label = value("效益");
    load::Group social;
    social.label = value("*社会效益");
    social.records.push_back(record("社会效益指标"));
    benefit.groups.push_back(social);
    declaration.trees.push_back({"indicators", {output, benefit}});
    return declaration;
}

const std::string kIndicatorTable = R"(blocks:
  - table:
      columns: [18mm, 22mm, 1fr, 25mm]
      style: cell
      continued: （续）
      rows:
        - header: true
          cells: [{text: 一级指标, style: label}, {text: 二级指标, style: label}, {text: 三级指标, style: label}, {text: 指标值, style: label}]
        - group: indicators
          levels: [{style: label, fill: "#D9D9D9"}, {style: label, fill: "#D9D9D9"}]
          cells: [{field: name}, {field: value}]
)";

// Laying out a table is linear in its rows: each page looks at the cells of its own rows, not at
// every cell of the table (66,000 indicator rows once took 54 s). Counted, not timed.
TEST(TablePagination, FourTimesTheRowsCostAboutFourTimesTheWork) {
    const auto visits = [](int rows) {
        const load::Declaration declaration = long_group_declaration(rows);
        const std::size_t before = table_cells_visited();
        const Laid laid = lay(kHead + kIndicatorTable, {&declaration});
        EXPECT_GT(laid.document.pages.size(), static_cast<std::size_t>(rows / 40));
        return table_cells_visited() - before;
    };
    const std::size_t small = visits(500);
    const std::size_t large = visits(2000);
    EXPECT_GT(small, 500u) << small << " " << large;
    EXPECT_LE(large, small * 9 / 2) << small << " cells for 500 rows, " << large << " for 2000";
}

// A declaration's value with a character wider than its cell cannot be drawn inside it: the error
// points at the layout's cell (what to widen) and says where the text is.
TEST(TablePagination, ACharacterWiderThanItsCellIsAnErrorAtTheLayoutsCell) {
    const load::Declaration declaration = long_group_declaration(3);
    const std::string layout = kHead + R"(  big: {font: heavy, size: 72, padding: 0}
)" + kIndicatorTable;
    std::string narrowed = layout;
    narrowed.replace(narrowed.find("levels: [{style: label"), 22, "levels: [{style: big");
    try {
        lay(narrowed, {&declaration});
        FAIL() << "a 72pt character was laid out in an 18mm column";
    } catch (const DiagnosticError& error) {
        const Diagnostic& diagnostic = error.diagnostic();
        EXPECT_EQ(diagnostic.loc.file, "test.yaml");
        EXPECT_EQ(diagnostic.loc.line, 16); // the first level cell of the group row
        EXPECT_NE(diagnostic.message.find("'产' is 25.4mm wide at 72pt, wider than the 18mm"),
                  std::string::npos)
            << diagnostic.message;
        EXPECT_NE(diagnostic.message.find("the text is at data.yaml:1:1"), std::string::npos)
            << diagnostic.message;
        EXPECT_FALSE(diagnostic.hint.empty());
    }
}

Diagnostic layout_error(const std::string& yaml,
                        const std::vector<const load::Declaration*>& declarations = {}) {
    try {
        lay(yaml, declarations);
    } catch (const DiagnosticError& error) {
        return error.diagnostic();
    }
    ADD_FAILURE() << "laid out:\n" << yaml;
    return {};
}

std::string repeated(const std::string& text, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) {
        out += text;
    }
    return out;
}

// Header rows repeat on every page: when their text makes them taller than a page (less the first
// line of the row after them), no page can be drawn.
TEST(TablePagination, HeaderRowsTallerThanAPageAreAnErrorAtTheirRow) {
    const Diagnostic error =
        layout_error(kHead +
                     "blocks:\n  - table:\n      columns: [12mm, 1fr]\n"
                     "      style: cell\n      rows:\n"
                     "        - {header: true, cells: [" +
                     repeated("一级指标二级指标", 20) + ", 说明]}\n        - [a, b]\n");
    EXPECT_EQ(error.loc.line, 11) << error.message; // the header row
    EXPECT_NE(error.message.find("the header rows starting here are"), std::string::npos)
        << error.message;
    EXPECT_NE(error.message.find("more than the page's content height of 140mm"), std::string::npos)
        << error.message;
}

// A cell spanning rows is shown whole on the first page of its span: when its text is taller than
// a page below the header rows, it can never be drawn inside its box.
TEST(TablePagination, ASpanningCellTallerThanAPageIsAnErrorAtTheCell) {
    const Diagnostic error =
        layout_error(kHead +
                     "blocks:\n  - table:\n      columns: [12mm, 1fr]\n      style: cell\n"
                     "      rows:\n        - {header: true, cells: [一级, 说明]}\n"
                     "        - [{text: " +
                     repeated("一级指标二级指标", 20) + ", rowspan: 2}, a]\n        - [b]\n");
    EXPECT_EQ(error.loc.line, 12) << error.message; // the spanning cell
    EXPECT_NE(error.message.find("this cell spans rows and is shown whole"), std::string::npos)
        << error.message;
    EXPECT_FALSE(error.hint.empty());
}

TEST(TablePagination, ALabelCutByAPageBreakIsPrintedAgainAndItsBordersClose) {
    const load::Declaration declaration = long_group_declaration(40);
    const Laid laid = lay(kHead + kIndicatorTable, {&declaration});
    const Document& document = laid.document;
    ASSERT_GE(document.pages.size(), 2u);
    for (std::size_t p = 1; p < document.pages.size(); ++p) {
        std::string page_text;
        for (const TextItem* t : testing::texts_of(document.pages[p])) {
            page_text += t->text;
        }
        // Every later page holding rows of the 40-row group repeats both of its labels.
        if (std::regex_search(page_text, std::regex("指标[0-9]+≥10人"))) {
            EXPECT_NE(page_text.find("产出（续）"), std::string::npos) << "page " << p + 1;
            EXPECT_NE(page_text.find("*数量（续）"), std::string::npos) << "page " << p + 1;
        } else {
            ADD_FAILURE() << "page " << p + 1 << " holds none of the group's rows";
        }
        EXPECT_EQ(top_text(document.pages[p])->text, "一级指标") << "the header repeats";
    }
    // On page 1 the label column is closed by a horizontal border at the bottom of the table part.
    const Page& first = document.pages[0];
    double lowest_text = 1e9;
    for (const TextItem* t : testing::texts_of(first)) {
        lowest_text = std::min(lowest_text, t->box.bottom());
    }
    const double label_left = laid.spec.page.margins.left;
    const auto borders = lines(first);
    const bool closed = std::any_of(borders.begin(), borders.end(), [&](const StrokedLine* line) {
        return line->from.y == line->to.y && std::abs(line->from.x - label_left) < 0.01 &&
               line->from.y < lowest_text + 0.01;
    });
    EXPECT_TRUE(closed) << "the 一级 label's part on page 1 has a bottom border";
    for (int i = 1; i <= 40; ++i) {
        EXPECT_NE(all_text(document).find("指标" + std::to_string(i) + "≥10人"), std::string::npos)
            << i;
    }
    expect_lines_inside_boxes(document, laid.spec);
}

TEST(TablePagination, ARowTallerThanAPageSplitsBetweenLinesAndLosesNothing) {
    std::string long_text;
    for (int i = 0; i < 60; ++i) {
        long_text += "通过本项目的实施，及时做好疫情防控补贴发放等相关工作。";
    }
    const Laid laid = lay(kHead + R"(blocks:
  - table:
      columns: [25mm, 1fr]
      style: cell
      rows:
        - [{text: 项目概况：, style: label}, )" +
                          long_text + R"(]
        - [最后一行, 结束]
)");
    const Document& document = laid.document;
    ASSERT_GE(document.pages.size(), 2u);
    std::string printed;
    for (const Page& page : document.pages) {
        for (const TextItem* t : testing::texts_of(page)) {
            if (t->text != "项目概况：" && t->text != "最后一行" && t->text != "结束") {
                printed += t->text;
            }
        }
    }
    EXPECT_EQ(printed, long_text);
    // The row's label continues on every page the row reaches.
    for (std::size_t p = 0; p + 1 < document.pages.size(); ++p) {
        const auto items = testing::texts_of(document.pages[p]);
        EXPECT_TRUE(std::any_of(items.begin(), items.end(),
                                [](const auto* t) { return t->text == "项目概况："; }))
            << "page " << p + 1;
    }
    expect_lines_inside_boxes(document, laid.spec);
}

TEST(TablePagination, ATallRowWhereALabelStartsSplitsAndTheLabelContinues) {
    load::Declaration declaration = long_group_declaration(2);
    std::string long_text;
    for (int i = 0; i < 40; ++i) {
        long_text += "该指标主要考察本项目的实施是否降低潜在病例进一步传染的风险。";
    }
    load::Record& first = declaration.trees[0].second[0].groups[0].records[0];
    first.fields.push_back({"explanation", value(long_text)});
    const Laid laid = lay(kHead + R"(blocks:
  - table:
      columns: [18mm, 22mm, 1fr, 25mm]
      style: cell
      continued: （续）
      rows:
        - header: true
          cells: [一级指标, 二级指标, 说明, 指标值]
        - group: indicators
          levels: [{style: label}, {style: label}]
          cells: [{field: explanation}, {field: value}]
)",
                          {&declaration});
    const Document& document = laid.document;
    ASSERT_GE(document.pages.size(), 2u);
    std::string printed;
    for (const Page& page : document.pages) {
        for (const TextItem* t : testing::texts_of(page)) {
            if (t->box.width > mm_to_pt(30) && t->text != "说明") {
                printed += t->text;
            }
        }
    }
    EXPECT_NE(printed.find(long_text), std::string::npos) << "the long cell is printed whole";
    for (std::size_t p = 1; p < document.pages.size(); ++p) {
        std::string page_text;
        for (const TextItem* t : testing::texts_of(document.pages[p])) {
            page_text += t->text; // a cell's lines are consecutive
        }
        EXPECT_NE(page_text.find("产出（续）"), std::string::npos)
            << "the 一级 label continues on page " << p + 1;
        EXPECT_NE(page_text.find("*数量（续）"), std::string::npos) << "page " << p + 1;
    }
    expect_lines_inside_boxes(document, laid.spec);
}

TEST(TablePagination, AHeaderIsNeverLeftAloneAtTheBottomOfAPage) {
    // Rows that fill most of page 1, then a header and a body row that does not fit below it.
    const Laid laid = lay(kHead + R"(blocks:
  - table:
      columns: [30mm, 1fr]
      style: cell
      rows:
)" + numbered_rows(22) + R"(        - header: true
          cells: [{text: 表头甲, style: label}, {text: 表头乙, style: label}]
        - [正文, "第一行\n第二行\n第三行\n第四行\n第五行\n第六行"]
)");
    const Document& document = laid.document;
    ASSERT_GE(document.pages.size(), 2u);
    for (std::size_t p = 0; p < document.pages.size(); ++p) {
        const auto items = testing::texts_of(document.pages[p]);
        const bool has_header = std::any_of(items.begin(), items.end(),
                                            [](const auto* t) { return t->text == "表头甲"; });
        const bool has_body = std::any_of(items.begin(), items.end(),
                                          [](const auto* t) { return t->text == "正文"; });
        EXPECT_EQ(has_header, has_body) << "page " << p + 1 << ": the header goes with its row";
    }
    expect_lines_inside_boxes(document, laid.spec);
}

TEST(TablePagination, AFooterThatMustFollowTheTableTakesTheLastRowWithIt) {
    // Find how many rows fill page 1 exactly, then add a footer that cannot fit below them.
    int rows = 10;
    for (; rows < 60; ++rows) {
        const Laid probe = lay(kHead +
                               "blocks:\n  - table:\n      columns: [30mm, 1fr]\n"
                               "      style: cell\n      rows:\n" +
                               numbered_rows(rows + 1));
        if (probe.document.pages.size() > 1) {
            break; // `rows` rows fill page 1
        }
    }
    const Laid laid = lay(kHead +
                          "blocks:\n  - table:\n      columns: [30mm, 1fr]\n"
                          "      style: cell\n      rows:\n" +
                          numbered_rows(rows) +
                          "  - paragraph: 备注：作为导入模板，置灰信息无需录入。\n"
                          "    keep-with-previous: true\n    style: cell\n");
    const Document& document = laid.document;
    ASSERT_EQ(document.pages.size(), 2u);
    const auto last_page = testing::texts_of(document.pages[1]);
    const bool footer_there = std::any_of(last_page.begin(), last_page.end(), [](const auto* t) {
        return t->text.rfind("备注", 0) == 0;
    });
    const bool row_there = std::any_of(last_page.begin(), last_page.end(), [&](const auto* t) {
        return t->text == "第" + std::to_string(rows) + "行";
    });
    EXPECT_TRUE(footer_there);
    EXPECT_TRUE(row_there) << "the last row moved to the footer's page";
    expect_lines_inside_boxes(document, laid.spec);
}

TEST(TablePagination, SeveralFormsEachStartOnANewPageWithTheirOwnPageNumbers) {
    const load::Declaration a = long_group_declaration(3);
    const load::Declaration b = long_group_declaration(45);
    const Laid laid =
        lay(kHead + "page-numbers: {format: \"第{page}页 共{pages}页\", style: cell}\n" +
                kIndicatorTable,
            {&a, &b});
    const Document& document = laid.document;
    ASSERT_GE(document.pages.size(), 3u);
    ASSERT_EQ(document.outlines.size(), 2u);
    EXPECT_EQ(document.outlines[0].page_index, 0);
    EXPECT_EQ(document.outlines[1].page_index, 1);
    const auto page_number = [&](std::size_t p) {
        for (const TextItem* t : testing::texts_of(document.pages[p])) {
            if (t->text.rfind("第", 0) == 0 && t->text.find("共") != std::string::npos) {
                return t->text;
            }
        }
        return std::string();
    };
    EXPECT_EQ(page_number(0), "第1页 共1页");
    const std::size_t b_pages = document.pages.size() - 1;
    EXPECT_EQ(page_number(1), "第1页 共" + std::to_string(b_pages) + "页");
    EXPECT_EQ(page_number(document.pages.size() - 1),
              "第" + std::to_string(b_pages) + "页 共" + std::to_string(b_pages) + "页");
}

TEST(TableCells, FormatFillsFieldsIntoTheLayoutsTextAndLeavesDataAsWritten) {
    const std::string yaml = kHead + R"(blocks:
  - table:
      columns: [1fr, 1fr]
      border: 0
      style: cell
      rows:
        - [{format: "填表人：{preparer}"}, {format: "联系电话：{phone}"}]
)";
    load::Declaration declaration;
    declaration.fields.push_back({"preparer", value("张 三")});
    const Laid filled = lay(yaml, {&declaration});
    EXPECT_EQ(all_text(filled.document), "填表人：张 三联系电话：");
    EXPECT_TRUE(lines(filled.document.pages[0]).empty()) << "border: 0 draws no lines";
    const Laid blank = lay(yaml);
    EXPECT_EQ(all_text(blank.document), "填表人：联系电话：");
}

TEST(TablePagination, BlankTemplatePrintsEmptyRowsToFillByHand) {
    const Laid laid = lay(kHead + R"(blocks:
  - table:
      columns: [18mm, 22mm, 1fr, 25mm]
      style: cell
      rows:
        - [项目名称：, {field: project_name, colspan: 3, fill: "#D9D9D9"}]
        - header: true
          cells: [一级指标, 二级指标, 三级指标, 指标值]
        - group: indicators
          levels: [{fill: "#D9D9D9"}, {fill: "#D9D9D9"}]
          cells: [{field: name}, {field: value}]
          blank-rows: 6
)");
    const Document& document = laid.document;
    ASSERT_EQ(document.pages.size(), 1u);
    int fills = 0;
    int horizontal = 0;
    for (const PageItem& item : document.pages[0].items) {
        fills += std::holds_alternative<FilledRect>(item);
        if (const auto* line = std::get_if<StrokedLine>(&item)) {
            horizontal += line->from.y == line->to.y;
        }
    }
    EXPECT_EQ(fills, 1 + 6 * 2) << "the grey value cell and the grey level cells of 6 rows";
    EXPECT_GE(horizontal, 8 * 4) << "rows to write in";
    EXPECT_EQ(all_text(document), "项目名称：一级指标二级指标三级指标指标值");
}

} // namespace
} // namespace formpdf::layout
