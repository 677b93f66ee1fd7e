#pragma once

#include "app/job_result.h"
#include "cli/helper_commands.h"

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace formpdf::cli {

// A subcommand: its CLI11 parser and what to run when it was given. Each command lives in its own
// <name>_command.cpp and is registered in program.cpp. Serve, import and workbook run what they are
// given (helper_commands.h): their work is linked into the helper program only.
struct Command {
    CLI::App* parser = nullptr;
    std::function<int()> run;
};

Command add_render_command(CLI::App& app);
Command add_batch_command(CLI::App& app);
Command add_import_command(CLI::App& app, std::function<int(const ImportArguments&)> run);
Command add_check_command(CLI::App& app);
Command add_sign_command(CLI::App& app);
Command add_verify_command(CLI::App& app);
Command add_workbook_command(CLI::App& app, std::function<int(const WorkbookArguments&)> run);
Command add_fonts_command(CLI::App& app);
Command add_serve_command(CLI::App& app, std::function<int(const ServeArguments&)> run);

// -q/--quiet and -v/--verbose, which every command takes: quiet prints errors and warnings only
// (no notes, no summary, no progress line); verbose adds what was written and how long it took.
// Set once, in run_program(), from the command that was given.
struct Verbosity {
    bool quiet = false;
    bool verbose = false;
};
Verbosity& verbosity();

// Adds -q/--quiet (to a command that has none of its own) and -v/--verbose to every command.
void add_verbosity_flags(CLI::App& app);

// Sets verbosity() from the flags of the command that was given.
void read_verbosity_flags(const CLI::App& command);

// Prints the job's diagnostics on stderr (without notes when quiet) and returns its exit code.
int report(const app::JobResult& result);

// With --verbose: "formpdf: wrote PATH" on stderr.
void report_written(const std::filesystem::path& path);

// The document date: SOURCE_DATE_EPOCH or now. On a bad value, prints the error and returns false.
bool document_time_from_environment(std::int64_t& seconds, int& exit_code);

} // namespace formpdf::cli
