#pragma once

#include <string>
#include <vector>

namespace formpdf::load {

// Where a list table (docs/layout-format.md, "List rows") has its cells on the form's sheet, as
// `formpdf workbook` lays the form out from its layout (docs/workbook.md, "The sheet"): built by
// src/workbook_writer (list_table_columns()), read by `formpdf import` (docs/import.md, "Lists"),
// so the writer and the reader cannot disagree on a column. Columns count from the sheet's first
// (0); a cell merged across columns is at its first.

// A text of the header row right above the list's rows, as the layout writes it.
struct ListHeading {
    int column = 0;
    // The layout's text; for a `format:` cell its template ("{prior_year_1}年实际执行数"), whose
    // placeholders match any text.
    std::string text;
    bool format = false;
};

// The cell of one field in each row of the list.
struct ListColumn {
    int column = 0;
    std::string field; // the record's field id
    // A `merge-by` field: the export writes a merged cell once, so an empty cell continues the
    // value of the record above (unless a merged column to its left starts a new value there).
    bool merged = false;
};

struct ListTableColumns {
    std::string list;                  // the list's id (the form definition's `lists:`)
    std::vector<ListHeading> headings; // left to right; empty: the list has no header row
    std::vector<ListColumn> columns;   // left to right
};

} // namespace formpdf::load
