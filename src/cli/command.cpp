#include "cli/command.h"

#include "app/environment.h"
#include "core/messages.h"
#include "core/terminal_text.h"

#include <chrono>
#include <cstdlib>
#include <iostream>

namespace formpdf::cli {

Verbosity& verbosity() {
    static Verbosity value;
    return value;
}

void add_verbosity_flags(CLI::App& app) {
    for (CLI::App* command : app.get_subcommands({})) {
        if (command->get_option_no_throw("--quiet") == nullptr) {
            command->add_flag("-q,--quiet")
                ->description(N_("Print errors and warnings only: no notes, no summary"));
        }
        command->add_flag("-v,--verbose")
            ->description(N_("Also say what was written and how long it took"));
    }
}

void read_verbosity_flags(const CLI::App& command) {
    verbosity().quiet = command.count("--quiet") > 0;
    verbosity().verbose = command.count("--verbose") > 0 && !verbosity().quiet;
}

int report(const app::JobResult& result) {
    for (const auto& diagnostic : result.diagnostics.items()) {
        if (verbosity().quiet && diagnostic.severity == Severity::Note) {
            continue;
        }
        std::cerr << format_diagnostic(diagnostic) << '\n';
    }
    return static_cast<int>(result.exit_code);
}

void report_written(const std::filesystem::path& path) {
    if (verbosity().verbose) {
        std::cerr << "formpdf: " << tr("wrote {0}", {terminal_safe(path.string())}) << '\n';
    }
}

bool document_time_from_environment(std::int64_t& seconds, int& exit_code) {
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    const app::JobResult result = app::run_job([&](app::JobResult&) {
        seconds = app::document_time(std::getenv("SOURCE_DATE_EPOCH"), now);
    });
    if (result.exit_code != ExitCode::Success) {
        exit_code = report(result);
        return false;
    }
    return true;
}

} // namespace formpdf::cli
