#include "cli/command.h"
#include "cli/helper_commands.h"
#include "core/messages.h"

#include <memory>

namespace formpdf::cli {

Command add_workbook_command(CLI::App& app, std::function<int(const WorkbookArguments&)> run) {
    struct Options {
        WorkbookArguments arguments;
        std::string blank;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "workbook",
        N_("Write declarations (or the blank form) as a fill-in Excel workbook (.xlsx)"));
    cmd->add_option("declarations", options->arguments.request.inputs,
                    N_("Declaration files (YAML): one sheet per form"));
    cmd->add_option("-o,--output", options->arguments.request.output,
                    N_("The .xlsx file to write; - writes standard output"))
        ->required();
    cmd->add_option("--blank", options->blank,
                    N_("Write the empty form of this layout file or form id instead"));
    cmd->add_option("--layouts", options->arguments.layout_dirs,
                    N_("Search this folder for form layouts first (repeatable)"));
    cmd->footer(
        N_("Each sheet is laid out like the printed form; only the fill-in cells can be "
           "edited; the cells are those of the budget system's export, which `formpdf import` "
           "reads. "
           "Exit codes: 0 written, 2 errors (nothing written), 4 a file could not be read "
           "or written, 64 usage. See docs/workbook.md."));

    return {cmd, [options, cmd, run = std::move(run)]() {
                if (cmd->count("--blank") > 0) {
                    options->arguments.request.blank = options->blank;
                }
                return run(options->arguments);
            }};
}

} // namespace formpdf::cli
