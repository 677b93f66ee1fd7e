#include "app/import_job.h"

#include "app/form_definitions.h"
#include "app/import_manifest.h"
#include "app/layout_finder.h"
#include "check/field_rules.h"
#include "core/file_io.h"
#include "core/messages.h"
#include "core/output_file.h"
#include "load/declaration_writer.h"
#include "load/export_import.h"
#include "load/layout_loader.h"
#include "workbook/export_reader.h"
#include "workbook_writer/cell_positions.h"
#include "workbook_writer/cell_texts.h"
#include "workbook_writer/list_table_columns.h"

#include <algorithm>
#include <optional>
#include <set>

namespace formpdf::app {

namespace {

// An export of a few hundred forms is well under a megabyte; this bounds a wrong file.
constexpr std::size_t kMaxExportBytes = 32 * 1024 * 1024;

load::FormDefinition form_for(const ImportRequest& request, const CellGrid& grid,
                              Diagnostics& diagnostics) {
    FormDefinitions definitions(request.layout_dirs);
    const SourceLoc whole_file{request.input.string(), 0, 0};
    if (!request.form_id.empty()) {
        return definitions.get(load::TextValue{request.form_id, SourceLoc{"formpdf", 0, 0}});
    }
    const std::optional<std::string> title = load::export_first_title(grid);
    if (title) {
        std::vector<std::filesystem::path> others;
        if (std::optional<load::FormDefinition> form = definitions.find_by_title(*title, &others)) {
            for (const std::filesystem::path& other : others) {
                diagnostics.note(whole_file,
                                 tr("read as the form '{0}' ({1}); {2} has a form of the same "
                                    "title",
                                    {form->id, form->loc.file, other.string()}),
                                 tr("name the form with --form ID to read it as another"));
            }
            return std::move(*form);
        }
    }
    throw DiagnosticError(make_error(
        whole_file,
        title ? tr("no form definition has the title '{0}'", {*title})
              : std::string(tr("the export has no title line")),
        tr("name the form with --form ID (a layout file layouts/ID.yaml with a `form:` section)")));
}

bool has_lists(const load::FormDefinition& form) {
    return std::any_of(form.trees.begin(), form.trees.end(),
                       [](const load::TreeDefinition& tree) { return tree.list; });
}

// What the import needs of the form's layout, as `formpdf workbook` lays the form out on its sheet
// (the layout file is found by the form's id, as `render` finds it): where each cell of a form
// read by position is, where the list tables of a form read by labels have their header row
// and columns, and (an .xlsx, which may be that fill-in workbook) the layout's own texts on the
// sheet, never read as a value.
struct SheetLayout {
    std::optional<load::FormCellPositions> positions;
    std::vector<load::ListTableColumns> lists;
    std::optional<load::WorkbookCellTexts> texts;
};

SheetLayout sheet_layout_for(const ImportRequest& request, const load::FormDefinition& form,
                             bool xlsx) {
    const bool positions = form.import_reading == load::ImportReading::Positions;
    if (!positions && !has_lists(form) && !xlsx) {
        return {};
    }
    if (positions && has_lists(form)) {
        throw DiagnosticError(make_error(
            form.import_loc,
            tr("formpdf import cannot read the lists of a form read by position yet"),
            tr("read the form by its labels (no `import: positions`): a list is read by its "
               "header row, one record a row")));
    }
    const std::filesystem::path layout_file =
        find_layout(load::TextValue{form.id, form.import_loc}, request.layout_dirs);
    const load::LayoutSpec layout = load::load_layout_file(layout_file);
    SheetLayout sheet;
    if (positions) {
        sheet.positions = workbook_writer::form_cell_positions(layout);
    } else {
        sheet.lists = workbook_writer::list_table_columns(layout);
    }
    if (xlsx) {
        sheet.texts = workbook_writer::workbook_cell_texts(layout);
    }
    return sheet;
}

// A form read by position is read from cells a person fills in (the fill-in workbook), not from
// the system: a value its field's rules refuse (a text where an amount belongs, a required cell
// left empty) is an error at its cell, and nothing is written.
void check_filled_in_fields(const load::ExportImport& imported, const load::FormDefinition& form,
                            Diagnostics& diagnostics) {
    for (const load::ImportedForm& imported_form : imported.forms) {
        check::Findings findings;
        check::check_fields(imported_form.declaration, form, findings);
        for (const check::Findings::Item& item : findings.items()) {
            if (item.diagnostic.severity == Severity::Error) {
                diagnostics.add(item.diagnostic);
            }
        }
    }
}

// One declaration file of the export: its name in the output folder and its bytes.
struct DeclarationFile {
    std::string file_name;
    std::string bytes;
};

std::optional<std::string> read_if_exists(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return std::nullopt;
    }
    return read_file(path, kMaxExportBytes);
}

// Writes each declaration unless the file there was changed since the import wrote it (its hash is
// not the recorded one) or the import never wrote it: a person's edits are not lost to a
// re-import. Then lists the recorded files the export no longer holds, and writes the new record.
ImportSummary write_declarations_keeping_edits(const std::vector<DeclarationFile>& declarations,
                                               const std::filesystem::path& dir,
                                               const std::string& export_name, bool overwrite,
                                               bool dry_run, Diagnostics& diagnostics) {
    const ImportManifest recorded = read_import_manifest(dir, diagnostics);
    ImportManifest record;
    record.export_name = export_name;
    ImportSummary summary;
    summary.ran = true;
    std::set<std::string> in_export;
    for (const DeclarationFile& declaration : declarations) {
        in_export.insert(declaration.file_name);
        const std::filesystem::path path = dir / declaration.file_name;
        const std::string hash = content_hash(declaration.bytes);
        const std::optional<std::string> current = read_if_exists(path);
        if (current && *current == declaration.bytes) {
            record.files[declaration.file_name] = hash;
            ++summary.unchanged;
            summary.files.emplace_back(declaration.file_name, "unchanged");
            continue;
        }
        const auto entry = recorded.files.find(declaration.file_name);
        const bool recorded_before = entry != recorded.files.end();
        const bool as_written =
            current && recorded_before && entry->second == content_hash(*current);
        if (current && !as_written && !overwrite) {
            diagnostics.warning(
                SourceLoc{path.string(), 0, 0},
                recorded_before ? tr("kept: this declaration was changed since formpdf import "
                                     "wrote it; the export's version is not written")
                                : tr("kept: this file was not written by formpdf import; the "
                                     "export's version is not written"),
                summary.kept > 0 ? std::string() // the hint once: the paths are what matters
                                 : tr("compare it with the export and merge by hand, or import "
                                      "again with --overwrite to replace it (the edits are then "
                                      "lost)"));
            if (recorded_before) {
                record.files[declaration.file_name] = entry->second; // still counts as edited
            }
            ++summary.kept;
            summary.files.emplace_back(declaration.file_name, "kept");
            continue;
        }
        if (current && !as_written) {
            diagnostics.note(SourceLoc{path.string(), 0, 0},
                             recorded_before
                                 ? tr("replaced a declaration changed since the last import "
                                      "(--overwrite)")
                                 : tr("replaced a file not written by formpdf import "
                                      "(--overwrite)"));
        }
        // Flushed to disk together below, not one by one (file_io.h Durability): 4,100 fsyncs
        // cost a district's import ~15 s on this machine's disk.
        if (!dry_run) {
            write_file_atomically(path, declaration.bytes, Durability::Deferred);
        }
        record.files[declaration.file_name] = hash;
        ++summary.written;
        summary.files.emplace_back(declaration.file_name, "written");
    }
    for (const auto& [name, hash] : recorded.files) {
        std::error_code ec;
        if (in_export.count(name) != 0 || !std::filesystem::exists(dir / name, ec)) {
            continue; // a file the user deleted is forgotten
        }
        diagnostics.note(SourceLoc{(dir / name).string(), 0, 0},
                         tr("no longer in the export: not deleted"),
                         summary.gone > 0 ? std::string()
                                          : tr("delete it if the form was withdrawn; until then "
                                               "every import lists it"));
        record.files[name] = hash;
        ++summary.gone;
        summary.files.emplace_back(name, "gone");
    }
    if (dry_run) {
        return summary;
    }
    if (summary.written > 0) {
        flush_file_system(dir); // the declarations are on disk before the record names them
    }
    write_file_atomically(dir / kImportManifestName, import_manifest_json(record));
    return summary;
}

} // namespace

