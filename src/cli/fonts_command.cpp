#include "app/environment.h"
#include "app/fonts_job.h"
#include "cli/command.h"
#include "core/messages.h"

#include <cstdlib>
#include <iostream>
#include <memory>

namespace formpdf::cli {

Command add_fonts_command(CLI::App& app) {
    struct Options {
        app::FontsRequest request;
        std::vector<std::filesystem::path> font_dirs;
        std::vector<std::filesystem::path> layout_dirs;
        bool no_system_fonts = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "fonts", N_("List the font families found, their files, and the font each layout gets"));
    cmd->add_option("layouts", options->request.layouts,
                    N_("Layout files to match (default: every layout in the layout folders)"));
    cmd->add_option("--font-dir", options->font_dirs,
                    N_("Search this folder for fonts first (repeatable)"));
    cmd->add_flag("--no-system-fonts", options->no_system_fonts,
                  N_("Do not search the system font folders"));
    cmd->add_option("--layouts", options->layout_dirs,
                    N_("Search this folder for form layouts first (repeatable)"));
    cmd->footer(
        N_("Official document fonts (仿宋_GB2312, 楷体_GB2312, 方正小标宋简体, 黑体, 宋体 and "
           "their English names) are found under any of their names; when none is "
           "installed, a font of the same style stands in and says so. Exit codes: 0 every "
           "layout's fonts found, 3 some not found, 2 a layout could not be read. See "
           "docs/fonts.md."));

    return {cmd, [options]() {
                app::FontsRequest& request = options->request;
                const std::filesystem::path layout_dir =
                    request.layouts.empty() ? std::filesystem::path{}
                                            : request.layouts.front().parent_path();
                request.font_dirs =
                    app::font_search_dirs(options->font_dirs, std::getenv("FORMPDF_FONT_PATH"),
                                          layout_dir, app::executable_dir());
                request.system_fonts = !options->no_system_fonts;
                request.layout_dirs =
                    app::layout_search_dirs(options->layout_dirs, app::executable_dir());
                std::string text;
                const app::JobResult result = app::list_fonts(request, text);
                std::cout << text << std::flush;
                return report(result);
            }};
}

} // namespace formpdf::cli
