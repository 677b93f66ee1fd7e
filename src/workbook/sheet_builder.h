#pragma once

#include "core/cell_grid.h"
#include "core/diagnostic.h"
#include "workbook/workbook_limits.h"

#include <string>
#include <utility>
#include <vector>

namespace formpdf::workbook {

// Builds one GridSheet from the cells a workbook reader finds, keeping the work bounded: only
// non-empty cells are kept (a sheet of a million empty rows costs nothing), a row is padded with
// empty cells from column A to its last non-empty cell, and the grid's cells, rows, columns and
// merged ranges are capped (WorkbookLimits; a refusal throws DiagnosticError). finish() reports
// what a person would not see: a hidden sheet, hidden rows and columns that hold text, text under
// a merged range (cleared: the range shows its first cell only).
class SheetBuilder {
public:
    SheetBuilder(const CellGrid& grid, GridSheet& sheet, const WorkbookLimits& limits,
                 Diagnostics& diagnostics, std::size_t& cells_in_grid);

    std::string where() const; // "file.xlsx:Sheet1" for a refusal
    SourceLoc loc(int row, int col) const;

    void start_row(int row, bool hidden);
    void add_cell(int col, std::string text);
    void hide_columns(int first, int last);
    void add_merge(const GridMerge& merge);
    void finish();

private:
    void flush_row();
    void clear_covered_cells();
    void report_hidden();

    const CellGrid& grid_;
    GridSheet& sheet_;
    const WorkbookLimits& limits_;
    Diagnostics& diagnostics_;
    std::size_t& cells_in_grid_;
    int row_ = 0;
    bool row_hidden_ = false;
    std::vector<std::pair<int, std::string>> pending_; // column, text
    std::vector<int> hidden_rows_;                     // with text
    std::vector<std::pair<int, int>> hidden_columns_;  // first, last
};

} // namespace formpdf::workbook
