#pragma once

#include "app/job_result.h"
#include "load/declaration.h"
#include "load/layout_spec.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace formpdf::app {

// A PDF made in memory, for a program that shows it (formpdf serve's preview and downloads).
struct PrintedForm {
    JobResult job;   // the checks before printing and the layout's diagnostics; exit code as render
    std::string pdf; // empty when the form could not be printed
    int pages = 0;
};

// Prints single declarations again and again in one process, as `render` would print them, with
// the fonts loaded and the layouts read once: a preview after every keystroke costs the layout
// and the PDF only. Thread-safe: `engines` prints run at once (0: one per core), each with its
// own fonts and layouts (a font library is not safe to load from two threads); further calls
// wait for one to be free.
class FormPrinter {
public:
    FormPrinter(std::vector<std::filesystem::path> layout_dirs,
                std::vector<std::filesystem::path> font_dirs, bool system_fonts = true,
                unsigned engines = 0);
    ~FormPrinter();
    FormPrinter(const FormPrinter&) = delete;
    FormPrinter& operator=(const FormPrinter&) = delete;

    // The declaration checked (print_checks.h) and printed; PDF/A-2b when `pdfa` or the layout
    // asks for it. A structural error leaves `pdf` empty, as `render` writes nothing then.
    PrintedForm print(const load::Declaration& declaration, bool pdfa, std::int64_t creation_time);

    // The layout of a form id (layout_finder.h), read once. Throws DiagnosticError at `form`.
    const load::LayoutSpec& layout(const load::TextValue& form);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace formpdf::app
