#pragma once

#include <string>

namespace formpdf {

// Where a value came from, for diagnostics. line and col are 1-based; 0 means "unknown"
// (a whole-file problem such as a missing file has line 0).
struct SourceLoc {
    std::string file;
    int line = 0;
    int col = 0;

    bool operator==(const SourceLoc&) const = default;
};

} // namespace formpdf
