#pragma once

#include "load/declaration.h"
#include "load/form_definition.h"

#include <string>
#include <string_view>
#include <vector>

namespace formpdf::load {

// YAML text for declarations (docs/declaration-format.md), one document each, separated by `---`.
// Loading the text back with load_declarations_text() gives exactly the same texts, ids and
// structure: values are quoted whenever YAML could read them as anything but that text (a leading
// '*' is an alias, `0.00` a number, `yes` a boolean in YAML 1.1), and text with line breaks or
// control characters is written double-quoted with escapes, so no space or character is lost.
// With a form definition, each field and tree gets its label as a comment (`# 项目编码：`).
std::string write_declarations(const std::vector<Declaration>& declarations,
                               const FormDefinition* form = nullptr);

// A YAML scalar for the text: plain when that reads back as the same string in YAML 1.1 and 1.2,
// else single-quoted, else (line breaks, control characters) double-quoted.
std::string yaml_scalar(std::string_view text);

} // namespace formpdf::load
