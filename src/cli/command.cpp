#include "cli/command.h"

#include "app/environment.h"

#include <chrono>
#include <cstdlib>
#include <iostream>

namespace formpdf::cli {

int report(const app::JobResult& result) {
    for (const auto& diagnostic : result.diagnostics.items()) {
        std::cerr << format_diagnostic(diagnostic) << '\n';
    }
    return static_cast<int>(result.exit_code);
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
