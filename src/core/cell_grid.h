#pragma once

#include "core/source_location.h"

#include <string>
#include <string_view>
#include <vector>

namespace formpdf {

// A spreadsheet as a person sees it, as plain data: sheets of rows of cell texts. The budget
// system's export is read into this shape whatever its format (tab or comma text, .xlsx, .xls;
// src/workbook), and the import (load/export_import.h) reads forms from it, so a workbook and its
// tab export give the same declarations.

struct GridCell {
    std::string text; // as displayed: a number through its number format, a merged cell once
    int col = 1;      // 1-based: the character column in a text line, or the sheet's column
};

struct GridRow {
    int number = 0;              // 1-based line of a text export, or row of a sheet
    std::vector<GridCell> cells; // left to right, up to the last non-empty cell (a text line: all)
};

// A merged range, 1-based and inclusive.
struct GridMerge {
    int first_row = 0;
    int first_col = 0;
    int last_row = 0;
    int last_col = 0;
};

struct GridSheet {
    std::string name; // empty for a text export
    bool hidden = false;
    // Rows in order; a row without any non-empty cell may be left out (it reads as a blank line).
    std::vector<GridRow> rows;
    std::vector<GridMerge> merges;
};

// How a diagnostic names a cell (docs/import.md, "Where a message points"):
//   text export: file:LINE:COL           (COL: the cell's first character, tabs counting one)
//   workbook:    file:SHEET!A1           (e.g. forms.xlsx:Sheet1!B7; a sheet name with spaces
//                                         or punctuation is quoted as Excel does: 'My sheet'!B7)
enum class GridUnit { TextLines, SheetCells };

struct CellGrid {
    std::string file; // as given by the user, for messages
    GridUnit unit = GridUnit::TextLines;
    std::vector<GridSheet> sheets;

    // Where the cell at (row, col) of `sheet` is, as a diagnostic names it.
    SourceLoc loc(const GridSheet& sheet, int row, int col) const;
    // The column just after `cell` (where an empty value after a label is).
    int column_after(const GridCell& cell) const;
    // "line 12" or "row 12" (with ", sheet 'X'" when the workbook has several sheets).
    std::string row_name(const GridSheet& sheet, int row) const;
};

// "A", "Z", "AA", "XFD" for the 1-based column.
std::string column_letters(int col);

// The sheet's name as Excel writes it in a reference: 表1, 'My sheet', 'It''s'.
std::string quoted_sheet_name(std::string_view name);

// A tab-separated UTF-8 text as one sheet: every line a row (also blank ones), cells split at
// tabs, a final '\r' dropped (CRLF). Columns count code points, so messages point at the
// character an editor shows.
CellGrid grid_from_tab_text(std::string_view text, std::string file);

} // namespace formpdf
