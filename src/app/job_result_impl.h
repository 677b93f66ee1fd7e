#pragma once

// Template definitions of job_result.h.

#include "core/file_io.h"
#include "core/messages.h"

#include <exception>

namespace formpdf::app {

template <class Body> JobResult run_job(Body&& body) {
    JobResult result;
    try {
        body(result);
        if (result.exit_code == ExitCode::Success) {
            result.set_exit_code_from_diagnostics();
        }
    } catch (const DiagnosticError& error) {
        for (const Diagnostic& diagnostic : error.diagnostics()) {
            result.diagnostics.add(diagnostic);
        }
        result.exit_code = ExitCode::InputError;
    } catch (const IoError& error) {
        result.diagnostics.add(make_error({}, error.what()));
        result.exit_code = ExitCode::IoError;
    } catch (const std::exception& error) {
        result.diagnostics.add(
            make_error({}, tr("internal error: {0}", {error.what()}),
                       tr("this is a bug in formpdf; please report it with the input")));
        result.exit_code = ExitCode::Internal;
    }
    return result;
}

} // namespace formpdf::app
