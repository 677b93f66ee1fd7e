// `formpdf import`'s work, in the helper program (helper_commands.h).

#include "app/environment.h"
#include "app/import_job.h"
#include "cli/command.h"
#include "cli/helper_commands.h"
#include "cli/helper_program.h"

#include <iostream>

namespace formpdf::cli {

int run_import(const ImportArguments& arguments) {
    app::ImportRequest request = arguments.request;
    request.layout_dirs = app::layout_search_dirs(arguments.layout_dirs, program_dir());
    const app::ImportResult result = app::import_export(request);
    int exit_code = report(result.job);
    if (result.summary.ran && !verbosity().quiet) {
        std::cout << app::import_summary(result.summary) << '\n';
    }
    // qpdf's --warning-exit-0: for scripts that treat repairs as routine.
    if (arguments.warning_exit_0 && result.job.exit_code == ExitCode::Warnings) {
        exit_code = static_cast<int>(ExitCode::Success);
    }
    return exit_code;
}

} // namespace formpdf::cli
