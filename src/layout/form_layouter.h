#pragma once

#include "layout/document.h"
#include "layout/page_flow.h"
#include "layout/resolved_style.h"
#include "layout/table_layouter.h"
#include "load/layout_spec.h"
#include "resolve/resolved_form.h"

#include <cstddef>
#include <vector>

namespace formpdf::layout {

// One form laid out on its own pages.
struct FormPages {
    // With LayoutPass::CountPages: as many pages as a drawing pass gives, each left empty.
    std::vector<Page> pages;
    // Page indexes counted from the form's first page; none when the pages are only counted.
    std::vector<NamedBox> named_boxes;
    std::size_t rows_on_last_page = 0;
};

// The lines of a form's tables' texts, one TableLines per block (by index), kept from a pass of
// the form for its later passes with other vertical spacing (the attempts of `tighten:`).
using FormLines = std::vector<TableLines>;

// Lays a form's blocks (titles, paragraphs, tables, spacers) out top to bottom on pages of its
// own; page numbers are the document's (document_layouter.h). `known_lines`, when given, keeps the
// lines of its tables' texts from one pass of the form to the next: passes whose styles differ in
// vertical spacing only. Throws DiagnosticError for a text that cannot be placed (a character no
// font has, a line wider than its box ...).
FormPages lay_out_form(const resolve::ResolvedForm& form, const StyleSet& styles,
                       const load::PageSpec& page, LayoutPass pass = LayoutPass::Draw,
                       FormLines* known_lines = nullptr);

// How many forms lay_out_form has laid out over the whole process, drawn and only counted: a
// deterministic measure of the layout's work, so that a test can check that a form tightened to
// save a page is drawn twice (as the layout gives it, and tightened), its attempts only counted.
struct FormLayoutCounts {
    std::size_t drawn = 0;
    std::size_t counted = 0;
};
FormLayoutCounts form_layout_counts();

} // namespace formpdf::layout
