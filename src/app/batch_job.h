#pragma once

#include "app/batch_order.h"
#include "app/job_result.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace formpdf::app {

struct BatchRequest {
    // Declaration files, and directories searched (recursively, in path order) for *.yaml/*.yml.
    std::vector<std::filesystem::path> inputs;
    std::filesystem::path output_dir; // created when missing; nothing is written outside it
    // The per-form file name: {field} replaced by the declaration's value, then made safe
    // (output_naming.h); ".pdf" is added. Empty: the form's code and name joined by '-' (the
    // fields its layout's `batch:` names; only the one it has when it lacks the other).
    std::string name_pattern;
    // The combined print file, a plain file name inside output_dir; none when empty.
    std::string combined;
    bool forms = true;     // write the per-form PDFs (false: only the combined file)
    bool contents = false; // a table of contents first in the combined file
    bool duplex = false;   // every form of the combined file starts on an odd page
    // The order of the forms: "code", "name", "unit", "amount" (the fields each form's layout
    // names in `batch:`), "input", or any field id; empty: the `batch: sort` of the first form's
    // layout, else "code". `amount` compares as numbers.
    std::string sort;
    // How `sort` compares texts; empty: the first form's layout's `collation:`, else Text.
    std::optional<SortCollation> collation;
    bool keep_going = false; // write the combined file even when some forms failed
    // Every declaration is checked before it is printed (print_checks.h): a structural error
    // fails the form, other errors are printed with it. With `strict`, any error fails it.
    bool strict = false;
    unsigned jobs = 0;     // worker threads; 0: one per core; never more than the cores
    bool progress = false; // draw a progress line on `log`
    // Called after each form is taken into the outputs (done of total), on the batch's own
    // thread; for a program that shows progress its own way (formpdf serve). May be empty.
    std::function<void(std::size_t done, std::size_t total)> on_progress;
    // A parsed declaration keeps every value with its file:line:col (~10 KB in memory). Batches of
    // up to this many forms keep them to the end; in larger ones the worker that renders a file's
    // last form frees the file's declarations, so that memory does not grow with the batch. Each
    // file is parsed once either way, and the output is the same.
    std::size_t declarations_held = 128;
    // False when the process ends right after the batch (the CLI): the run's memory (fonts,
    // line cache, layouts, declarations) is left to the operating system instead of being freed
    // piece by piece (~1 ms of a 41-form batch). Every file is written and closed either way.
    bool free_memory = true;

    std::vector<std::filesystem::path> font_dirs; // searched before the system font folders
    bool system_fonts = true;
    std::int64_t creation_time = 0;                 // seconds since the epoch, UTC
    std::optional<std::filesystem::path> layout;    // use this layout for every declaration
    std::vector<std::filesystem::path> layout_dirs; // where form layouts are found
    // The contents page and the "intentionally blank" page: layout files, by default
    // batch-contents.yaml and batch-blank.yaml found in layout_dirs.
    std::optional<std::filesystem::path> contents_layout;
    std::optional<std::filesystem::path> blank_layout;
};

// What the batch did, for the summary line.
struct BatchSummary {
    std::size_t forms = 0;    // declarations found
    std::size_t rendered = 0; // forms laid out (and written, unless forms is false)
    std::size_t failed = 0;   // declarations (or whole files) that could not be rendered
    std::size_t pages = 0;    // pages of the per-form PDFs
    std::size_t warnings = 0;
    std::size_t errors = 0;            // errors of the checks in printed forms
    std::size_t forms_with_errors = 0; // printed forms with such errors
    // "file:line:col 项目编码 项目名称: 1 error, 0 warnings" of each printed form with findings
    std::vector<std::string> findings;
    std::optional<std::filesystem::path> combined; // written
    std::size_t combined_pages = 0;
    std::vector<std::string> missing; // "file:line:col 项目编码 项目名称" of each failed form
    // Earlier batches' outputs this batch did not write again, removed (batch_manifest.h).
    std::vector<std::filesystem::path> removed;
    double seconds = 0;
};

// Renders every declaration of the inputs into its own PDF in output_dir, in parallel, and (when
// asked) into one combined print file: forms in the chosen order, each on a new page (an odd one
// with duplex), one bookmark per form, an optional contents page. A declaration that fails is
// reported with its location and the others are still written; the combined file is written only
// when every form succeeded, unless keep_going. Each declaration is checked before it is printed
// (print_checks.h). Exit code: InputError when any form failed (IoError when a file could not be
// written, or another batch is writing in output_dir), Warnings when every form was printed but
// with errors of the checks or warnings, else Success; Usage, with nothing written, when an output
// would replace an input. Earlier batches' outputs that this batch did not write again are
// removed, and the folder's manifest lists what it wrote (batch_manifest.h, docs/batch.md "Stale
// outputs").
// The same inputs give the same bytes whatever `jobs` is. `log` receives the progress line.
JobResult run_batch(const BatchRequest& request, BatchSummary& summary, std::ostream& log);

// "batch: 41 forms, 41 rendered (58 pages), 0 failed, 3 errors in 3 forms, 2 warnings; combined:
// out/all.pdf (60 pages); 0.21 s" plus one line per form printed with findings and one per
// missing form.
std::string format_summary(const BatchSummary& summary);

} // namespace formpdf::app
