#include "app/form_printer.h"

#include "app/layout_cache.h"
#include "app/layout_finder.h"
#include "app/print_checks.h"
#include "layout/document_layouter.h"
#include "pdf/pdf_writer.h"
#include "text/font_library.h"

#include <formpdf/version.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace formpdf::app {

// One set of fonts and layouts, used by one print at a time (a FontLibrary loads faces lazily
// and is not safe to load from two threads).
struct PrintEngine {
    text::FontLibrary fonts;
    LayoutCache layouts;

    PrintEngine(std::vector<std::filesystem::path> font_dirs, bool system_fonts)
        : fonts(std::move(font_dirs), system_fonts) {}
};

struct FormPrinter::Impl {
    std::vector<std::filesystem::path> layout_dirs;
    std::vector<std::unique_ptr<PrintEngine>> engines;
    std::vector<PrintEngine*> idle;
    std::mutex mutex;
    std::condition_variable released;
    LayoutCache layouts; // for layout(): references into it stay valid
    std::mutex layouts_mutex;

    const load::LayoutSpec& layout(LayoutCache& cache, const load::TextValue& form) {
        return cache.get(find_layout(form, layout_dirs));
    }

    PrintEngine& acquire() {
        std::unique_lock lock(mutex);
        released.wait(lock, [&] { return !idle.empty(); });
        PrintEngine* engine = idle.back();
        idle.pop_back();
        return *engine;
    }

    void release(PrintEngine& engine) {
        {
            const std::lock_guard lock(mutex);
            idle.push_back(&engine);
        }
        released.notify_one();
    }
};

FormPrinter::FormPrinter(std::vector<std::filesystem::path> layout_dirs,
                         std::vector<std::filesystem::path> font_dirs, bool system_fonts,
                         unsigned engines)
    : impl_(std::make_unique<Impl>()) {
    impl_->layout_dirs = std::move(layout_dirs);
    if (engines == 0) {
        engines = std::max(1u, std::thread::hardware_concurrency());
    }
    for (unsigned i = 0; i < engines; ++i) {
        impl_->engines.push_back(std::make_unique<PrintEngine>(font_dirs, system_fonts));
        impl_->idle.push_back(impl_->engines.back().get());
    }
}

FormPrinter::~FormPrinter() = default;

const load::LayoutSpec& FormPrinter::layout(const load::TextValue& form) {
    const std::lock_guard lock(impl_->layouts_mutex);
    return impl_->layout(impl_->layouts, form);
}

PrintedForm FormPrinter::print(const load::Declaration& declaration, bool pdfa,
                               std::int64_t creation_time) {
    PrintedForm printed;
    printed.job = run_job([&](JobResult& result) {
        PrintEngine& engine = impl_->acquire();
        struct Release {
            Impl& impl;
            PrintEngine& engine;
            ~Release() { impl.release(engine); }
        } release{*impl_, engine};
        const load::LayoutSpec& spec = impl_->layout(engine.layouts, declaration.form);
        const PrintCheck checked =
            check_before_print(declaration, spec, /*strict=*/false, result.diagnostics);
        if (!checked.print) {
            result.exit_code = ExitCode::InputError;
            return;
        }
        const layout::Document document =
            layout::layout_forms(spec, {&declaration}, engine.fonts, result.diagnostics);
        if (result.diagnostics.count(Severity::Error) > checked.errors) {
            result.exit_code = ExitCode::InputError; // the layout's own errors: nothing printed
            return;
        }
        printed.pdf = pdf::write_pdf(document, {creation_time, kProducer, pdfa || spec.pdfa});
        printed.pages = static_cast<int>(document.pages.size());
        if (result.diagnostics.has_errors() || result.diagnostics.count(Severity::Warning) > 0) {
            result.exit_code = ExitCode::Warnings;
        }
    });
    return printed;
}

} // namespace formpdf::app
