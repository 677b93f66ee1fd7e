#pragma once

// Reads the keys of a table cell that say how the cell itself is drawn: `border`, `texts`,
// `vertical`, `hint`, `hint-style` (docs/layout-format.md, "Drawing a cell"). Private to src/load.

#include "load/table_spec.h"
#include "load/yaml_reader.h"

#include <string_view>
#include <vector>

namespace formpdf::load {

// Reads those keys of a cell's map into `cell` (whose text, field or format is already read) and
// checks that they go together: `texts` replaces the cell's one text, `vertical` sets one text,
// a hint stands in for a value (a field or format), never for the layout's own text.
void read_cell_drawing(const MapReader& map, CellSpec& cell,
                       const std::vector<std::string_view>& style_names);

// A side written `true` ("on") takes the table's border width, or 0.5pt when the table has none.
void settle_cell_borders(TableSpec& table);

} // namespace formpdf::load
