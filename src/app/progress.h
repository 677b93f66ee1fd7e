#pragma once

#include <chrono>
#include <cstddef>
#include <ostream>
#include <string>

namespace formpdf::app {

// One status line for a long batch, redrawn in place on a terminal:
//   [ 1234/4100] 30% 440304221061500500012 疫情防控 · 512 forms/s · 6 s left
// Disabled (prints nothing at all) when the stream is not a terminal or with --quiet, so logs and
// pipes never see it. Redraws at most ten times a second. Not thread-safe: one caller.
class Progress {
public:
    Progress(std::ostream& out, std::size_t total, bool enabled);
    ~Progress(); // clears the line

    void update(std::size_t done, const std::string& current);
    void clear();

private:
    std::ostream& out_;
    std::size_t total_;
    bool enabled_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_draw_;
};

// Whether both stdout and stderr are terminals: a redirected summary or log means no progress.
bool output_is_terminal();

} // namespace formpdf::app
