#include "app/environment.h"
#include "app/import_job.h"
#include "cli/command.h"
#include "core/messages.h"

#include <iostream>
#include <memory>

namespace formpdf::cli {

Command add_import_command(CLI::App& app) {
    struct Options {
        app::ImportRequest request;
        std::vector<std::filesystem::path> layout_dirs;
        bool warning_exit_0 = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "import",
        N_("Turn the budget system's export (a workbook or its text) into one declaration "
           "per form"));
    cmd->add_option("export", options->request.input,
                    N_("The export: .xlsx, .xls, or tab/comma-separated text (UTF-8, "
                       "GB18030, UTF-16 with BOM)"))
        ->required();
    cmd->add_option("-o,--output", options->request.output_dir,
                    N_("Folder for the declarations (<项目编码>.yaml)"))
        ->required();
    cmd->add_option("--form", options->request.form_id,
                    N_("Form id (layouts/ID.yaml); default: the form whose title the export has"));
    cmd->add_option("--layouts", options->layout_dirs,
                    N_("Search this folder for layouts first (repeatable)"));
    cmd->add_flag("--overwrite", options->request.overwrite,
                  N_("Replace declarations changed since the last import (default: keep them)"));
    cmd->add_flag("--warning-exit-0", options->warning_exit_0,
                  N_("Exit 0 instead of 3 when there were warnings but no errors"));
    cmd->footer(N_("Warnings name every repaired line and every declaration kept because it was "
                   "edited; with any error nothing is written. Exit codes: 0 written, 3 written "
                   "with warnings (0 with --warning-exit-0), 2 errors, 4 a file could not be read "
                   "or written. See docs/import.md."));

    return {cmd, [options]() {
                options->request.layout_dirs =
                    app::layout_search_dirs(options->layout_dirs, app::executable_dir());
                const app::ImportResult result = app::import_export(options->request);
                int exit_code = report(result.job);
                if (result.summary.ran && !verbosity().quiet) {
                    std::cout << app::import_summary(result.summary) << '\n';
                }
                // qpdf's --warning-exit-0: for scripts that treat repairs as routine.
                if (options->warning_exit_0 && result.job.exit_code == ExitCode::Warnings) {
                    exit_code = static_cast<int>(ExitCode::Success);
                }
                return exit_code;
            }};
}

} // namespace formpdf::cli
