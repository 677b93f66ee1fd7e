#pragma once

#include "core/cell_grid.h"
#include "core/diagnostic.h"
#include "load/declaration.h"
#include "load/form_cell_positions.h"
#include "load/form_definition.h"
#include "load/list_table_columns.h"
#include "load/workbook_cell_texts.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace formpdf::load {

// Reading the budget system's tab-separated export of filled-in forms (docs/import.md).

struct ImportedForm {
    Declaration declaration; // values located in the export (line, column of the cell)
    int first_line = 0;      // the title line (a workbook: its row)
    int last_line = 0;       // the footer line (a workbook: its row)
    std::string file_name; // "<项目编码>.yaml", "<code>-2.yaml" for a second form with that code
    std::string sheet;     // the workbook sheet it is on; empty for a text export
    int sheet_index = 0;   // 0-based, in the grid
};

struct ExportImport {
    std::vector<ImportedForm> forms;
    // Warnings name every repair (a shifted row, a footer that differs from the standard one, a
    // second form with the same code); errors name every cell that could not be placed. With any
    // error, `forms` must not be written: something would be lost.
    Diagnostics diagnostics;
};

// Splits the export into forms (title line … footer line) and each form into a declaration of
// `form`: header label/value cells become fields, the indicator table becomes the tree whose
// header row it starts with. Row-span continuations (leading empty cells) continue the group above;
// cells the export shifted out of their columns are put back by the tree's vocabulary. Text is
// copied exactly. Never throws for the content of the grid. Several sheets are read in order;
// a form does not run from one sheet to the next.
//
// With `positions` (a form whose definition says `import: positions`), each form's values are
// the cells at those positions instead (positional_form_reader.h).
//
// `lists`: where the layout's list tables have their header row and columns (a form read by
// labels): a row of a list's headings starts the list, each row after it is one record
// (list_table_reader.h), up to a row that starts with a field's label or a layout text.
//
// `workbook` (the fill-in workbook of the form's layout, as `formpdf workbook` writes it): a cell
// whose text is one of the layout's own texts on that sheet is never a value (an empty value cell
// stays empty), and a value cell written with the layout's text around the value gives only the
// value (a warning, and the whole text, when that text is no longer intact).
ExportImport import_export_grid(const CellGrid& grid, const FormDefinition& form,
                                const FormCellPositions* positions = nullptr,
                                const std::vector<ListTableColumns>& lists = {},
                                const WorkbookCellTexts* workbook = nullptr);

// The same for a tab-separated UTF-8 text (with or without a byte order mark); bytes that are not
// UTF-8 are an error diagnostic. Other formats and encodings: src/workbook reads them into a grid.
ExportImport import_export_text(std::string_view text, const std::string& file,
                                const FormDefinition& form);

// The text of the first non-empty cell of the export (the first form's title), to choose the form
// definition by its title; nothing when the text has none or is not UTF-8.
std::optional<std::string> export_first_title(std::string_view text);
std::optional<std::string> export_first_title(const CellGrid& grid);

} // namespace formpdf::load
