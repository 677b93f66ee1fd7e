#pragma once

#include "app/job_result.h"

#include <filesystem>
#include <string>
#include <vector>

namespace formpdf::app {

struct CheckRequest {
    // Declaration files, and folders whose *.yaml/*.yml files (recursively) are checked.
    std::vector<std::filesystem::path> inputs;
    std::vector<std::filesystem::path> layout_dirs; // searched for <form id>.yaml, in order
};

struct CheckResult {
    // Findings in file order (files sorted by path), then in the order of each file. Exit code:
    // errors → InputError (2), warnings only → Warnings (3), else Success (0; notes do not count);
    // IoError (4) when a file could not be read.
    JobResult job;
    int files = 0;
    int declarations = 0;
};

// Loads every declaration and checks it against its form (docs/check.md). Reads only.
CheckResult check(const CheckRequest& request);

// "formpdf check: 41 declarations in 41 files: 3 errors, 12 warnings, 20 notes"
std::string check_summary(const CheckResult& result);

} // namespace formpdf::app
