// A libFuzzer target over the two readers of untrusted text: the declaration loader (with the check
// rules after it) and the import of the budget system's export. The contract: for any bytes, a
// diagnostic or one of our error types (DiagnosticError, IoError), never a crash, a hang, or
// another exception. Built with -fsanitize=fuzzer when FORMPDF_LIBFUZZER is on (clang); otherwise
// the corpus runner (fuzz_corpus_runner.cpp) replays tests/fuzz/corpus/ through it in ctest.

#include "check/check.h"
#include "core/diagnostic.h"
#include "load/declaration.h"
#include "load/declaration_writer.h"
#include "load/export_import.h"
#include "load/layout_loader.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

const formpdf::load::FormDefinition& shenzhen() {
    static const formpdf::load::FormDefinition form =
        *formpdf::load::load_layout_file(std::string(FORMPDF_SOURCE_DIR) +
                                         "/layouts/shenzhen-l2-project.yaml")
             .form;
    return form;
}

void fuzz_declarations(std::string_view text) {
    try {
        for (const formpdf::load::Declaration& declaration :
             formpdf::load::load_declarations_text(text, "fuzz.yaml")) {
            formpdf::Diagnostics findings;
            formpdf::check::check_declaration(declaration, shenzhen(), findings);
        }
    } catch (const formpdf::DiagnosticError& error) {
        if (error.diagnostic().message.empty()) {
            std::abort(); // a diagnostic says what is wrong
        }
    }
}

void fuzz_import(std::string_view text) {
    const formpdf::load::ExportImport imported =
        formpdf::load::import_export_text(text, "fuzz.txt", shenzhen());
    if (imported.diagnostics.has_errors()) {
        return;
    }
    // What the import accepts must write as YAML that loads back (the import's own promise).
    for (const formpdf::load::ImportedForm& form : imported.forms) {
        const std::string yaml = formpdf::load::write_declarations({form.declaration}, &shenzhen());
        if (formpdf::load::load_declarations_text(yaml, "back.yaml").size() != 1) {
            std::abort();
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    fuzz_declarations(text);
    fuzz_import(text);
    return 0;
}
