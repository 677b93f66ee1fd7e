#pragma once

#include "workbook_writer/sheet.h"

#include <cstdint>
#include <string>
#include <vector>

namespace formpdf::workbook_writer {

struct WorkbookProperties {
    std::string title;        // the document's title (docProps/core.xml)
    std::int64_t created = 0; // seconds since the epoch, UTC: SOURCE_DATE_EPOCH or now
};

// The .xlsx file of the sheets, in order (libxlsxwriter, Debian libxlsxwriter-dev). Each sheet is
// protected without a password (a guard against slips, not a lock: docs/workbook.md) so that only
// its unlocked cells can be edited; rows may be inserted, and rows and columns resized.
//
// libxlsxwriter writes to a file name: the file (and the library's own temporaries) go into a
// private folder made with mkdtemp (0700, an unpredictable name) under the system's temporary
// folder, are read back and removed; the caller writes the bytes through OutputFile. Throws
// DiagnosticError at a cell Excel cannot hold (a text over 32,767 characters), IoError when the
// file cannot be written.
std::string write_xlsx(const std::vector<Sheet>& sheets, const WorkbookProperties& properties);

} // namespace formpdf::workbook_writer
