#pragma once

#include "core/source_location.h"

#include <optional>

namespace formpdf::load {

// `tighten:` of a layout (docs/layout-format.md, "Tightening"): when a form would end with a page
// holding only a few rows, its vertical spacing (cell padding, line spacing, row heights) may be
// reduced towards these limits, never below them, to save that page. Type sizes never change.
// A quantity without a limit is not tightened.
struct TighteningSpec {
    bool enabled = false; // the layout has `tighten:`
    // Try only when the form's last page holds at most this many table rows (repeated header rows
    // not counted); absent: whenever the form has more than one page.
    std::optional<int> last_page_rows;
    std::optional<double> padding_pt;    // the least top and bottom padding of a style
    std::optional<double> line_spacing;  // the least line spacing (a multiple of the size)
    std::optional<double> row_height_pt; // the least min-height of a table row
    SourceLoc loc;
};

} // namespace formpdf::load
