#pragma once

#include "core/cell_grid.h"
#include "core/diagnostic.h"
#include "workbook/workbook_limits.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace formpdf::workbook {

// The budget system's export in any form people produce (docs/import.md, "Formats"), read into the
// grid that the import reads forms from:
//   .xlsx (a zip archive) and .xls (BIFF8) workbooks, every worksheet;
//   text: UTF-8 (with or without a byte order mark), GB18030/GBK, UTF-16 LE/BE with a byte order
//   mark (Excel's "Unicode text"); tab-separated, or comma-separated (CSV: quoted cells, doubled
//   quotes, line breaks in quoted cells) when the file is named .csv or has commas and no tab.
// Anything else is a DiagnosticError that says what the file is (a zip archive that is not a
// workbook, UTF-16 without a byte order mark, a PDF, a Word document, …). A format other than
// tab-separated UTF-8 text adds a note saying what was read. `path` is the file on disk (FreeXL
// reads .xls from a file); without it an .xls is refused.
struct ExportFile {
    CellGrid grid;
    std::string format; // "tab-separated UTF-8 text", "an .xlsx workbook (2 sheets)", …
    bool xlsx = false;  // an .xlsx workbook: what `formpdf workbook` writes
};

ExportFile read_export(std::string_view bytes, const std::string& file, Diagnostics& diagnostics,
                       const std::filesystem::path* path = nullptr,
                       const WorkbookLimits& limits = {});

// Comma-separated text (UTF-8) as one sheet: a record's cells are located at the line and column
// where each starts (a quoted cell may hold line breaks).
CellGrid grid_from_csv_text(std::string_view text, std::string file);

} // namespace formpdf::workbook
