#include "app/environment.h"
#include "app/workbook_job.h"
#include "cli/command.h"
#include "cli/standard_streams.h"
#include "core/exit_code.h"
#include "core/messages.h"

#include <memory>

namespace formpdf::cli {

Command add_workbook_command(CLI::App& app) {
    struct Options {
        app::WorkbookRequest request;
        std::string blank;
        std::vector<std::filesystem::path> layout_dirs;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "workbook",
        N_("Write declarations (or the blank form) as a fill-in Excel workbook (.xlsx)"));
    cmd->add_option("declarations", options->request.inputs,
                    N_("Declaration files (YAML): one sheet per form"));
    cmd->add_option("-o,--output", options->request.output,
                    N_("The .xlsx file to write; - writes standard output"))
        ->required();
    cmd->add_option("--blank", options->blank,
                    N_("Write the empty form of this layout file or form id instead"));
    cmd->add_option("--layouts", options->layout_dirs,
                    N_("Search this folder for form layouts first (repeatable)"));
    cmd->footer(
        N_("Each sheet is laid out like the printed form; only the fill-in cells can be "
           "edited; the cells are those of the budget system's export, which `formpdf import` "
           "reads. "
           "Exit codes: 0 written, 2 errors (nothing written), 4 a file could not be read "
           "or written, 64 usage. See docs/workbook.md."));

    return {cmd, [options, cmd]() {
                int exit_code = 0;
                app::WorkbookRequest& request = options->request;
                if (!document_time_from_environment(request.creation_time, exit_code)) {
                    return exit_code;
                }
                if (cmd->count("--blank") > 0) {
                    request.blank = options->blank;
                }
                request.layout_dirs =
                    app::layout_search_dirs(options->layout_dirs, app::executable_dir());
                // `-o -`: the workbook to standard output, sent only when complete.
                const bool to_stdout = request.output == "-";
                if (to_stdout && StandardStreams::refuse_terminal_output(N_("a workbook"))) {
                    return static_cast<int>(ExitCode::Usage);
                }
                StandardStreams streams;
                app::WorkbookRequest given = request;
                given.output = streams.output_or_private(request.output, "workbook.xlsx");
                return report(
                    StandardStreams::deliver(app::write_workbook(given), given.output, to_stdout));
            }};
}

} // namespace formpdf::cli
