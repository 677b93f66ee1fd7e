#pragma once

#include "app/job_result.h"

#include <filesystem>
#include <optional>
#include <string>

namespace formpdf::app {

struct VerifyRequest {
    std::filesystem::path input;
    std::optional<std::filesystem::path> trusted; // PEM CA certificates to check chains against
};

// Checks every signature of the PDF and appends a report for people to `report` (one block per
// signature, then a summary line). Exit code: Success when there is at least one signature and
// all are valid; ExitCode::NotAllValid otherwise (also with no signature at all);
// InputError/IoError when the file cannot be read.
JobResult verify(const VerifyRequest& request, std::string& report);

} // namespace formpdf::app
