#pragma once

#include "core/cell_grid.h"
#include "core/diagnostic.h"
#include "load/declaration.h"

#include <string>
#include <string_view>
#include <vector>

namespace formpdf::load {

// The rows of the export as the import reads them (docs/import.md, "The export format"), and
// where a diagnostic about one of their cells points. Shared by the readers of export_import.cpp
// (forms read by labels), indicator_table_reader.h and positional_form_reader.h.

struct ExportCell {
    std::string_view text;
    int index = 0; // 0-based column of the table
    int col = 1;   // 1-based character column in the line (a sheet: its column), for messages
};

struct ExportLine {
    int number = 0; // the line of a text export, the row of a sheet
    std::vector<ExportCell> cells;
};

ExportLine export_line_of(const GridRow& row);

// A cell of spaces prints as nothing: it counts as empty, like a cell with no text.
bool is_empty_cell(std::string_view text);
std::vector<const ExportCell*> nonempty_cells(const ExportLine& line);
bool is_blank(const ExportLine& line);
std::string_view cell_at(const ExportLine& line, std::size_t index);

// "该指标主要考察…" for messages: the first characters of a cell.
std::string shorten(std::string_view text);
// Where two texts first differ, as "'友' instead of '灰' at character 12" (code points).
std::string first_difference(std::string_view actual, std::string_view expected);

// The sheet being read and the diagnostics of the import: messages name the cell as
// `file:LINE:COL` or `file:SHEET!A1` (CellGrid::loc).
class ExportSite {
public:
    ExportSite(const CellGrid& grid, Diagnostics& diagnostics)
        : grid_(grid), diagnostics_(diagnostics) {}

    const CellGrid& grid() const { return grid_; }
    const GridSheet& sheet() const { return *sheet_; }
    void set_sheet(const GridSheet& sheet) { sheet_ = &sheet; }

    SourceLoc loc(int line, int col) const { return grid_.loc(*sheet_, line, col); }
    // The message position of the cell at 0-based `index` of the line, also one past its
    // last cell (an empty value).
    int col_of(const ExportLine& line, std::size_t index) const;
    TextValue value(const ExportLine& line, const ExportCell& cell) const {
        return TextValue{std::string(cell.text), loc(line.number, cell.col)};
    }
    void error(int line, int col, std::string message, std::string hint = {}) const {
        diagnostics_.error(loc(line, col), std::move(message), std::move(hint));
    }
    void warning(int line, int col, std::string message, std::string hint = {}) const {
        diagnostics_.warning(loc(line, col), std::move(message), std::move(hint));
    }

private:
    const CellGrid& grid_;
    const GridSheet* sheet_ = nullptr;
    Diagnostics& diagnostics_;
};

} // namespace formpdf::load
