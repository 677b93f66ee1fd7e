#pragma once

#include "load/layout_spec.h"
#include "load/workbook_cell_texts.h"

namespace formpdf::workbook_writer {

// The layout's own texts as `formpdf workbook` writes them on the blank form's sheet
// (form_sheet.h), for `formpdf import` of a fill-in workbook (docs/import.md): the texts of the
// cells that show no value, and the texts around the value of a `texts:` cell. The same code lays
// out the workbook, so the two cannot drift apart.
load::WorkbookCellTexts workbook_cell_texts(const load::LayoutSpec& layout);

} // namespace formpdf::workbook_writer
