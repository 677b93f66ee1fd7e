#pragma once

#include "app/job_result.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

namespace formpdf::app {

struct RenderRequest {
    std::filesystem::path input;  // a layout file (docs/layout-format.md)
    std::filesystem::path output; // the PDF to write
    std::optional<std::filesystem::path> dump_layout; // the layout dump (docs/layout-dump.md)
    std::vector<std::filesystem::path> font_dirs;     // searched before the system font folders
    bool system_fonts = true;
    std::int64_t creation_time = 0; // seconds since the epoch, UTC
};

// load → layout → pdf, then the files are written atomically: on any error nothing is written and
// an existing output file is left as it was.
JobResult render(const RenderRequest& request);

} // namespace formpdf::app
