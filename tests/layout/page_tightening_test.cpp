// Tightening (`tighten:`): a form whose last page would hold only a few rows is laid out again
// with its vertical spacing reduced towards the layout's limits, never below them, and kept so only
// when that saves a page. The dump says which pages were tightened.

#include "core/diagnostic.h"
#include "layout/document_layouter.h"
#include "layout/form_layouter.h"
#include "layout/form_tightening.h"
#include "layout/layout_dump.h"
#include "load/declaration.h"
#include "load/layout_loader.h"
#include "resolve/form_resolver.h"
#include "support/command.h"

#include "support/laid_out.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>

namespace formpdf::layout {
namespace {

const std::string kHead = R"(formpdf-layout: 1
page: {size: [120mm, 160mm], margins: 10mm}
styles:
  cell: {font: body, size: 10, padding: 1mm, line-spacing: 1.4}
  label: {font: heavy, size: 10, padding: 1mm, align: center, valign: middle}
)";

// The limits of the tests below: one line of style `cell` is then at least 10pt × 1.2 + 2 × 0.5mm.
const std::string kLimits = "tighten: {padding: 0.5mm, line-spacing: 1.2, row-height: 5mm}\n";
const double kLeastRowPt = 10 * 1.2 + 2 * mm_to_pt(0.5);

// A table of `rows` one-line rows under a header, followed by a 备注 line that stays with the
// table's last row.
std::string form(int rows, const std::string& tighten = "") {
    std::string yaml = kHead + tighten + R"(blocks:
  - table:
      columns: [30mm, 1fr]
      style: cell
      min-row-height: 7mm
      rows:
        - header: true
          cells: [{text: 序号, style: label}, {text: 指标说明, style: label}]
)";
    for (int i = 1; i <= rows; ++i) {
        yaml +=
            "        - [第" + std::to_string(i) + "行, 指标说明文字" + std::to_string(i) + "]\n";
    }
    yaml += "  - paragraph: 备注：作为导入模板，置灰信息无需录入。\n"
            "    keep-with-previous: true\n    style: cell\n";
    return yaml;
}

Document lay(const std::string& yaml) {
    return layout_forms(load::load_layout_text(yaml, "test.yaml"), {}, testing::system_fonts());
}

int rows_on(const Page& page) {
    const auto items = testing::texts_of(page);
    return static_cast<int>(std::count_if(items.begin(), items.end(), [](const auto* t) {
        return t->text.rfind("第", 0) == 0 && t->text.find("行") != std::string::npos;
    }));
}

bool has_text_starting(const Page& page, const std::string& start) {
    const auto items = testing::texts_of(page);
    return std::any_of(items.begin(), items.end(),
                       [&](const auto* t) { return t->text.rfind(start, 0) == 0; });
}

// The number of rows with which the form, as the layout gives it, spills exactly `spilled` rows
// (and the 备注 line) onto a second page.
int rows_spilling(int spilled) {
    for (int rows = 5; rows < 80; ++rows) {
        const Document document = lay(form(rows));
        if (document.pages.size() == 2 && rows_on(document.pages[1]) == spilled) {
            return rows;
        }
    }
    ADD_FAILURE() << "no form spills " << spilled << " rows";
    return 0;
}

void expect_lines_inside_boxes(const Document& document) {
    for (const Page& page : document.pages) {
        for (const TextItem* text : testing::texts_of(page)) {
            EXPECT_GE(text->baseline.x, text->box.left() - 0.01) << text->text;
            EXPECT_LE(text->baseline.x + text->width, text->box.right() + 0.01) << text->text;
            EXPECT_GT(text->baseline.y, text->box.bottom() - 0.01) << text->text;
            EXPECT_LT(text->baseline.y, text->box.top()) << text->text;
            EXPECT_GE(text->box.bottom(), mm_to_pt(10) - 0.01) << text->text;
        }
    }
}

// The heights of the table's rows on a page: the gaps between its horizontal rules.
std::vector<double> row_heights(const Page& page) {
    std::set<double> ys;
    for (const PageItem& item : page.items) {
        if (const auto* line = std::get_if<StrokedLine>(&item);
            line && line->from.y == line->to.y) {
            ys.insert(line->from.y);
        }
    }
    std::vector<double> heights;
    for (auto it = ys.begin(); it != ys.end() && std::next(it) != ys.end(); ++it) {
        heights.push_back(*std::next(it) - *it);
    }
    return heights;
}

TEST(PageTightening, AFormThatSpillsOneRowFitsOnOnePageTightened) {
    const int rows = rows_spilling(1);
    const Document tightened = lay(form(rows, kLimits));
    ASSERT_EQ(tightened.pages.size(), 1u) << "the spilled row and the 备注 line came back";
    EXPECT_GT(tightened.pages[0].tightened, 0);
    EXPECT_LE(tightened.pages[0].tightened, 1);
    EXPECT_EQ(rows_on(tightened.pages[0]), rows);
    EXPECT_TRUE(has_text_starting(tightened.pages[0], "备注"));
    expect_lines_inside_boxes(tightened);
    // Type never shrinks.
    for (const TextItem* text : testing::texts_of(tightened.pages[0])) {
        EXPECT_EQ(text->size, 10) << text->text;
    }
}

