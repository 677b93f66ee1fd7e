#include "workbook_writer/cell_positions.h"

#include "workbook_writer/form_sheet.h"

#include <algorithm>

namespace formpdf::workbook_writer {

namespace {

// The title's row: the cell of the title block (`field: title`), else the first row.
int title_row(const Sheet& sheet) {
    for (const SheetCell& cell : sheet.cells) {
        if (cell.field == load::kTitleFieldId) {
            return cell.row;
        }
    }
    return 0;
}

void add_cell(const SheetCell& cell, int row, std::vector<load::PositionedCell>& cells) {
    if (cell.field.empty() && cell.text.empty()) {
        return; // an empty cell of the layout (`~`): nothing is read there
    }
    cells.push_back(
        load::PositionedCell{row, cell.column, cell.field.empty() ? cell.text : "", cell.field});
}

} // namespace

load::FormCellPositions form_cell_positions(const load::LayoutSpec& layout) {
    const Sheet sheet = form_sheet(layout, nullptr);
    const int rows = static_cast<int>(sheet.row_heights_pt.size());
    const int top = title_row(sheet);
    load::FormCellPositions positions;
    // The group rows of the first tree: the blank form's `blank-rows` rows.
    int first_group_row = rows;
    int last_group_row = rows - 1;
    for (const SheetCell& cell : sheet.cells) {
        if (cell.tree.empty() || (positions.has_group && cell.tree != positions.group.tree)) {
            continue;
        }
        if (!positions.has_group) {
            positions.has_group = true;
            positions.group.tree = cell.tree;
            first_group_row = cell.row;
            last_group_row = cell.row;
        }
        last_group_row = std::max(last_group_row, cell.row + cell.rowspan - 1);
    }
    if (positions.has_group) {
        const load::TreeDefinition* tree =
            layout.form ? layout.form->find_tree(positions.group.tree) : nullptr;
        const std::size_t levels = tree ? tree->levels.size() : 0;
        const std::size_t fields = tree ? tree->row_fields.size() : 0;
        positions.group.level_columns.assign(levels, -1);
        positions.group.field_columns.assign(fields, -1);
        for (const SheetCell& cell : sheet.cells) {
            if (cell.tree != positions.group.tree || cell.row != first_group_row) {
                continue;
            }
            if (cell.level >= 0 && static_cast<std::size_t>(cell.level) < levels) {
                positions.group.level_columns[static_cast<std::size_t>(cell.level)] = cell.column;
            }
            for (std::size_t f = 0; f < fields; ++f) {
                if (cell.level < 0 && tree->row_fields[f].id == cell.field) {
                    positions.group.field_columns[f] = cell.column;
                }
            }
        }
    }
    positions.rows_above = first_group_row - top;
    positions.rows_below = positions.has_group ? rows - last_group_row - 1 : 0;
    for (const SheetCell& cell : sheet.cells) {
        if (cell.row < top || (positions.has_group && cell.tree == positions.group.tree)) {
            continue;
        }
        if (cell.row < first_group_row) {
            add_cell(cell, cell.row - top, positions.above);
        } else if (cell.row > last_group_row) {
            add_cell(cell, cell.row - last_group_row - 1, positions.below);
        }
    }
    return positions;
}

} // namespace formpdf::workbook_writer
