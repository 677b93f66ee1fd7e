#pragma once

#include "app/job_result.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

namespace formpdf::app {

struct RenderRequest {
    // A layout file (docs/layout-format.md), printed as it is (every field empty), or a declaration
    // file (docs/declaration-format.md) with one or more forms, each printed with its form's
    // layout.
    std::filesystem::path input;
    std::filesystem::path output;                     // the PDF to write
    std::optional<std::filesystem::path> dump_layout; // the layout dump (docs/layout-dump.md)
    std::vector<std::filesystem::path> font_dirs;     // searched before the system font folders
    bool system_fonts = true;
    std::int64_t creation_time = 0; // seconds since the epoch, UTC
    // PDF/A-2b (docs/pdfa.md); also on when the layout says `output: {pdfa: true}`.
    bool pdfa = false;
    std::optional<std::filesystem::path> layout; // use this layout for every declaration
    std::vector<std::filesystem::path>
        layout_dirs;    // where a form's layout is found (layout_finder.h)
    bool blank = false; // print the declarations' layouts with no data: the blank import template
    // Refuse to print a declaration with any error of the checks (print_checks.h), not only a
    // structural one.
    bool strict = false;
};

// load → check (print_checks.h) → layout → pdf, then the files are written atomically: on any error
// nothing is written and an existing output file is left as it was; the layout dump is written
// only with the PDF. Errors of the checks that leave the form printable are reported, the form is
// printed as written, and the exit code is Warnings ("done, with findings"). An output that would
// replace an input, or a dump named like the PDF, is refused before any work (exit 64). Leftover
// temporaries of killed runs in the output's folder are removed.
JobResult render(const RenderRequest& request);

} // namespace formpdf::app
