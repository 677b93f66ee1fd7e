#include "layout/cell_borders.h"

#include <algorithm>
#include <optional>

namespace formpdf::layout {

namespace {

// One piece of a grid line: whether a cell has a side on it, and the widest explicit width.
struct Piece {
    bool has_cell = false;
    std::optional<double> explicit_width;

    void add(const std::optional<double>& side) {
        has_cell = true;
        if (side) {
            explicit_width = std::max(explicit_width.value_or(0.0), *side);
        }
    }

    double width(double table_width) const {
        if (explicit_width) {
            return *explicit_width;
        }
        return has_cell ? table_width : 0;
    }
};

using PieceLine = std::vector<Piece>;

// Joins the pieces of one grid line into lines; `point(i)` is where piece i starts.
template <typename PointAt>
void emit(const PieceLine& pieces, double table_width, const Color& color, PointAt point,
          std::vector<StrokedLine>& out) {
    std::size_t i = 0;
    while (i < pieces.size()) {
        const double width = pieces[i].width(table_width);
        std::size_t end = i + 1;
        while (end < pieces.size() && pieces[end].width(table_width) == width) {
            ++end;
        }
        if (width > 0) {
            out.push_back(StrokedLine{point(i), point(end), width, color});
        }
        i = end;
    }
}

} // namespace

std::vector<StrokedLine> cell_border_rules(const std::vector<CellFrame>& cells,
                                           const std::vector<double>& column_x,
                                           const std::vector<double>& row_y, double table_width_pt,
                                           const Color& color) {
    const std::size_t columns = column_x.size() - 1;
    const std::size_t rows = row_y.size() - 1;
    std::vector<PieceLine> across(rows + 1, PieceLine(columns)); // horizontal, per row edge
    std::vector<PieceLine> down(columns + 1, PieceLine(rows));   // vertical, per column edge
    for (const CellFrame& cell : cells) {
        const auto first_column = static_cast<std::size_t>(cell.first_column);
        const auto end_column = static_cast<std::size_t>(cell.end_column);
        for (std::size_t c = first_column; c < end_column; ++c) {
            across[cell.first_row][c].add(cell.border.top);
            across[cell.end_row][c].add(cell.border.bottom);
        }
        for (std::size_t r = cell.first_row; r < cell.end_row; ++r) {
            down[first_column][r].add(cell.border.left);
            down[end_column][r].add(cell.border.right);
        }
    }
    std::vector<StrokedLine> lines;
    for (std::size_t r = 0; r <= rows; ++r) {
        emit(
            across[r], table_width_pt, color,
            [&](std::size_t c) {
                return Point{column_x[c], row_y[r]};
            },
            lines);
    }
    for (std::size_t c = 0; c <= columns; ++c) {
        emit(
            down[c], table_width_pt, color,
            [&](std::size_t r) {
                return Point{column_x[c], row_y[r]};
            },
            lines);
    }
    return lines;
}

} // namespace formpdf::layout
