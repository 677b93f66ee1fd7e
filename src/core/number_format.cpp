#include "core/number_format.h"

#include <charconv>
#include <cmath>

namespace formpdf {

void append_number(std::string& out, double value, int max_decimals) {
    if (!std::isfinite(value)) {
        out += '0'; // PDF has no NaN or infinity; a bug upstream, but never write garbage
        return;
    }
    const double scale = std::pow(10.0, max_decimals);
    double rounded = std::round(value * scale) / scale;
    if (rounded == 0) {
        rounded = 0; // drop the sign of -0
    }
    char buf[64];
    auto result =
        std::to_chars(buf, buf + sizeof buf, rounded, std::chars_format::fixed, max_decimals);
    char* end = result.ptr;
    if (max_decimals > 0) {
        while (end > buf && end[-1] == '0') {
            --end;
        }
        if (end > buf && end[-1] == '.') {
            --end;
        }
    }
    out.append(buf, end);
}

std::string format_number(double value, int max_decimals) {
    std::string out;
    append_number(out, value, max_decimals);
    return out;
}

} // namespace formpdf
