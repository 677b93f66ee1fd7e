#pragma once

#include "app/job_result.h"

#include <filesystem>
#include <string>
#include <vector>

namespace formpdf::app {

struct ImportRequest {
    std::filesystem::path input;      // the budget system's tab-separated export (docs/import.md)
    std::filesystem::path output_dir; // one declaration per form is written here
    // The form definition (a layout file's `form:`) to read the export with: its id, or empty for
    // the one whose title is the export's first line.
    std::string form_id;
    std::vector<std::filesystem::path> layout_dirs; // searched for <form id>.yaml, in order
};

// Reads the export and writes <项目编码>.yaml for each form (atomically; the folder is created if
// needed). Warnings name every repair. With any error nothing is written: a cell that cannot be
// placed would otherwise be lost.
JobResult import_export(const ImportRequest& request);

} // namespace formpdf::app
