#pragma once

#include "app/job_result.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace formpdf::app {

struct WorkbookRequest {
    // Declaration files (docs/declaration-format.md), each with one or more forms: one sheet per
    // form, in order. Empty with `blank`.
    std::vector<std::filesystem::path> inputs;
    std::filesystem::path output; // the .xlsx to write
    // The blank form instead of declarations: a layout file, or a form id (layouts/ID.yaml).
    std::optional<std::string> blank;
    std::vector<std::filesystem::path> layout_dirs; // where a form's layout is found
    std::int64_t creation_time = 0;                 // seconds since the epoch, UTC
};

// load → one sheet per form (workbook_writer/form_sheet.h) → .xlsx, written atomically through
// OutputFile (docs/workbook.md). A declaration value the form's layout has no cell for is an
// error (the workbook would lose it); with any error nothing is written. Both declarations and
// `blank`, or neither, and an output that would replace an input are usage errors (exit 64).
JobResult write_workbook(const WorkbookRequest& request);

} // namespace formpdf::app
