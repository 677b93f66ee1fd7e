#pragma once

// What a batch (batch_job.cpp) works on: its input files, its forms, what became of each, and
// how forms are sorted. Private to src/app/.

#include "core/diagnostic.h"
#include "core/file_io.h"
#include "core/messages.h"
#include "load/batch_fields.h"
#include "load/declaration.h"
#include "load/layout_spec.h"
#include "pdf/streamed_pdf_writer.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace formpdf::app::batch {

// How a form (or a whole input file) failed: the exit code takes the worst.
enum class Failure { None, Input, Io, Internal };

struct Outcome {
    Diagnostics diagnostics;
    Failure failure = Failure::None;

    // Runs `body`, turning the exceptions of every stage into a diagnostic and a failure.
    template <class Body> void run(Body&& body) {
        try {
            body();
        } catch (const DiagnosticError& error) {
            for (const Diagnostic& diagnostic : error.diagnostics()) {
                diagnostics.add(diagnostic); // every input-method slip of a file, not the first
            }
            failure = Failure::Input;
        } catch (const IoError& error) {
            diagnostics.add(make_error({}, error.what()));
            failure = Failure::Io;
        } catch (const std::exception& error) {
            diagnostics.add(
                make_error({}, tr("internal error: {0}", {error.what()}),
                           tr("this is a bug in formpdf; please report it with the input")));
            failure = Failure::Internal;
        }
    }
};

struct LoadedFile {
    std::filesystem::path path;
    std::vector<load::Declaration> declarations;
    Outcome outcome;
};

// A layout used by some forms, loaded once, with its fonts loaded before any worker starts
// (FontLibrary::load is not thread-safe; afterwards every load is a read-only cache hit).
struct LayoutEntry {
    std::unique_ptr<load::LayoutSpec> spec;
    std::optional<DiagnosticError> error;
};

struct Form {
    // Freed once the form is rendered in a large batch (BatchRun::release_rendered): not used
    // after render_one().
    const load::Declaration* declaration = nullptr;
    std::size_t file = 0;     // index of its file in BatchRun::files_
    std::size_t document = 0; // index of its declaration in that file
    SourceLoc loc;            // where its YAML document starts, for messages
    std::size_t input_order = 0;
    std::string code;
    std::string name;
    std::string unit;
    std::string amount;
    const load::LayoutSpec* spec = nullptr;
    std::optional<DiagnosticError> error; // found before rendering: no layout
    // The fields of its declaration the contents page shows besides the ones above (id → value),
    // kept for when the declaration is released.
    std::vector<std::pair<std::string, std::string>> contents_fields;
    std::filesystem::path output;
};

struct PageSize {
    double width = 0;
    double height = 0;
};

// One form's result, handed from a worker to the writer of the combined file: its pages already
// compressed and its glyphs, not the laid-out document (~1 MB a form, against ~25 KB here).
struct Rendered {
    bool done = false;
    Outcome outcome;
    std::size_t pages = 0;
    pdf::PreparedPart prepared; // only for the combined file
    std::string bookmark;       // the layout's first bookmark, if any
    PageSize first_page;        // for the blank page before it (duplex)
};

// The text of a declaration's field, or empty.
std::string field_text(const load::Declaration& declaration, const std::string& id);

// The fields a form's layout names as its code, name, unit and amount (`batch:`); the defaults
// for a form whose layout could not be loaded.
const load::BatchFields& batch_fields_of(const Form& form);

// The sort key of a form: one of the fields its layout names ("code", "name", "unit",
// "amount"), none for "input", or a field of its own.
std::string sort_key_of(const Form& form, const std::string& sort);

// code, name, unit, amount or input: a sort by what the layouts name, not by a field id.
bool is_sort_role(const std::string& sort);

} // namespace formpdf::app::batch
