// The formpdf command: a thin layer over the app library. Each subcommand is in <name>_command.cpp.

#include "cli/command.h"
#include "cli/usage_error.h"
#include "core/exit_code.h"

#include <formpdf/version.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

int main(int argc, char** argv) {
    using namespace formpdf;
    CLI::App app{"formpdf: YAML declarations and layouts to print-ready PDF forms", "formpdf"};
    app.set_version_flag("--version", std::string("formpdf ") + kVersion);
    app.require_subcommand(1);
    app.footer("Exit codes: 0 success, 2 input errors, 3 done with warnings, 4 file I/O error,\n"
               "5 verify: not all signatures valid, 64 usage error, 1 internal error.\n"
               "See docs/exit-codes.md.");

    const std::vector<cli::Command> commands = {
        cli::add_render_command(app),   cli::add_batch_command(app), cli::add_import_command(app),
        cli::add_check_command(app),    cli::add_sign_command(app),  cli::add_verify_command(app),
        cli::add_workbook_command(app),  cli::add_serve_command(app),
    };

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) { // --help, --version
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "formpdf: error: " << cli::usage_error_message(app, e)
                  << "\nhint: run 'formpdf --help'\n";
        return static_cast<int>(ExitCode::Usage);
    }
    for (const cli::Command& command : commands) {
        if (command.parser->parsed()) {
            const int exit_code = command.run();
            // Every output file is written and closed by now. Ending here leaves the teardown
            // (the parsers, the fonts mapped, the libraries' exit handlers) to the operating
            // system, as compilers do: ~1 ms of a 41-form batch.
            std::cout.flush();
            std::cerr.flush();
            std::fflush(nullptr);
            std::_Exit(exit_code);
        }
    }
    return static_cast<int>(ExitCode::Usage);
}
