#pragma once

#include "app/job_result.h"

#include <filesystem>
#include <string>
#include <vector>

namespace formpdf::app {

struct FontsRequest {
    std::vector<std::filesystem::path> font_dirs; // searched before the system font folders
    bool system_fonts = true;
    // The layouts whose fonts are matched: these files, else every *.yaml of the layout folders.
    std::vector<std::filesystem::path> layouts;
    std::vector<std::filesystem::path> layout_dirs;
};

// `formpdf fonts`: the font families found (each with its files, face index and weight), then for
// each layout the font each of its font slots gets: the face, a stand-in for an official document
// font that is not installed (official_font_names.h), or "not found". Written to `out`. Exit code:
// Success when every layout's fonts are found, Warnings (3) when some are not (each a warning at
// the layout's font), InputError (2) when a layout cannot be read (the others are still listed).
JobResult list_fonts(const FontsRequest& request, std::string& out);

} // namespace formpdf::app
