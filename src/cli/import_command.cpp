#include "app/environment.h"
#include "app/import_job.h"
#include "cli/command.h"

#include <memory>

namespace formpdf::cli {

Command add_import_command(CLI::App& app) {
    struct Options {
        app::ImportRequest request;
        std::vector<std::filesystem::path> layout_dirs;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "import", "Turn the budget system's tab-separated export into one declaration per form");
    cmd->add_option("export", options->request.input, "The export (tab-separated UTF-8 text)")
        ->required();
    cmd->add_option("-o,--output", options->request.output_dir,
                    "Folder for the declarations (<项目编码>.yaml)")
        ->required();
    cmd->add_option("--form", options->request.form_id,
                    "Form id (layouts/ID.yaml); default: the form whose title the export has");
    cmd->add_option("--layouts", options->layout_dirs,
                    "Search this folder for layouts first (repeatable)");
    cmd->footer("Warnings name every repaired line; with any error nothing is written. "
                "See docs/import.md.");

    return {cmd, [options]() {
                options->request.layout_dirs =
                    app::layout_search_dirs(options->layout_dirs, app::executable_dir());
                return report(app::import_export(options->request));
            }};
}

} // namespace formpdf::cli
