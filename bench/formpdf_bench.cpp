// Timings of the pipeline, stage by stage, for the 41 seed declarations (inputs/declarations):
// where the time of a form goes (docs/performance.md). Fonts and layouts are loaded once, outside
// the timed loops, as the batch does.

#include "app/batch_job.h"
#include "layout/document_layouter.h"
#include "load/declaration.h"
#include "load/layout_loader.h"
#include "pdf/pdf_writer.h"
#include "pdf/streamed_pdf_writer.h"
#include "text/font_library.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using namespace formpdf;

const std::string kSourceDir = FORMPDF_SOURCE_DIR;

std::vector<fs::path> seed_files() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(kSourceDir + "/inputs/declarations")) {
        if (entry.path().extension() == ".yaml") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

// Everything loaded once: the declarations, the layout, the fonts.
struct Seed {
    std::vector<load::Declaration> declarations;
    load::LayoutSpec layout =
        load::load_layout_file(kSourceDir + "/layouts/shenzhen-l2-project.yaml");
    text::FontLibrary fonts{{kSourceDir + "/fonts"}};
    std::vector<layout::Document> documents;

    Seed() {
        for (const fs::path& file : seed_files()) {
            for (load::Declaration& declaration : load::load_declarations_file(file)) {
                declarations.push_back(std::move(declaration));
            }
        }
        for (const load::Declaration& declaration : declarations) {
            documents.push_back(layout::layout_forms(layout, {&declaration}, fonts));
        }
    }
};

Seed& seed() {
    static Seed instance;
    return instance;
}

const pdf::PdfOptions kOptions{1700000000, "formpdf bench", false};

void BM_LoadDeclarations(benchmark::State& state) {
    const std::vector<fs::path> files = seed_files();
    for (auto _ : state) {
        for (const fs::path& file : files) {
            benchmark::DoNotOptimize(load::load_declarations_file(file));
        }
    }
    state.SetItemsProcessed(state.iterations() * static_cast<long>(files.size()));
}

void BM_LoadLayout(benchmark::State& state) {
    for (auto _ : state) {
        benchmark::DoNotOptimize(
            load::load_layout_file(kSourceDir + "/layouts/shenzhen-l2-project.yaml"));
    }
}

// Resolve, shape, break lines, paginate: one layout::Document per form.
void BM_LayoutForms(benchmark::State& state) {
    Seed& s = seed();
    for (auto _ : state) {
        for (const load::Declaration& declaration : s.declarations) {
            benchmark::DoNotOptimize(layout::layout_forms(s.layout, {&declaration}, s.fonts));
        }
    }
    state.SetItemsProcessed(state.iterations() * static_cast<long>(s.declarations.size()));
}

// One PDF per form: subset, content streams, compression, serialisation.
void BM_WritePdfPerForm(benchmark::State& state) {
    Seed& s = seed();
    for (auto _ : state) {
        for (const layout::Document& document : s.documents) {
            benchmark::DoNotOptimize(pdf::write_pdf(document, kOptions));
        }
    }
    state.SetItemsProcessed(state.iterations() * static_cast<long>(s.documents.size()));
}

// All 41 forms in one PDF (the in-memory writer, as `formpdf render` of a 41-form file).
void BM_WritePdfCombined(benchmark::State& state) {
    Seed& s = seed();
    layout::Document all = layout::layout_forms(
        s.layout,
        [&] {
            std::vector<const load::Declaration*> pointers;
            for (const load::Declaration& declaration : s.declarations) {
                pointers.push_back(&declaration);
            }
            return pointers;
        }(),
        s.fonts);
    for (auto _ : state) {
        benchmark::DoNotOptimize(pdf::write_pdf(all, kOptions));
    }
}

// The same 41 forms through the streamed writer of the batch's combined file.
void BM_StreamedCombined(benchmark::State& state) {
    Seed& s = seed();
    const fs::path path = fs::temp_directory_path() / "formpdf-bench-streamed.pdf";
    for (auto _ : state) {
        pdf::StreamedPdfWriter writer(path, s.fonts.resources(), kOptions);
        for (const layout::Document& document : s.documents) {
            writer.add_pages(writer.prepare(document));
        }
        writer.finish({});
    }
    fs::remove(path);
}

// The whole batch job in one process: 41 per-form PDFs and the combined file.
void BM_BatchJob(benchmark::State& state) {
    const fs::path out = fs::temp_directory_path() / "formpdf-bench-batch";
    app::BatchRequest request;
    request.inputs = {kSourceDir + "/inputs/declarations"};
    request.output_dir = out;
    request.combined = "all.pdf";
    request.contents = true;
    request.jobs = static_cast<unsigned>(state.range(0));
    request.layout_dirs = {kSourceDir + "/layouts"};
    request.font_dirs = {kSourceDir + "/fonts"};
    request.creation_time = 1700000000;
    for (auto _ : state) {
        app::BatchSummary summary;
        std::ostringstream log;
        benchmark::DoNotOptimize(app::run_batch(request, summary, log));
    }
    fs::remove_all(out);
}

// Font discovery as a process's first render does it: the system font folders walked and every
// face of every file read (family names, weight, style), with the per-process summaries forgotten
// first (docs/performance.md, "Font discovery").
void BM_FontScan(benchmark::State& state) {
    for (auto _ : state) {
        text::FontLibrary::forget_cached_files();
        const text::FontLibrary fonts({}, true);
        benchmark::DoNotOptimize(fonts.families());
    }
}

BENCHMARK(BM_FontScan)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LoadDeclarations)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadLayout)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LayoutForms)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WritePdfPerForm)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WritePdfCombined)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StreamedCombined)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BatchJob)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
