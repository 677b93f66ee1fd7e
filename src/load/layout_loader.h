#pragma once

#include "load/layout_spec.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace formpdf::load {

// Reads and validates a layout file. Throws DiagnosticError (file:line:col + hint) for malformed,
// hostile or invalid YAML (see yaml_guard.h), unknown keys, wrong types, and references to unknown
// fonts or styles; throws IoError when the file cannot be read.
LayoutSpec load_layout_file(const std::filesystem::path& path);

// The same, from text in memory; `file` names it in diagnostics and its folder is searched for fonts.
LayoutSpec load_layout_text(std::string_view yaml, const std::string& file);

} // namespace formpdf::load
