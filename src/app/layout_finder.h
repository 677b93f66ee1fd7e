#pragma once

#include "load/declaration.h"

#include <filesystem>
#include <vector>

namespace formpdf::app {

// The layout file of a declaration's form: `form: shenzhen-l2-project` is
// <dir>/shenzhen-l2-project.yaml in the first of `dirs` that has it. The id comes from the data, so
// it is checked to be a plain name (letters, digits, '-', '_', '.'; no path) before any lookup.
// Throws DiagnosticError at the form value, with a hint listing the layouts found.
std::filesystem::path find_layout(const load::TextValue& form,
                                  const std::vector<std::filesystem::path>& dirs);

} // namespace formpdf::app
