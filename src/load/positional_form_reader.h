#pragma once

#include "load/declaration.h"
#include "load/export_lines.h"
#include "load/form_cell_positions.h"
#include "load/form_definition.h"
#include "load/indicator_table_reader.h"

#include <vector>

namespace formpdf::load {

// Reads one form whose definition says `import: positions` (docs/import.md, "Forms read by
// position"): each value is the cell at its position in the layout's sheet, counted from the
// title line (`lines` starts with it; blank lines are left out), not the cell after a label. The
// indicator rows are as many as there are rows between the rows above them and the first row
// below them that shows its layout text (合计); they are read as in any form
// (indicator_table_reader.h).
//
// A cell where the layout has none, a layout text that is not where the layout has it (a row
// inserted or deleted above it), or a field shown twice with two values is an error at its cell.
// Every header field the layout shows is in the declaration, an empty cell as an empty value, in
// the order of the form definition.
void read_form_by_positions(const std::vector<ExportLine>& lines, const FormDefinition& form,
                            const FormCellPositions& positions, const ExportSite& site,
                            IndicatorTableReader& table, Declaration& declaration);

} // namespace formpdf::load
