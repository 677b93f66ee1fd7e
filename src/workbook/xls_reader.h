#pragma once

#include "core/cell_grid.h"
#include "core/diagnostic.h"
#include "workbook/workbook_limits.h"

#include <filesystem>
#include <string>

namespace formpdf::workbook {

// An Excel 97-2003 workbook (.xls, BIFF8) read with FreeXL, which reads from a file. Text cells
// exactly; numbers as General (FreeXL does not give number formats: 849 stored with `0.00` reads
// "849", and a warning per sheet says so); dates as FreeXL gives them (2024-01-15). FreeXL gives
// neither merged ranges nor hidden flags: a merged range's text is in its first cell, as always.
CellGrid read_xls(const std::filesystem::path& path, const std::string& file,
                  Diagnostics& diagnostics, const WorkbookLimits& limits = {});

} // namespace formpdf::workbook
