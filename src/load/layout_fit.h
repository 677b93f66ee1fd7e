#pragma once

#include "load/layout_spec.h"

namespace formpdf::load {

// The least a layout's boxes may be (docs/layout-format.md, "What must fit").
inline constexpr double kMinColumnMm = 1;   // a table column
inline constexpr double kMinContentMm = 10; // the page's content area, each way

// Checks what a layout alone says cannot fit on its page, before any text is laid out: a content
// area smaller than kMinContentMm, a column narrower than kMinColumnMm, a padding that fills its
// cell or block, one line of a style (with its padding) taller than the page's content area, a row
// or the header rows taller than it, page numbers off the page. Throws DiagnosticError at the
// layout key at fault, with a hint. What depends on the text (a character wider than its box, a
// header whose text makes it taller than the page) is checked when the form is laid out.
void check_layout_fits(const LayoutSpec& spec);

} // namespace formpdf::load
