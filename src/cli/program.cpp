// The formpdf command line (program.h): a thin layer over the app library. Each subcommand is in
// <name>_command.cpp.

#include "cli/program.h"

#include "app/parse_cache.h"
#include "cli/command.h"
#include "cli/command_line_conventions.h"
#include "cli/help_formatter.h"
#include "cli/usage_error.h"
#include "core/exit_code.h"
#include "core/messages.h"

#include <formpdf/version.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

int formpdf::cli::run_program(int argc, char** argv, const HelperCommandActions& actions) {
    using namespace formpdf;
    std::vector<std::string> arguments(argv + 1, argv + argc);
    if (std::string error; !cli::take_language_option(arguments, error)) {
        std::cerr << "formpdf: " << tr("error") << ": " << error << "\n";
        return static_cast<int>(ExitCode::Usage);
    }
    CLI::App app{N_("formpdf: YAML declarations and layouts to print-ready PDF forms"), "formpdf"};
    app.formatter(std::make_shared<cli::HelpFormatter>());
    app.set_help_flag("-h,--help", N_("Print this help and exit"));
    static std::string language_placeholder; // --lang is taken out before parsing: listed only
    app.add_option("--lang", language_placeholder,
                   N_("Language of messages and help: zh or en (default: from LANG)"));
    app.set_version_flag("--version", std::string("formpdf ") + kVersion,
                         N_("Print the version and exit"));
    app.require_subcommand(1);
    app.footer(N_("Exit codes: 0 success, 2 input errors, 3 done with warnings, 4 file I/O error,\n"
                  "5 verify: not all signatures valid, 64 usage error, 1 internal error.\n"
                  "See man formpdf (docs/exit-codes.md)."));

    const std::vector<cli::Command> commands = {
        cli::add_render_command(app),
        cli::add_batch_command(app),
        cli::add_import_command(app, actions.import),
        cli::add_check_command(app),
        cli::add_sign_command(app),
        cli::add_verify_command(app),
        cli::add_workbook_command(app, actions.workbook),
        cli::add_fonts_command(app),
        cli::add_serve_command(app, actions.serve),
    };

    cli::add_verbosity_flags(app);
    cli::one_value_per_option(app);

    if (auto help = cli::help_request(arguments)) { // formpdf help [COMMAND]
        arguments = std::move(*help);
    }
    if (const auto unknown = cli::unknown_command_message(app, arguments)) {
        std::cerr << "formpdf: " << tr("error") << ": " << *unknown << "\n"
                  << tr("hint") << ": " << tr("run 'formpdf help'") << "\n";
        return static_cast<int>(ExitCode::Usage);
    }
    try {
        std::vector<std::string> reversed(arguments.rbegin(), arguments.rend());
        app.parse(reversed);          // CLI11 takes a vector's arguments last first
    } catch (const CLI::Success& e) { // --help, --version
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "formpdf: " << tr("error") << ": " << cli::usage_error_message(app, e) << "\n"
                  << tr("hint") << ": " << tr("run 'formpdf help'") << "\n";
        return static_cast<int>(ExitCode::Usage);
    }
    for (const cli::Command& command : commands) {
        if (command.parser->parsed()) {
            cli::read_verbosity_flags(*command.parser);
            const auto start = std::chrono::steady_clock::now();
            // YAML parsed by earlier runs is read back instead of parsed again (parse_cache.h).
            const std::unique_ptr<app::ParseCache> parse_cache = app::ParseCache::open_default();
            if (parse_cache) {
                parse_cache->use_for_every_yaml_text();
            }
            const int exit_code = command.run();
            if (parse_cache) {
                parse_cache->trim();
            }
            if (cli::verbosity().verbose) {
                std::cerr << "formpdf: "
                          << (parse_cache ? tr("{0} YAML files read from the parse cache, {1} "
                                               "parsed and kept in {2}",
                                               {std::to_string(parse_cache->found()),
                                                std::to_string(parse_cache->kept()),
                                                parse_cache->dir().string()})
                                          : tr("the parse cache is off: every YAML file parsed"))
                          << '\n';
            }
            if (cli::verbosity().verbose) {
                const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - start);
                std::cerr << "formpdf: "
                          << tr("{0} finished in {1} ms, exit {2}",
                                {command.parser->get_name(), std::to_string(elapsed.count()),
                                 std::to_string(exit_code)})
                          << '\n';
            }
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
