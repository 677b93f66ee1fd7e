#pragma once

#include "load/form_cell_positions.h"
#include "load/layout_spec.h"

namespace formpdf::workbook_writer {

// Where `formpdf workbook` puts each cell of the layout's form (its blank sheet, form_sheet.h),
// for `formpdf import` of a form read by position (docs/import.md, "Forms read by position"): the
// cells above the first tree's group rows and below them, counted from the title's row, and the
// columns of the group rows' level names and row fields. The same code lays out the workbook and
// tells the import where to read, so the two cannot drift apart.
load::FormCellPositions form_cell_positions(const load::LayoutSpec& layout);

} // namespace formpdf::workbook_writer
