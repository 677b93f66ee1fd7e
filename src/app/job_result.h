#pragma once

#include "core/diagnostic.h"
#include "core/exit_code.h"

#include <string>

namespace formpdf::app {

// What a job reports back to the CLI: its diagnostics (printed to stderr in order) and the exit
// code.
struct JobResult {
    Diagnostics diagnostics;
    ExitCode exit_code = ExitCode::Success;

    // Sets exit_code from the diagnostics: errors → InputError, warnings → Warnings, else Success.
    void set_exit_code_from_diagnostics();
};

// Runs `body`, turning the exceptions of every stage into diagnostics and an exit code:
// DiagnosticError → its diagnostic, InputError; IoError → IoError; anything else → Internal.
template <class Body> JobResult run_job(Body&& body);

} // namespace formpdf::app

#include "app/job_result_impl.h"
