#pragma once

#include "core/cell_grid.h"
#include "core/diagnostic.h"
#include "workbook/workbook_limits.h"

#include <string>
#include <string_view>

namespace formpdf::workbook {

// An Office Open XML workbook (.xlsx) as the grid a person sees: every worksheet in workbook
// order; shared, inline and rich-text strings joined (phonetic runs left out); numbers and dates
// through their number formats; a merged range's text in its first cell only. Hidden sheets, rows
// and columns that hold text, and text under a merged range, are reported as warnings; a number of
// 16 or more digits (a code whose last digits the file lost) is an error naming the cell. Hostile
// files (zip bombs, DTDs, unsafe member names, oversized tables) throw DiagnosticError before they
// cost memory.
CellGrid read_xlsx(std::string_view bytes, const std::string& file, Diagnostics& diagnostics,
                   const WorkbookLimits& limits = {});

// What a zip archive that is not a workbook is, for the error: "a Word document (.docx)", …
std::string describe_zip_archive(std::string_view bytes, const std::string& file);

} // namespace formpdf::workbook
