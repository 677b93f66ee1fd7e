#include "cli/command.h"
#include "cli/helper_commands.h"
#include "core/messages.h"

#include <memory>

namespace formpdf::cli {

Command add_import_command(CLI::App& app, std::function<int(const ImportArguments&)> run) {
    auto options = std::make_shared<ImportArguments>();
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

    return {cmd, [options, run = std::move(run)]() { return run(*options); }};
}

} // namespace formpdf::cli
