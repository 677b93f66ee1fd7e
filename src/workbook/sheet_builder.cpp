#include "workbook/sheet_builder.h"

#include "core/messages.h"

#include "core/utf8.h"

#include <algorithm>
#include <set>

namespace formpdf::workbook {

namespace {

// "5, 9-12, 30" from sorted numbers, at most `max` ranges ("…" after).
std::string ranges_text(const std::vector<int>& numbers, bool letters, std::size_t max = 8) {
    std::string text;
    std::size_t shown = 0;
    for (std::size_t i = 0; i < numbers.size();) {
        std::size_t j = i;
        while (j + 1 < numbers.size() && numbers[j + 1] == numbers[j] + 1) {
            ++j;
        }
        if (shown++ == max) {
            return text + ", …";
        }
        const auto name = [&](int n) { return letters ? column_letters(n) : std::to_string(n); };
        if (!text.empty()) {
            text += ", ";
        }
        text += name(numbers[i]);
        if (j > i) {
            text += '-';
            text += name(numbers[j]);
        }
        i = j + 1;
    }
    return text;
}

} // namespace

SheetBuilder::SheetBuilder(const CellGrid& grid, GridSheet& sheet, const WorkbookLimits& limits,
                           Diagnostics& diagnostics, std::size_t& cells_in_grid)
    : grid_(grid), sheet_(sheet), limits_(limits), diagnostics_(diagnostics),
      cells_in_grid_(cells_in_grid) {}

std::string SheetBuilder::where() const {
    return grid_.file + ":" + quoted_sheet_name(sheet_.name);
}

SourceLoc SheetBuilder::loc(int row, int col) const {
    return grid_.loc(sheet_, row, std::max(col, 1));
}

void SheetBuilder::start_row(int row, bool hidden) {
    flush_row();
    if (row < 1 || row > limits_.max_row) {
        throw DiagnosticError(make_error(
            SourceLoc{where(), 0, 0}, tr("row {0} is outside a sheet (1 to {1}): refused",
                                         {std::to_string(row), std::to_string(limits_.max_row)})));
    }
    row_ = row;
    row_hidden_ = hidden;
}

void SheetBuilder::add_cell(int col, std::string text) {
    if (col < 1 || col > limits_.max_col) {
        throw DiagnosticError(make_error(
            SourceLoc{where(), 0, 0}, tr("a cell in column {0}, outside a sheet (1 to {1}): "
                                         "refused",
                                         {std::to_string(col), std::to_string(limits_.max_col)})));
    }
    if (row_ == 0) {
        start_row(1, false);
    }
    if (!text.empty()) {
        pending_.emplace_back(col, std::move(text));
    }
}

void SheetBuilder::hide_columns(int first, int last) {
    first = std::max(first, 1);
    last = std::min(last, limits_.max_col);
    if (first <= last && hidden_columns_.size() < 256) {
        hidden_columns_.emplace_back(first, last);
    }
}

void SheetBuilder::add_merge(const GridMerge& merge) {
    if (sheet_.merges.size() >= limits_.max_merges) {
        throw DiagnosticError(make_error(SourceLoc{where(), 0, 0},
                                         tr("the sheet has more than {0} merged ranges: refused",
                                            {std::to_string(limits_.max_merges)})));
    }
    if (merge.first_row <= merge.last_row && merge.first_col <= merge.last_col) {
        sheet_.merges.push_back(merge);
    }
}

void SheetBuilder::flush_row() {
    if (pending_.empty()) {
        return;
    }
    std::stable_sort(pending_.begin(), pending_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    const int width = pending_.back().first;
    cells_in_grid_ += static_cast<std::size_t>(width);
    if (cells_in_grid_ > limits_.max_cells) {
        throw DiagnosticError(make_error(SourceLoc{where(), 0, 0},
                                         tr("the workbook has more than {0} cells up to its last "
                                            "text in each row: refused",
                                            {std::to_string(limits_.max_cells)})));
    }
    GridRow row;
    row.number = row_;
    row.cells.reserve(static_cast<std::size_t>(width));
    for (int col = 1; col <= width; ++col) {
        row.cells.push_back(GridCell{{}, col});
    }
    for (auto& [col, text] : pending_) {
        row.cells[static_cast<std::size_t>(col - 1)].text = std::move(text); // a repeat: the last
    }
    pending_.clear();
    if (row_hidden_) {
        hidden_rows_.push_back(row_);
    }
    sheet_.rows.push_back(std::move(row));
}

void SheetBuilder::finish() {
    flush_row();
    std::stable_sort(sheet_.rows.begin(), sheet_.rows.end(),
                     [](const GridRow& a, const GridRow& b) { return a.number < b.number; });
    for (std::size_t i = 1; i < sheet_.rows.size(); ++i) {
        if (sheet_.rows[i].number == sheet_.rows[i - 1].number) {
            throw DiagnosticError(make_error(
                SourceLoc{where(), 0, 0},
                tr("row {0} appears twice in the sheet", {std::to_string(sheet_.rows[i].number)}),
                tr("the workbook is damaged: save it again from "
                   "Excel")));
        }
    }
    clear_covered_cells();
    report_hidden();
}

// A merged range shows the text of its first cell; text in the other cells is not seen. The
// import reads what a person sees, and says what was left out.
void SheetBuilder::clear_covered_cells() {
    if (sheet_.merges.empty()) {
        return;
    }
    std::vector<GridMerge> merges = sheet_.merges;
    std::sort(merges.begin(), merges.end(),
              [](const GridMerge& a, const GridMerge& b) { return a.first_row < b.first_row; });
    std::vector<const GridMerge*> active;
    std::size_t next = 0;
    std::size_t checks = 0;
    for (GridRow& row : sheet_.rows) {
        while (next < merges.size() && merges[next].first_row <= row.number) {
            active.push_back(&merges[next++]);
        }
        std::erase_if(active, [&](const GridMerge* m) { return m->last_row < row.number; });
        if (active.empty()) {
            continue;
        }
        for (GridCell& cell : row.cells) {
            if (cell.text.empty()) {
                continue;
            }
            checks += active.size();
            if (checks > limits_.max_merge_checks) {
                throw DiagnosticError(make_error(SourceLoc{where(), 0, 0},
                                                 tr("the sheet's merged ranges overlap too much "
                                                    "to check: refused")));
            }
            for (const GridMerge* m : active) {
                const bool inside = cell.col >= m->first_col && cell.col <= m->last_col;
                const bool first = row.number == m->first_row && cell.col == m->first_col;
                if (inside && !first) {
                    diagnostics_.warning(
                        loc(row.number, cell.col),
                        tr("the cell holds {0} under the merged range {1}{2}:{3}{4}, where it is "
                           "not shown: it is not imported",
                           {quote_excerpt(cell.text, 12), column_letters(m->first_col),
                            std::to_string(m->first_row), column_letters(m->last_col),
                            std::to_string(m->last_row)}),
                        tr("unmerge the range in the workbook if the text belongs to the form"));
                    cell.text.clear();
                    break;
                }
            }
        }
        while (!row.cells.empty() && row.cells.back().text.empty()) {
            row.cells.pop_back();
        }
    }
}

void SheetBuilder::report_hidden() {
    const std::string sheet_name = quoted_sheet_name(sheet_.name);
    if (sheet_.hidden && !sheet_.rows.empty()) {
        diagnostics_.warning(
            loc(sheet_.rows.front().number, 1),
            tr("the sheet {0} is hidden in the workbook; its cells are imported", {sheet_name}),
            tr("delete the sheet from the workbook if its forms should not be "
               "imported"));
    }
    if (!hidden_rows_.empty()) {
        std::sort(hidden_rows_.begin(), hidden_rows_.end());
        diagnostics_.warning(loc(hidden_rows_.front(), 1),
                             hidden_rows_.size() == 1
                                 ? tr("row {0} of the sheet {1} is hidden in the workbook; its "
                                      "cells are imported",
                                      {ranges_text(hidden_rows_, false), sheet_name})
                                 : tr("rows {0} of the sheet {1} are hidden in the workbook; "
                                      "their cells are imported",
                                      {ranges_text(hidden_rows_, false), sheet_name}),
                             tr("a hidden row is read like any other: unhide it to check it"));
    }
    if (!hidden_columns_.empty()) {
        std::set<int> columns;
        int first_row = 0;
        for (const GridRow& row : sheet_.rows) {
            for (const GridCell& cell : row.cells) {
                if (cell.text.empty() || columns.count(cell.col) != 0) {
                    continue;
                }
                for (const auto& [first, last] : hidden_columns_) {
                    if (cell.col >= first && cell.col <= last) {
                        columns.insert(cell.col);
                        first_row = first_row == 0 ? row.number : first_row;
                        break;
                    }
                }
            }
        }
        if (!columns.empty()) {
            const std::vector<int> list(columns.begin(), columns.end());
            diagnostics_.warning(loc(first_row, list.front()),
                                 list.size() == 1
                                     ? tr("column {0} of the sheet {1} is hidden in the workbook; "
                                          "its cells are imported",
                                          {ranges_text(list, true), sheet_name})
                                     : tr("columns {0} of the sheet {1} are hidden in the "
                                          "workbook; their cells are imported",
                                          {ranges_text(list, true), sheet_name}),
                                 tr("a hidden column is read like any other: unhide it to check "
                                    "it"));
        }
    }
}

} // namespace formpdf::workbook
