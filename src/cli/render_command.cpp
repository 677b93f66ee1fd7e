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
        bool no_system_fonts = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("render", "Render a layout file to PDF");
    cmd->add_option("input", options->request.input, "Layout file (YAML)")->required();
    cmd->add_option("-o,--output", options->request.output, "PDF file to write")->required();
    cmd->add_option("--dump-layout", options->request.dump_layout,
                    "Also write the laid-out document as JSON (docs/layout-dump.md)");
    cmd->add_option("--font-dir", options->font_dirs,
                    "Search this folder for fonts first (repeatable)");
    cmd->add_flag("--no-system-fonts", options->no_system_fonts,
                  "Do not search the system font folders");

    return {cmd, [options]() {
                int exit_code = 0;
                app::RenderRequest& request = options->request;
                if (!document_time_from_environment(request.creation_time, exit_code)) {
                    return exit_code;
                }
                request.font_dirs = app::font_search_dirs(
                    options->font_dirs, std::getenv("FORMPDF_FONT_PATH"),
                    request.input.parent_path(), app::executable_dir());
                request.system_fonts = !options->no_system_fonts;
                return report(app::render(request));
            }};
}

} // namespace formpdf::cli
