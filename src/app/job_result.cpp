#include "app/job_result.h"

namespace formpdf::app {

void JobResult::set_exit_code_from_diagnostics() {
    if (diagnostics.has_errors()) {
        exit_code = ExitCode::InputError;
    } else if (diagnostics.count(Severity::Warning) > 0) {
        exit_code = ExitCode::Warnings;
    } else {
        exit_code = ExitCode::Success;
    }
}

} // namespace formpdf::app
