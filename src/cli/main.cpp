// The formpdf command: parses argv, calls the app library, prints diagnostics, returns the exit code.

#include "app/environment.h"
#include "app/render_job.h"
#include "core/exit_code.h"

#include <formpdf/version.h>

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdlib>
#include <iostream>

namespace {

using formpdf::ExitCode;

int finish(const formpdf::app::JobResult& result) {
    for (const auto& diagnostic : result.diagnostics.items()) {
        std::cerr << formpdf::format_diagnostic(diagnostic) << '\n';
    }
    return static_cast<int>(result.exit_code);
}

std::int64_t now_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"formpdf: YAML declarations and layouts to print-ready PDF forms", "formpdf"};
    app.set_version_flag("--version", std::string("formpdf ") + formpdf::kVersion);
    app.require_subcommand(1);
    app.footer("Exit codes: 0 success, 2 input errors, 3 done with warnings, 4 file I/O error,\n"
               "64 usage error, 1 internal error. See docs/exit-codes.md.");

    formpdf::app::RenderRequest render;
    std::vector<std::filesystem::path> font_dirs;
    bool no_system_fonts = false;
    CLI::App* render_cmd = app.add_subcommand("render", "Render a layout file to PDF");
    render_cmd->add_option("input", render.input, "Layout file (YAML)")->required();
    render_cmd->add_option("-o,--output", render.output, "PDF file to write")->required();
    render_cmd->add_option("--dump-layout", render.dump_layout,
                           "Also write the laid-out document as JSON (docs/layout-dump.md)");
    render_cmd->add_option("--font-dir", font_dirs,
                           "Search this folder for fonts first (repeatable)");
    render_cmd->add_flag("--no-system-fonts", no_system_fonts,
                         "Do not search the system font folders");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "formpdf: error: " << e.what() << "\nhint: run 'formpdf --help'\n";
        return static_cast<int>(ExitCode::Usage);
    }

    if (render_cmd->parsed()) {
        formpdf::app::JobResult result = formpdf::app::run_job([&](formpdf::app::JobResult&) {
            render.creation_time =
                formpdf::app::document_time(std::getenv("SOURCE_DATE_EPOCH"), now_seconds());
        });
        if (result.exit_code != ExitCode::Success) {
            return finish(result);
        }
        render.font_dirs =
            formpdf::app::font_search_dirs(font_dirs, std::getenv("FORMPDF_FONT_PATH"),
                                           render.input.parent_path(),
                                           formpdf::app::executable_dir());
        render.system_fonts = !no_system_fonts;
        return finish(formpdf::app::render(render));
    }
    return static_cast<int>(ExitCode::Usage);
}