TEST(PageTightening, SpacingNeverGoesBelowTheLayoutsLimits) {
    const int rows = rows_spilling(1);
    const Document tightened = lay(form(rows, kLimits));
    ASSERT_EQ(tightened.pages.size(), 1u);
    const std::vector<double> heights = row_heights(tightened.pages[0]);
    ASSERT_EQ(heights.size(), static_cast<std::size_t>(rows + 1)) << "the header and the rows";
    for (const double height : heights) {
        EXPECT_GE(height, kLeastRowPt - 0.01);
        EXPECT_GE(height, mm_to_pt(5) - 0.01);
    }
    // The least tightening that saves the page: not more than needed.
    const Document normal = lay(form(rows));
    const std::vector<double> normal_heights = row_heights(normal.pages[0]);
    EXPECT_LT(heights.front(), normal_heights.front());
}

TEST(PageTightening, AFormThatTheLimitsCannotSaveStaysAsItWasUntightened) {
    // Half a page spilled: the limits cannot bring that back.
    const Document normal = lay(form(2 * rows_spilling(1) - 10));
    ASSERT_EQ(normal.pages.size(), 2u);
    const std::string yaml = form(2 * rows_spilling(1) - 10, kLimits);
    const Document tried = lay(yaml);
    ASSERT_EQ(tried.pages.size(), 2u);
    EXPECT_EQ(tried.pages[0].tightened, 0);
    EXPECT_EQ(tried.pages[1].tightened, 0);
    EXPECT_EQ(dump_layout_json(tried), dump_layout_json(normal)) << "laid out exactly as before";
}

TEST(PageTightening, OnlyWhenTheLastPageHoldsAtMostLastPageRows) {
    const int rows = rows_spilling(1);
    const std::string none =
        "tighten: {last-page-rows: 0, padding: 0.5mm, line-spacing: 1.2, row-height: 5mm}\n";
    EXPECT_EQ(lay(form(rows, none)).pages.size(), 2u) << "one row on the last page is more than 0";
    const std::string one =
        "tighten: {last-page-rows: 1, padding: 0.5mm, line-spacing: 1.2, row-height: 5mm}\n";
    EXPECT_EQ(lay(form(rows, one)).pages.size(), 1u);
}

TEST(PageTightening, TheDumpSaysWhichPagesWereTightenedAndHowFar) {
    const int rows = rows_spilling(1);
    const std::string tightened = dump_layout_json(lay(form(rows, kLimits)));
    const std::size_t at = tightened.find("\"tightened\": ");
    ASSERT_NE(at, std::string::npos) << tightened.substr(0, 400);
    EXPECT_EQ(tightened.find("\"tightened\": ", at + 1), std::string::npos) << "one page";
    EXPECT_NE(
        tightened.find("{\"page\": 1, \"width\": 340.16, \"height\": 453.54, \"tightened\": "),
        std::string::npos);
    const std::string normal = dump_layout_json(lay(form(rows)));
    EXPECT_EQ(normal.find("tightened"), std::string::npos) << "absent when nothing is tightened";
}

TEST(PageTightening, ALayoutWithoutLimitsIsRefused) {
    try {
        load::load_layout_text(kHead + "tighten: {last-page-rows: 2}\n", "test.yaml");
        FAIL() << "accepted";
    } catch (const DiagnosticError& error) {
        EXPECT_EQ(error.diagnostic().loc.line, 6);
        EXPECT_NE(error.diagnostic().message.find("sets no limit"), std::string::npos);
    }
    try {
        load::load_layout_text(kHead + "tighten: {paddin: 1mm}\n", "test.yaml");
        FAIL() << "accepted";
    } catch (const DiagnosticError& error) {
        EXPECT_NE(error.diagnostic().hint.find("did you mean 'padding'"), std::string::npos)
            << error.diagnostic().hint;
    }
}

// The attempts of tightening only count pages; the share they choose is then drawn once.
TEST(PageTightening, ATightenedFormIsDrawnOnceItsAttemptsOnlyCountPages) {
    const int rows = rows_spilling(1);
    std::string saved = form(rows, kLimits);
    const std::string head_cell = "{text: 序号, style: label}";
    ASSERT_NE(saved.find(head_cell), std::string::npos);
    saved.replace(saved.find(head_cell), head_cell.size(),
                  "{text: 序号, style: label, name: number-head}");
    FormLayoutCounts before = form_layout_counts();
    const Document document = lay(saved);
    FormLayoutCounts after = form_layout_counts();
    ASSERT_EQ(document.pages.size(), 1u);
    EXPECT_GT(document.pages[0].tightened, 0);
    EXPECT_EQ(after.drawn - before.drawn, 2u) << "as the layout gives it, then tightened";
    EXPECT_EQ(after.counted - before.counted, 3u) << "shares 1, 1/2, then 1/4 or 3/4";
    // The drawing of the share chosen gives what the attempts (which place nothing) do not.
    ASSERT_EQ(document.named_boxes.size(), 1u);
    EXPECT_EQ(document.named_boxes[0].name, "number-head");
    EXPECT_EQ(document.named_boxes[0].page_index, 0);
    EXPECT_TRUE(has_text_starting(document.pages[0], "备注"));

    const std::string unsaved = form(2 * rows - 10, kLimits); // the limits cannot save the page
    before = form_layout_counts();
    ASSERT_EQ(lay(unsaved).pages.size(), 2u);
    after = form_layout_counts();
    EXPECT_EQ(after.drawn - before.drawn, 1u) << "drawn as the layout gives it only";
    EXPECT_EQ(after.counted - before.counted, 1u) << "share 1 saves nothing: no more attempts";
}

