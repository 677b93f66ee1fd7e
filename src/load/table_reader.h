#pragma once

// Reads a `- table:` block of a layout. Private to src/load (it uses the YAML reader).

#include "load/layout_spec.h"
#include "load/yaml_reader.h"

#include <string_view>
#include <vector>

namespace formpdf::load {

// Reads and checks the table: column widths fit the content width; every row's cells, with their
// spans, fill exactly the columns; no span overlaps another or runs past the last column; styles
// exist. Assigns each cell its column. Throws DiagnosticError at the offending place with a hint.
TableSpec read_table(const ValueReader& value, double content_width_pt,
                     const std::vector<std::string_view>& style_names);

} // namespace formpdf::load
