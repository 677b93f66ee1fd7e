#include "app/environment.h"
#include "app/render_job.h"
#include "cli/command.h"
#include "cli/standard_streams.h"
#include "core/exit_code.h"
#include "core/messages.h"
#include "load/yaml_guard.h"

#include <cstdlib>
#include <iostream>
#include <memory>
#include <unistd.h>

namespace formpdf::cli {

Command add_render_command(CLI::App& app) {
    struct Options {
        app::RenderRequest request;
        std::vector<std::filesystem::path> font_dirs;
        std::vector<std::filesystem::path> layout_dirs;
        bool no_system_fonts = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "render", N_("Render declarations (or a layout alone, as a blank form) to one PDF"));
    cmd->add_option(
           "input", options->request.input,
           N_("Declaration file (one or more forms) or layout file (YAML); - reads standard input"))
        ->required();
    cmd->add_option("-o,--output", options->request.output,
                    N_("PDF file to write; - writes standard output"))
        ->required();
    cmd->add_option("--dump-layout", options->request.dump_layout,
                    N_("Also write the laid-out document as JSON (docs/layout-dump.md)"));
    cmd->add_option("--font-dir", options->font_dirs,
                    N_("Search this folder for fonts first (repeatable)"));
    cmd->add_flag("--no-system-fonts", options->no_system_fonts,
                  N_("Do not search the system font folders"));
    cmd->add_option("--layout", options->request.layout,
                    N_("Print every declaration with this layout file instead of its form's"));
    cmd->add_option("--layouts", options->layout_dirs,
                    N_("Search this folder for form layouts first (repeatable)"));
    cmd->add_flag("--blank", options->request.blank,
                  N_("Print the form with no data: the blank import template"));
    cmd->add_flag("--strict", options->request.strict,
                  N_("Do not print a declaration that `formpdf check` finds errors in (exit 2)"));
    cmd->add_flag("--pdfa", options->request.pdfa,
                  N_("Write PDF/A-2b (XMP metadata, sRGB output intent; docs/pdfa.md)"));

    return {
        cmd, [options]() {
            int exit_code = 0;
            app::RenderRequest& request = options->request;
            if (!document_time_from_environment(request.creation_time, exit_code)) {
                return exit_code;
            }
            const bool from_stdin = request.input == "-";
            const bool to_stdout = request.output == "-";
            if (to_stdout && isatty(STDOUT_FILENO) == 1) {
                std::cerr << "formpdf: " << tr("error") << ": "
                          << tr("standard output is a terminal, not a place for a PDF") << '\n'
                          << tr("hint") << ": "
                          << tr("redirect it (formpdf render FILE -o - > out.pdf), or name a file "
                                "with -o")
                          << '\n';
                return static_cast<int>(ExitCode::Usage);
            }
            StandardStreams streams;
            // A declaration on standard input has no folder of its own: fonts beside it are
            // searched in the current folder.
            const std::filesystem::path input_dir =
                from_stdin ? std::filesystem::path(".") : request.input.parent_path();
            if (from_stdin) {
                const app::JobResult saved = app::run_job([&](app::JobResult&) {
                    request.input = streams.save_input("stdin.yaml", load::YamlLimits{}.max_bytes);
                });
                if (saved.exit_code != ExitCode::Success) {
                    return report(saved);
                }
            }
            if (to_stdout) {
                request.output = streams.output_path("stdout.pdf");
            }
            request.font_dirs =
                app::font_search_dirs(options->font_dirs, std::getenv("FORMPDF_FONT_PATH"),
                                      input_dir, app::executable_dir());
            request.system_fonts = !options->no_system_fonts;
            request.layout_dirs =
                app::layout_search_dirs(options->layout_dirs, app::executable_dir());
            app::JobResult result =
                StandardStreams::deliver(app::render(request), request.output, to_stdout);
            if (!to_stdout && request.dump_layout &&
                (result.exit_code == ExitCode::Success || result.exit_code == ExitCode::Warnings)) {
                report_written(*request.dump_layout);
            }
            return report(streams.named_for_user(std::move(result)));
        }};
}

} // namespace formpdf::cli
