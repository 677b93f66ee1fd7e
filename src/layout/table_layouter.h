#pragma once

#include "layout/page_flow.h"
#include "layout/resolved_style.h"
#include "resolve/resolved_form.h"
#include "text/line_cache.h"

#include <vector>

namespace formpdf::layout {

// The lines of a table's texts as a pass broke them, in the order it measured them, for the later
// passes of the same table (the attempts of `tighten:`, form_tightening.h): their styles differ
// in vertical spacing only, so every text breaks into the same lines, and shaping and breaking it
// again (even through the line cache) is work thrown away. A text whose style's size or width
// differs from the one kept is broken again.
struct TableLines {
    struct Entry {
        text::SharedLines lines;
        double size_pt = 0;
        double content_width_pt = 0;
    };
    std::vector<Entry> entries;
};

// Lays a resolved table out on pages (docs/layout-format.md, "Pagination"):
//  - rows move whole to the next page when they do not fit; a row taller than a whole page splits
//    between lines;
//  - header rows repeat at the top of every later page of the table, spans intact, and are never
//    left alone at the bottom of a page;
//  - a label whose row span a page break cuts is printed again at the top of its part on the next
//    page (with the table's continued suffix), and each part is closed by its own borders; a part
//    is made tall enough for its label;
//  - the last row stays on the page of the `tail_height_pt` of blocks that must follow the table
//    (备注, sign-off lines), moving to the next page with them if need be.
// Every text line lies inside its cell box. The box of each named cell (its first part) is
// appended to `named_boxes` with the index of its page in `flow`. A flow that only counts pages
// (LayoutPass::CountPages) gets the same pages, rows and cursor, and nothing placed: no text, fill,
// border or named box. Throws DiagnosticError for a character no font has.
// `known_lines`, when given, keeps the lines of the table's texts from one pass to the next.
void layout_table(const resolve::ResolvedTable& table, const StyleSet& styles, PageFlow& flow,
                  double tail_height_pt, std::vector<NamedBox>* named_boxes = nullptr,
                  TableLines* known_lines = nullptr);

// The height of the whole table without page breaks: what a small table that must stay with the
// block before it (sign-off lines, keep-with-previous) needs on that block's page. Places nothing.
double table_height(const resolve::ResolvedTable& table, const StyleSet& styles, PageFlow& flow,
                    TableLines* known_lines = nullptr);

// The cells the table layouter has looked at while planning and drawing pages, over the whole
// process: a deterministic measure of its work, so that a test can check that 4x the rows cost
// ~4x the work (a wall clock is too noisy on a shared machine).
std::size_t table_cells_visited();

} // namespace formpdf::layout
