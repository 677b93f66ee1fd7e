#pragma once

#include "core/diagnostic.h"
#include "load/declaration.h"
#include "load/layout_spec.h"
#include "workbook_writer/sheet.h"

namespace formpdf::workbook_writer {

// The sheet of one form, laid out like its print (docs/workbook.md, "The sheet"): the layout's
// blocks top to bottom on one grid of columns (the table with the most columns gives them; the
// columns of the other tables snap to its nearest column edges), a title or paragraph across the
// whole width, one empty row between a table and a text block after it (the export's line before
// 备注). The cell texts are exactly those of the budget system's tab export of the form
// (docs/import.md): a merged cell is written once, in its first row and column.
//
// Locked: the layout's own text (labels, headings, title, 备注) and the grey (置灰) cells that hold
// a value (the system carries them over). Editable: the other field cells, a grey one that is
// empty (the blank form), and the fields a paragraph shows (the year line). Drop-downs: a `choice`
// field's choices, and each tree level's vocabulary names.
//
// With no declaration (nullptr) it is the blank form: every field empty, each group its
// `blank-rows` rows. The sheet's name is left empty (sheet_name.h gives it).
Sheet form_sheet(const load::LayoutSpec& layout, const load::Declaration* declaration);

// Every non-empty value of the declaration (header fields, 一级/二级 names, row fields) that no
// cell of the sheet shows: an error each, at the value, since the workbook would lose it (a field
// the layout does not print, a tree the layout has no group row for).
void report_unplaced_values(const Sheet& sheet, const load::Declaration& declaration,
                            const std::string& layout_file, Diagnostics& diagnostics);

// An estimate of the height of `text` in a box `width_pt` wide: Excel does not size a row to a
// merged cell's wrapped text, so the sheet sets every row's height. A CJK character counts one
// em, another character 0.55 em; each line break starts a line.
double estimated_text_height_pt(const std::string& text, double width_pt, double size_pt,
                                double line_spacing);

} // namespace formpdf::workbook_writer
