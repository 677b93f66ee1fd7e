#pragma once

#include "app/job_result.h"

#include <filesystem>
#include <optional>
#include <string>

namespace formpdf::app {

// `formpdf verify`: exit code when the file was read but not every signature is valid, the
// document was changed after its last signature, or it has no signature at all
// (docs/exit-codes.md). Lives here until core/exit_code.h lists it.
inline constexpr ExitCode kExitNotAllValid = static_cast<ExitCode>(5);

struct VerifyRequest {
    std::filesystem::path input;
    std::optional<std::filesystem::path> trusted; // PEM CA certificates to check chains against
};

// Checks every signature of the PDF and appends a report for people to `report` (one block per
// signature, then a summary line). Exit code: Success when there is at least one signature and
// all are valid; kExitNotAllValid otherwise; InputError/IoError when the file cannot be read.
JobResult verify(const VerifyRequest& request, std::string& report);

} // namespace formpdf::app
