#include "app/form_printer.h"

#include "app/layout_cache.h"
#include "app/layout_finder.h"
#include "app/print_checks.h"
#include "layout/document_layouter.h"
#include "pdf/pdf_writer.h"
#include "text/font_library.h"

#include <formpdf/version.h>

#include <mutex>

namespace formpdf::app {

struct FormPrinter::Impl {
    std::vector<std::filesystem::path> layout_dirs;
    text::FontLibrary fonts;
    LayoutCache layouts;
    std::mutex mutex;

    Impl(std::vector<std::filesystem::path> layout_dirs_in,
         std::vector<std::filesystem::path> font_dirs, bool system_fonts)
        : layout_dirs(std::move(layout_dirs_in)), fonts(std::move(font_dirs), system_fonts) {}

    const load::LayoutSpec& layout(const load::TextValue& form) {
        return layouts.get(find_layout(form, layout_dirs));
    }
};

FormPrinter::FormPrinter(std::vector<std::filesystem::path> layout_dirs,
                         std::vector<std::filesystem::path> font_dirs, bool system_fonts)
    : impl_(std::make_unique<Impl>(std::move(layout_dirs), std::move(font_dirs), system_fonts)) {}

FormPrinter::~FormPrinter() = default;

const load::LayoutSpec& FormPrinter::layout(const load::TextValue& form) {
    const std::lock_guard lock(impl_->mutex);
    return impl_->layout(form);
}

PrintedForm FormPrinter::print(const load::Declaration& declaration, bool pdfa,
                               std::int64_t creation_time) {
    PrintedForm printed;
    printed.job = run_job([&](JobResult& result) {
        const std::lock_guard lock(impl_->mutex);
        const load::LayoutSpec& spec = impl_->layout(declaration.form);
        const PrintCheck checked =
            check_before_print(declaration, spec, /*strict=*/false, result.diagnostics);
        if (!checked.print) {
            result.exit_code = ExitCode::InputError;
            return;
        }
        const layout::Document document =
            layout::layout_forms(spec, {&declaration}, impl_->fonts, result.diagnostics);
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