ImportResult import_export(const ImportRequest& request) {
    ImportResult result;
    result.job = run_job([&](JobResult& job) {
        const std::string bytes = read_file(request.input, kMaxExportBytes);
        // A workbook, or text in any encoding people produce, as the grid the import reads.
        const workbook::ExportFile export_file =
            workbook::read_export(bytes, request.input.string(), job.diagnostics, &request.input);
        const load::FormDefinition form = form_for(request, export_file.grid, job.diagnostics);
        const SheetLayout sheet = sheet_layout_for(request, form, export_file.xlsx);
        const std::optional<load::FormCellPositions>& positions = sheet.positions;
        load::ExportImport imported =
            load::import_export_grid(export_file.grid, form, positions ? &*positions : nullptr,
                                     sheet.lists, sheet.texts ? &*sheet.texts : nullptr);
        for (const Diagnostic& diagnostic : imported.diagnostics.items()) {
            job.diagnostics.add(diagnostic);
        }
        if (positions && !job.diagnostics.has_errors()) {
            check_filled_in_fields(imported, form, job.diagnostics);
        }
        if (job.diagnostics.has_errors()) {
            return; // nothing written: a cell that could not be placed would be lost
        }
        if (imported.forms.empty()) {
            job.diagnostics.error(SourceLoc{request.input.string(), 0, 0},
                                  tr("the export holds no form"),
                                  tr("a form starts with its title line ({0})", {form.title}));
            return;
        }
        if (!request.dry_run) {
            std::error_code ec;
            std::filesystem::create_directories(request.output_dir, ec);
            if (ec) {
                throw IoError(tr("cannot create the folder {0}: {1}",
                                 {request.output_dir.string(), ec.message()}));
            }
            remove_stale_temporaries(request.output_dir); // what a killed import left
        }
        std::vector<DeclarationFile> declarations;
        for (const load::ImportedForm& imported_form : imported.forms) {
            // Where it came from, by file name only, so that the file does not depend on where
            // the export was when it was imported.
            // A workbook's form is named by its sheet and rows ("sheet 表1, rows 3-25").
            const bool text = export_file.grid.unit == GridUnit::TextLines;
            const std::string origin =
                "# " + form.title + ": imported by formpdf from " +
                request.input.filename().string() +
                (text ? ", lines " : ", sheet " + imported_form.sheet + ", rows ") +
                std::to_string(imported_form.first_line) + "-" +
                std::to_string(imported_form.last_line) + "\n";
            declarations.push_back(DeclarationFile{
                imported_form.file_name,
                origin + load::write_declarations({imported_form.declaration}, &form)});
        }
        result.summary = write_declarations_keeping_edits(
            declarations, request.output_dir, request.input.filename().string(), request.overwrite,
            request.dry_run, job.diagnostics);
    });
    return result;
}

std::string import_summary(const ImportSummary& summary) {
    if (!summary.ran) {
        return tr("formpdf import: nothing written");
    }
    return tr("formpdf import: {0} written, {1} unchanged, {2} kept because edited, {3} no longer "
              "in the export",
              {std::to_string(summary.written), std::to_string(summary.unchanged),
               std::to_string(summary.kept), std::to_string(summary.gone)});
}

} // namespace formpdf::app
