// A libFuzzer target over the workbook reader (src/workbook: zip, XML, shared strings, styles,
// number formats, text encodings, CSV) and the import of the grid it gives. The contract: for any
// bytes, a grid or a DiagnosticError, never a crash, a hang, or memory beyond the caps (the fuzz
// build runs with small caps so a bomb shows as a refusal, not an out-of-memory). Built with
// -fsanitize=fuzzer when FORMPDF_LIBFUZZER is on (clang); otherwise fuzz_workbook_corpus_runner
// replays tests/fuzz/corpus-workbook/ through it in ctest.

#include "core/diagnostic.h"
#include "load/export_import.h"
#include "load/layout_loader.h"
#include "workbook/export_reader.h"

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

formpdf::workbook::WorkbookLimits fuzz_limits() {
    formpdf::workbook::WorkbookLimits limits;
    limits.max_member_bytes = 16u << 20;
    limits.max_total_bytes = 64u << 20;
    limits.max_cells = 1'000'000;
    limits.max_merges = 100'000;
    return limits;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    formpdf::Diagnostics diagnostics;
    try {
        const formpdf::workbook::ExportFile file =
            formpdf::workbook::read_export(bytes, "fuzz.xlsx", diagnostics, nullptr, fuzz_limits());
        for (const formpdf::GridSheet& sheet : file.grid.sheets) {
            int previous = 0;
            for (const formpdf::GridRow& row : sheet.rows) {
                if (file.grid.unit == formpdf::GridUnit::SheetCells &&
                    (row.number <= previous || row.cells.empty())) {
                    std::abort(); // a workbook's rows are in order, and hold text
                }
                previous = row.number;
            }
        }
        formpdf::load::import_export_grid(file.grid, shenzhen());
    } catch (const formpdf::DiagnosticError& error) {
        if (error.diagnostic().message.empty()) {
            std::abort(); // a diagnostic says what is wrong
        }
    }
    return 0;
}
