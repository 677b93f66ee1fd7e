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

// The same, from text in memory; `file` names it in diagnostics and its folder is searched for
// fonts.
LayoutSpec load_layout_text(std::string_view yaml, const std::string& file);

// True when the text is a layout file rather than a declaration: it has the `formpdf-layout:` key
// at the start of a line (a layout file's first key, docs/layout-format.md). Reads no YAML.
bool is_layout_text(std::string_view yaml);

} // namespace formpdf::load
