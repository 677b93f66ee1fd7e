#pragma once

#include "core/diagnostic.h"
#include "load/declaration.h"
#include "load/form_definition.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace formpdf::load {

// Reading the budget system's tab-separated export of filled-in forms (docs/import.md).

struct ImportedForm {
    Declaration declaration; // values located in the export (line, column of the cell)
    int first_line = 0;      // the title line
    int last_line = 0;       // the footer line
    std::string file_name; // "<项目编码>.yaml", "<code>-2.yaml" for a second form with that code
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
// copied exactly. Never throws for the content of `text` (bytes that are not UTF-8 are an error
// diagnostic).
ExportImport import_export_text(std::string_view text, const std::string& file,
                                const FormDefinition& form);

// The text of the first non-empty cell of the export (the first form's title), to choose the form
// definition by its title; nothing when the text has none or is not UTF-8.
std::optional<std::string> export_first_title(std::string_view text);

} // namespace formpdf::load
