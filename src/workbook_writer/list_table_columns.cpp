#include "workbook_writer/list_table_columns.h"

#include "workbook_writer/form_sheet.h"

#include <algorithm>

namespace formpdf::workbook_writer {

namespace {

// A list row of the layout, and the row above it in its table when that is a row of the
// layout's own cells (no group or list): the list's header row.
struct ListRow {
    const load::RowSpec* row = nullptr;
    const load::RowSpec* above = nullptr;
};

std::vector<ListRow> list_rows(const load::LayoutSpec& layout) {
    std::vector<ListRow> rows;
    for (const load::BlockSpec& block : layout.blocks) {
        if (!block.table) {
            continue;
        }
        const std::vector<load::RowSpec>& table_rows = block.table->rows;
        for (std::size_t r = 0; r < table_rows.size(); ++r) {
            if (!table_rows[r].list) {
                continue;
            }
            const bool static_above = r > 0 && table_rows[r - 1].group.empty();
            rows.push_back(ListRow{&table_rows[r], static_above ? &table_rows[r - 1] : nullptr});
        }
    }
    return rows;
}

// The layout's cell written at `loc` among the row's cells, or null.
const load::CellSpec* cell_written_at(const load::RowSpec& row, const SourceLoc& loc) {
    const auto it = std::find_if(row.cells.begin(), row.cells.end(),
                                 [&](const load::CellSpec& cell) { return cell.loc == loc; });
    return it == row.cells.end() ? nullptr : &*it;
}

} // namespace

std::vector<load::ListTableColumns> list_table_columns(const load::LayoutSpec& layout) {
    const std::vector<ListRow> rows = list_rows(layout);
    if (rows.empty()) {
        return {};
    }
    // The form with one empty record in each list: each list row is one row of the sheet.
    load::Declaration probe;
    probe.form.text = layout.form ? layout.form->id : std::string();
    for (const ListRow& row : rows) {
        if (!probe.tree(row.row->group)) {
            load::Group records;
            records.records.emplace_back();
            probe.trees.emplace_back(row.row->group, std::vector<load::Group>{records});
        }
    }
    const Sheet sheet = form_sheet(layout, &probe);
    std::vector<load::ListTableColumns> tables;
    for (const ListRow& row : rows) {
        const std::string& id = row.row->group;
        if (std::any_of(tables.begin(), tables.end(),
                        [&](const load::ListTableColumns& t) { return t.list == id; })) {
            continue; // a list printed twice is read where it is first
        }
        load::ListTableColumns table;
        table.list = id;
        int list_row = -1;
        for (const SheetCell& cell : sheet.cells) {
            if (cell.tree != id) {
                continue;
            }
            if (list_row < 0) {
                list_row = cell.row;
            }
            if (cell.row != list_row || cell.field.empty()) {
                continue;
            }
            const bool merged = std::find(row.row->merge_by.begin(), row.row->merge_by.end(),
                                          cell.field) != row.row->merge_by.end();
            table.columns.push_back(load::ListColumn{cell.column, cell.field, merged});
        }
        if (row.above && list_row > 0) {
            for (const SheetCell& cell : sheet.cells) {
                if (cell.row != list_row - 1 || cell.text.empty()) {
                    continue;
                }
                const load::CellSpec* spec = cell_written_at(*row.above, cell.loc);
                const bool format = spec && spec->content == load::CellContent::Format;
                table.headings.push_back(
                    load::ListHeading{cell.column, format ? spec->text : cell.text, format});
            }
        }
        const auto by_column = [](const auto& a, const auto& b) { return a.column < b.column; };
        std::stable_sort(table.columns.begin(), table.columns.end(), by_column);
        std::stable_sort(table.headings.begin(), table.headings.end(), by_column);
        tables.push_back(std::move(table));
    }
    return tables;
}

} // namespace formpdf::workbook_writer
