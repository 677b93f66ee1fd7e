#include "app/progress.h"

#include "core/messages.h"
#include "core/terminal_text.h"

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <cstring>

namespace formpdf::app {

Progress::Progress(std::ostream& out, std::size_t total, bool enabled)
    : Progress(out, total, enabled, escapes_allowed(std::getenv("TERM"), std::getenv("NO_COLOR"))) {
}

Progress::Progress(std::ostream& out, std::size_t total, bool enabled, bool escapes)
    : out_(out), total_(total), enabled_(enabled && total > 0), escapes_(escapes),
      start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

Progress::~Progress() {
    clear();
}

void Progress::update(std::size_t done, const std::string& current) {
    if (!enabled_) {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    const auto interval = std::chrono::milliseconds(escapes_ ? 100 : 1000);
    if (shown_ && done < total_ && now - last_draw_ < interval) {
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
        line += " · ";
        line += tr("{0} forms/s", {std::to_string(static_cast<long>(std::lround(rate)))});
        line += " · ";
        line += tr("{0} s left",
                   {std::to_string(static_cast<long>(std::ceil((total_ - done) / rate)))});
    }
    if (!escapes_) {
        out_ << line << '\n' << std::flush; // one plain line per update: no redraw, no escapes
        shown_ = true;
        return;
    }
    // \r to the line start, the text, then erase whatever a longer previous line left.
    out_ << '\r' << line << "\x1b[K" << std::flush;
    shown_ = true;
}

void Progress::clear() {
    if (shown_ && !escapes_) {
        shown_ = false;
        return;
    }
    if (shown_) {
        out_ << "\r\x1b[K" << std::flush;
        shown_ = false;
    }
}

bool escapes_allowed(const char* term, const char* no_color) {
    if (no_color != nullptr && no_color[0] != '\0') {
        return false;
    }
    return term != nullptr && term[0] != '\0' && std::strcmp(term, "dumb") != 0;
}

bool output_is_terminal() {
    return isatty(STDOUT_FILENO) == 1 && isatty(STDERR_FILENO) == 1;
}

} // namespace formpdf::app
