#include "app/import_job.h"

#include "app/form_definitions.h"
#include "core/file_io.h"
#include "core/output_file.h"
#include "load/declaration_writer.h"
#include "load/export_import.h"

namespace formpdf::app {

namespace {

// An export of a few hundred forms is well under a megabyte; this bounds a wrong file.
constexpr std::size_t kMaxExportBytes = 32 * 1024 * 1024;

load::FormDefinition form_for(const ImportRequest& request, std::string_view text) {
    FormDefinitions definitions(request.layout_dirs);
    const SourceLoc whole_file{request.input.string(), 0, 0};
    if (!request.form_id.empty()) {
        return definitions.get(load::TextValue{request.form_id, SourceLoc{"formpdf", 0, 0}});
    }
    const std::optional<std::string> title = load::export_first_title(text);
    if (title) {
        if (std::optional<load::FormDefinition> form = definitions.find_by_title(*title)) {
            return std::move(*form);
        }
    }
    throw DiagnosticError(make_error(
        whole_file,
        title ? "no form definition has the title '" + *title + "'"
              : std::string("the export has no title line"),
        "name the form with --form ID (a layout file layouts/ID.yaml with a `form:` section)"));
}

} // namespace

JobResult import_export(const ImportRequest& request) {
    return run_job([&](JobResult& result) {
        const std::string text = read_file(request.input, kMaxExportBytes);
        const load::FormDefinition form = form_for(request, text);
        load::ExportImport imported = load::import_export_text(text, request.input.string(), form);
        for (const Diagnostic& diagnostic : imported.diagnostics.items()) {
            result.diagnostics.add(diagnostic);
        }
        if (result.diagnostics.has_errors()) {
            return; // nothing written: a cell that could not be placed would be lost
        }
        if (imported.forms.empty()) {
            result.diagnostics.error(SourceLoc{request.input.string(), 0, 0},
                                     "the export holds no form",
                                     "a form starts with its title line (" + form.title + ")");
            return;
        }
        std::error_code ec;
        std::filesystem::create_directories(request.output_dir, ec);
        if (ec) {
            throw IoError("cannot create the folder " + request.output_dir.string() + ": " +
                          ec.message());
        }
        remove_stale_temporaries(request.output_dir); // what a killed import left
        for (const load::ImportedForm& imported_form : imported.forms) {
            // Where it came from, by file name only, so that the file does not depend on where
            // the export was when it was imported.
            const std::string origin = "# " + form.title + ": imported by formpdf from " +
                                       request.input.filename().string() + ", lines " +
                                       std::to_string(imported_form.first_line) + "-" +
                                       std::to_string(imported_form.last_line) + "\n";
            write_file_atomically(request.output_dir / imported_form.file_name,
                                  origin +
                                      load::write_declarations({imported_form.declaration}, &form));
        }
    });
}

} // namespace formpdf::app