std::vector<load::Declaration> seed_declarations() {
    std::vector<load::Declaration> declarations;
    for (const auto& path : testing::seed_declaration_files()) {
        for (load::Declaration& declaration : load::load_declarations_file(path)) {
            declarations.push_back(std::move(declaration));
        }
    }
    return declarations;
}

// The pages of a form as a document, for comparing two layouts of it through the dump.
std::string dump_of(const FormPages& laid) {
    Document document;
    document.pages = laid.pages;
    document.named_boxes = laid.named_boxes;
    return dump_layout_json(document);
}

// What the attempts rely on: a pass that counts pages gives as many pages, with as many rows on
// the last, as drawing the same form, however far it is tightened; the pages stay empty. And the
// lines of the form's first pass, kept for the passes tightened, give what breaking the texts
// again gives.
TEST(PageTightening, CountingPagesGivesThePagesOfDrawingThem) {
    const load::LayoutSpec spec = load::load_layout_file(std::string(FORMPDF_SOURCE_DIR) +
                                                         "/layouts/shenzhen-l2-project.yaml");
    const StyleSet styles(spec, testing::system_fonts());
    const std::vector<load::Declaration> declarations = seed_declarations();
    ASSERT_EQ(declarations.size(), 41u);
    std::set<std::size_t> page_counts;
    for (const load::Declaration& declaration : declarations) {
        const resolve::ResolvedForm resolved = resolve::resolve_form(spec, &declaration);
        FormLines lines; // kept by the first pass, as layout_forms does
        lay_out_form(resolved, styles, spec.page, LayoutPass::Draw, &lines);
        ASSERT_FALSE(lines.empty());
        for (const double share : {0.0, 0.25, 0.5, 0.75, 1.0}) {
            const resolve::ResolvedForm form = tightened_form(resolved, spec.tighten, share);
            const StyleSet tightened = tightened_styles(styles, spec.tighten, share);
            const FormPages drawn = lay_out_form(form, tightened, spec.page);
            const FormPages counted =
                lay_out_form(form, tightened, spec.page, LayoutPass::CountPages, &lines);
            const std::string where = declaration.file + " at " + std::to_string(share);
            EXPECT_EQ(counted.pages.size(), drawn.pages.size()) << where;
            EXPECT_EQ(counted.rows_on_last_page, drawn.rows_on_last_page) << where;
            EXPECT_TRUE(std::all_of(counted.pages.begin(), counted.pages.end(),
                                    [](const Page& page) { return page.items.empty(); }))
                << where;
            EXPECT_TRUE(counted.named_boxes.empty()) << where;
            const FormPages drawn_from_kept =
                lay_out_form(form, tightened, spec.page, LayoutPass::Draw, &lines);
            EXPECT_EQ(dump_of(drawn_from_kept), dump_of(drawn)) << where;
            page_counts.insert(drawn.pages.size());
        }
    }
    EXPECT_GE(page_counts.size(), 2u) << "forms of one page and of more";
}

// The bundled layout's limits bring the 41 seed forms (57 pages as laid out without them: 11
// spill one row and the 备注 line) to at most 46 pages, as Typst needs with the same fonts.
TEST(PageTightening, TheFortyOneSeedFormsTakeAtMostFortySixPages) {
    load::LayoutSpec spec = load::load_layout_file(std::string(FORMPDF_SOURCE_DIR) +
                                                   "/layouts/shenzhen-l2-project.yaml");
    ASSERT_TRUE(spec.tighten.enabled);
    const std::vector<load::Declaration> declarations = seed_declarations();
    ASSERT_EQ(declarations.size(), 41u);
    std::vector<const load::Declaration*> all;
    for (const load::Declaration& declaration : declarations) {
        all.push_back(&declaration);
    }
    const Document document = layout_forms(spec, all, testing::system_fonts());
    EXPECT_LE(document.pages.size(), 46u);
    const auto tightened = std::count_if(document.pages.begin(), document.pages.end(),
                                         [](const Page& page) { return page.tightened > 0; });
    EXPECT_GT(tightened, 0);
    expect_lines_inside_boxes(document);

    spec.tighten.enabled = false;
    // Tightening is what brings them there (57 pages when this was written).
    EXPECT_GT(layout_forms(spec, all, testing::system_fonts()).pages.size(), 46u)
        << "the forms untightened";
}

} // namespace
} // namespace formpdf::layout
