#pragma once

#include "app/job_result.h"

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace formpdf::app {

struct ImportRequest {
    std::filesystem::path input; // the budget system's export: a workbook or text (docs/import.md)
    std::filesystem::path output_dir; // one declaration per form is written here
    // The form definition (a layout file's `form:`) to read the export with: its id, or empty for
    // the one whose title is the export's first line.
    std::string form_id;
    std::vector<std::filesystem::path> layout_dirs; // searched for <form id>.yaml, in order
    // Replace declarations changed since the last import (and files the import did not write)
    // instead of keeping them.
    bool overwrite = false;
    // Decide everything, write nothing: what the import would write, keep and list as gone
    // (ImportSummary::files), for a preview before the real import (formpdf serve's upload).
    bool dry_run = false;
};

// What the import did to the output folder, for the summary line.
struct ImportSummary {
    bool ran = false;  // false: nothing was written (errors)
    int written = 0;   // new, or replaced (what the import wrote last time, or --overwrite)
    int unchanged = 0; // already held exactly what the export gives
    int kept = 0;      // changed since the last import, or not written by it: not replaced
    int gone = 0;      // written by an earlier import, no longer in the export: listed, not deleted
    // Each declaration file of the folder the import decided about, in that order: its name and
    // "written", "unchanged", "kept" or "gone".
    std::vector<std::pair<std::string, std::string>> files;
};

struct ImportResult {
    JobResult job;
    ImportSummary summary;
};

// Reads the export and writes <项目编码>.yaml for each form (atomically; the folder is created if
// needed), and the import record (import_manifest.h). A declaration changed since the import
// wrote it is kept, with a warning, unless request.overwrite. Warnings name every repair. With any
// error nothing is written: a cell that cannot be placed would otherwise be lost.
ImportResult import_export(const ImportRequest& request);

// "formpdf import: 41 written, 0 unchanged, 1 kept because edited, 2 no longer in the export"
std::string import_summary(const ImportSummary& summary);

} // namespace formpdf::app
