// `formpdf workbook`'s work, in the helper program (helper_commands.h).

#include "app/environment.h"
#include "app/workbook_job.h"
#include "cli/command.h"
#include "cli/helper_commands.h"
#include "cli/helper_program.h"
#include "cli/standard_streams.h"
#include "core/exit_code.h"
#include "core/messages.h"

namespace formpdf::cli {

int run_workbook(const WorkbookArguments& arguments) {
    int exit_code = 0;
    app::WorkbookRequest request = arguments.request;
    if (!document_time_from_environment(request.creation_time, exit_code)) {
        return exit_code;
    }
    request.layout_dirs = app::layout_search_dirs(arguments.layout_dirs, program_dir());
    // `-o -`: the workbook to standard output, sent only when complete.
    const bool to_stdout = request.output == "-";
    if (to_stdout && StandardStreams::refuse_terminal_output(N_("a workbook"))) {
        return static_cast<int>(ExitCode::Usage);
    }
    StandardStreams streams;
    app::WorkbookRequest given = request;
    given.output = streams.output_or_private(request.output, "workbook.xlsx");
    return report(StandardStreams::deliver(app::write_workbook(given), given.output, to_stdout));
}

} // namespace formpdf::cli
