#pragma once

#include "layout/document.h"
#include "load/table_spec.h"

#include <cstddef>
#include <vector>

namespace formpdf::layout {

// A cell's box on one page of a table, as a range of the page's grid (docs/layout-format.md,
// "Drawing a cell": `border` on a cell).
struct CellFrame {
    int first_column = 0;
    int end_column = 0;        // one past the last column
    std::size_t first_row = 0; // of the rows (row parts) on the page
    std::size_t end_row = 0;   // one past the last
    load::CellBorders border;
};

// The rules of a table's part on a page when its cells have borders of their own. Each piece of a
// grid line between two neighbouring cells (or a cell and the table's edge) gets the widest width
// the cells on either side give it explicitly, or the table's width when neither does; a width of
// 0 leaves it out. Pieces of equal width in a row are joined into one line. column_x holds the
// columns' edges (left to right), row_y the rows' edges (top to bottom).
std::vector<StrokedLine> cell_border_rules(const std::vector<CellFrame>& cells,
                                           const std::vector<double>& column_x,
                                           const std::vector<double>& row_y, double table_width_pt,
                                           const Color& color);

} // namespace formpdf::layout
