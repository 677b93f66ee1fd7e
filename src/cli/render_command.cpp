#include "app/environment.h"
#include "app/render_job.h"
#include "cli/command.h"

#include <cstdlib>
#include <memory>

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
        "render", "Render declarations (or a layout alone, as a blank form) to one PDF");
    cmd->add_option("input", options->request.input,
                    "Declaration file (one or more forms) or layout file (YAML)")
        ->required();
    cmd->add_option("-o,--output", options->request.output, "PDF file to write")->required();
    cmd->add_option("--dump-layout", options->request.dump_layout,
                    "Also write the laid-out document as JSON (docs/layout-dump.md)");
    cmd->add_option("--font-dir", options->font_dirs,
                    "Search this folder for fonts first (repeatable)");
    cmd->add_flag("--no-system-fonts", options->no_system_fonts,
                  "Do not search the system font folders");
    cmd->add_option("--layout", options->request.layout,
                    "Print every declaration with this layout file instead of its form's");
    cmd->add_option("--layouts", options->layout_dirs,
                    "Search this folder for form layouts first (repeatable)");
    cmd->add_flag("--blank", options->request.blank,
                  "Print the form with no data: the blank import template");
    cmd->add_flag("--strict", options->request.strict,
                  "Do not print a declaration that `formpdf check` finds errors in (exit 2)");
    cmd->add_flag("--pdfa", options->request.pdfa,
                  "Write PDF/A-2b (XMP metadata, sRGB output intent; docs/pdfa.md)");

    return {cmd, [options]() {
                int exit_code = 0;
                app::RenderRequest& request = options->request;
                if (!document_time_from_environment(request.creation_time, exit_code)) {
                    return exit_code;
                }
                request.font_dirs =
                    app::font_search_dirs(options->font_dirs, std::getenv("FORMPDF_FONT_PATH"),
                                          request.input.parent_path(), app::executable_dir());
                request.system_fonts = !options->no_system_fonts;
                request.layout_dirs =
                    app::layout_search_dirs(options->layout_dirs, app::executable_dir());
                return report(app::render(request));
            }};
}

} // namespace formpdf::cli
