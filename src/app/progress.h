#pragma once

#include <chrono>
#include <cstddef>
#include <ostream>
#include <string>

namespace formpdf::app {

// One status line for a long batch, redrawn in place on a terminal:
//   [ 1234/4100] 30% 440304221061500500012 疫情防控 · 512 forms/s · 6 s left
// Disabled (prints nothing at all) when the stream is not a terminal or with --quiet, so logs and
// pipes never see it. Redraws at most ten times a second. On a terminal that takes no escape
// sequences (TERM=dumb, TERM unset, or NO_COLOR set: see escapes_allowed) it writes plain lines
// instead, at most one a second, with no escape sequence. Not thread-safe: one caller.
class Progress {
public:
    Progress(std::ostream& out, std::size_t total, bool enabled);
    Progress(std::ostream& out, std::size_t total, bool enabled, bool escapes);
    ~Progress(); // clears the line

    void update(std::size_t done, const std::string& current);
    void clear();

private:
    std::ostream& out_;
    std::size_t total_;
    bool enabled_;
    bool escapes_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_draw_;
};

// Whether the terminal may be sent escape sequences (the line redrawn in place): not when TERM is
// unset or "dumb", nor when NO_COLOR is set (https://no-color.org: a user who asks for no colour
// asks for plain text).
bool escapes_allowed(const char* term, const char* no_color);

// Whether both stdout and stderr are terminals: a redirected summary or log means no progress.
bool output_is_terminal();

} // namespace formpdf::app
