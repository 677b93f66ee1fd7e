#include "app/render_job.h"

#include "app/layout_cache.h"
#include "app/layout_finder.h"
#include "app/print_checks.h"
#include "core/file_identity.h"
#include "core/file_io.h"
#include "core/messages.h"
#include "core/output_file.h"
#include "layout/document_layouter.h"
#include "layout/document_merge.h"
#include "layout/layout_dump.h"
#include "load/declaration.h"
#include "load/layout_loader.h"
#include "load/yaml_guard.h"
#include "pdf/pdf_writer.h"
#include "text/font_library.h"

#include <formpdf/version.h>

#include <map>
#include <optional>

namespace formpdf::app {

namespace {

// Lays out declarations in order; consecutive forms with the same layout share one call, so their
// fonts and styles are resolved once.
layout::Document layout_declarations(const std::vector<load::Declaration>& declarations,
                                     const RenderRequest& request, LayoutCache& layouts,
                                     text::FontLibrary& fonts, bool& pdfa,
                                     Diagnostics& diagnostics) {
    layout::Document document;
    std::size_t i = 0;
    while (i < declarations.size()) {
        const std::filesystem::path path =
            request.layout ? *request.layout
                           : find_layout(declarations[i].form, request.layout_dirs);
        std::vector<const load::Declaration*> run;
        for (; i < declarations.size(); ++i) {
            const std::filesystem::path next =
                request.layout ? *request.layout
                               : find_layout(declarations[i].form, request.layout_dirs);
            if (next != path) {
                break;
            }
            run.push_back(&declarations[i]);
        }
        const load::LayoutSpec& spec = layouts.get(path);
        pdfa = pdfa || spec.pdfa;
        if (request.blank) {
            run.clear();
        }
        layout::append_document(document, layout::layout_forms(spec, run, fonts, diagnostics));
    }
    return document;
}

// The checks before printing (print_checks.h) of every declaration, all reported. `print` is
// false when one of them must not be printed: then the file is not written at all.
PrintCheck check_declarations(const std::vector<load::Declaration>& declarations,
                              const RenderRequest& request, LayoutCache& layouts,
                              JobResult& result) {
    PrintCheck all;
    for (const load::Declaration& declaration : declarations) {
        const std::filesystem::path path =
            request.layout ? *request.layout : find_layout(declaration.form, request.layout_dirs);
        const PrintCheck checked =
            check_before_print(declaration, layouts.get(path), request.strict, result.diagnostics);
        all.print = all.print && checked.print;
        all.errors += checked.errors;
        all.warnings += checked.warnings;
    }
    return all;
}

// An output that would replace an input (`render d.yaml -o d.yaml`), or the dump written over the
// PDF: a command-line mistake, refused before any work (exit 64, nothing written).
bool refuse_clashing_outputs(const RenderRequest& request, JobResult& result) {
    FileIdentities inputs;
    inputs.add(request.input);
    if (request.layout) {
        inputs.add(*request.layout);
    }
    std::vector<std::filesystem::path> outputs = {request.output};
    if (request.dump_layout) {
        outputs.push_back(*request.dump_layout);
        if (is_same_file(*request.dump_layout, request.output)) {
            result.diagnostics.add(make_error(
                {}, tr("--dump-layout and -o name the same file {0}", {request.output.string()}),
                tr("give the layout dump its own name, e.g. {0}",
                   {request.output.stem().string() + ".json"})));
            result.exit_code = ExitCode::Usage;
            return true;
        }
    }
    for (const std::filesystem::path& output : outputs) {
        if (const std::filesystem::path* input = inputs.find(output)) {
            result.diagnostics.add(make_error(
                {}, tr("the output {0} is the input {1}", {output.string(), input->string()}),
                tr("write the PDF (and the layout dump) under another name")));
            result.exit_code = ExitCode::Usage;
            return true;
        }
    }
    return false;
}

} // namespace

JobResult render(const RenderRequest& request) {
    return run_job([&](JobResult& result) {
        if (refuse_clashing_outputs(request, result)) {
            return;
        }
        const std::string input = read_file(request.input, load::YamlLimits{}.max_bytes);
        text::FontLibrary fonts(request.font_dirs, request.system_fonts);
        LayoutCache layouts;
        bool pdfa = request.pdfa;
        layout::Document document;
        int printed_errors = 0; // errors of the checks, in values printed as written
        if (load::is_layout_text(input)) {
            const load::LayoutSpec& spec = layouts.get(request.input);
            pdfa = pdfa || spec.pdfa;
            document = layout::layout_forms(spec, {}, fonts, result.diagnostics);
        } else {
            const std::vector<load::Declaration> declarations =
                load::load_declarations_text(input, request.input.string());
            if (!request.blank) {
                const PrintCheck checked =
                    check_declarations(declarations, request, layouts, result);
                if (!checked.print) {
                    result.exit_code = ExitCode::InputError;
                    return; // nothing written
                }
                printed_errors = checked.errors;
            }
            document = layout_declarations(declarations, request, layouts, fonts, pdfa,
                                           result.diagnostics);
        }
        // Errors past those of the checks (printed as written) come from layout: nothing written.
        if (result.diagnostics.count(Severity::Error) > printed_errors) {
            result.exit_code = ExitCode::InputError;
            return;
        }
        // Both files are written to their temporaries before either takes its name: the dump is
        // only ever written beside the PDF it describes.
        OutputFile pdf_file(request.output);
        pdf_file.write(pdf::write_pdf(document, {request.creation_time, kProducer, pdfa}));
        std::optional<OutputFile> dump_file;
        if (request.dump_layout) {
            dump_file.emplace(*request.dump_layout);
            dump_file->write(layout::dump_layout_json(document));
        }
        for (const std::filesystem::path& dir :
             {request.output.parent_path(),
              request.dump_layout ? request.dump_layout->parent_path() : std::filesystem::path()}) {
            remove_stale_temporaries(dir.empty() ? std::filesystem::path(".") : dir);
        }
        pdf_file.commit(Durability::Now);
        if (dump_file) {
            dump_file->commit(Durability::Now);
        }
        if (printed_errors > 0) {
            // The error lines above could read as "nothing was printed": say that it was.
            result.diagnostics.warning(
                SourceLoc{request.output.string(), 0, 0},
                tr("written with {0} of the checks (above), printed exactly as declared",
                   {tr(printed_errors == 1 ? N_("{0} error") : N_("{0} errors"),
                       {std::to_string(printed_errors)})}),
                tr("correct the declaration and print again; --strict refuses to print a form "
                   "with errors"));
        }
        // Printed, and whatever was found is "done, with findings": an error of the checks
        // printed as written is no failure of the job (docs/exit-codes.md).
        if (result.diagnostics.has_errors() || result.diagnostics.count(Severity::Warning) > 0) {
            result.exit_code = ExitCode::Warnings;
        }
    });
}

} // namespace formpdf::app
