#include "app/progress.h"

#include "core/terminal_text.h"

#include <unistd.h>

#include <cmath>

namespace formpdf::app {

Progress::Progress(std::ostream& out, std::size_t total, bool enabled)
    : out_(out), total_(total), enabled_(enabled && total > 0),
      start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

Progress::~Progress() {
    clear();
}

void Progress::update(std::size_t done, const std::string& current) {
    if (!enabled_) {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (shown_ && done < total_ && now - last_draw_ < std::chrono::milliseconds(100)) {
        return;
    }
    last_draw_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
    // Appended piece by piece: "[" + std::to_string(...) trips GCC 12's -Wrestrict.
    std::string line = "[";
    line += std::to_string(done);
    line += '/';
    line += std::to_string(total_);
    line += "] ";
    line += std::to_string(done * 100 / total_);
    line += "% ";
    line += terminal_safe(current); // a form's code and name, from the declaration
    if (rate > 0) {
        line += " · " + std::to_string(static_cast<long>(std::lround(rate))) + " forms/s · " +
                std::to_string(static_cast<long>(std::ceil((total_ - done) / rate))) + " s left";
    }
    // \r to the line start, the text, then erase whatever a longer previous line left.
    out_ << '\r' << line << "\x1b[K" << std::flush;
    shown_ = true;
}

void Progress::clear() {
    if (shown_) {
        out_ << "\r\x1b[K" << std::flush;
        shown_ = false;
    }
}

bool output_is_terminal() {
    return isatty(STDOUT_FILENO) == 1 && isatty(STDERR_FILENO) == 1;
}

} // namespace formpdf::app
