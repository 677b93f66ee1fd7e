#pragma once

#include <string>
#include <vector>

namespace formpdf::load {

// Where each cell of a form is on its sheet, as `formpdf workbook` lays the form out from its
// layout (docs/workbook.md, "The sheet"): built by src/workbook_writer (form_cell_positions()),
// read by `formpdf import` for a form whose definition says `import: positions` (docs/import.md,
// "Forms read by position"). Rows count from the title's row (0), columns from the sheet's first
// (0); a merged cell is at its first row and column.

struct PositionedCell {
    int row = 0;
    int column = 0;
    std::string text;  // the layout's own text (a label, a heading); empty for a value cell
    std::string field; // the header field the cell holds (a value cell); empty for a text
};

// The rows of a tree's groups (the indicator rows), which are as many as the declaration has.
struct GroupRowColumns {
    std::string tree;
    std::vector<int> level_columns; // one per level of the tree, outermost first
    std::vector<int> field_columns; // one per row field, in the tree's order
};

struct FormCellPositions {
    // The cells above the group rows (rows 0 … group_row - 1) and, counted from the first row
    // after the group rows, the cells below them (合计, the sign-off line).
    std::vector<PositionedCell> above;
    std::vector<PositionedCell> below;
    int rows_above = 0; // the row where the group rows start (or the sheet's rows: no group)
    int rows_below = 0;
    bool has_group = false;
    GroupRowColumns group;
};

} // namespace formpdf::load
