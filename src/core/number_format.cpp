#include "core/number_format.h"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace formpdf {
namespace {

// Exact powers of ten (every one up to 10^22 is a double); equal to std::pow(10.0, d).
constexpr double kPowersOfTen[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
constexpr int kMaxFastDecimals = 9;

// Below 2^52 an integer n divided by 10^d gives a double within half an ulp < 0.5 * 10^-d of
// n / 10^d, so printing that double with d decimals writes exactly the digits of n: the integer
// path below agrees with the general one. 1e15 leaves a margin.
constexpr double kMaxFastScaled = 1e15;

// The general path: round to max_decimals, print fixed, trim. Slow (std::pow, std::to_chars of
// a double) but defined for any finite value.
void append_number_general(std::string& out, double value, int max_decimals) {
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

// std::round for |x| < 2^52, without a libm call: the cast truncates, and x minus its truncation
// is exact, so comparing it with 0.5 rounds halves away from zero exactly as std::round does.
long long round_half_away(double x) {
    long long truncated = static_cast<long long>(x);
    const double fraction = x - static_cast<double>(truncated);
    if (fraction >= 0.5) {
        ++truncated;
    } else if (fraction <= -0.5) {
        --truncated;
    }
    return truncated;
}

// `magnitude` / 10^decimals written in decimal, trailing fractional zeros already removed by
// the caller, so the last digit written is never a zero after the point.
void append_scaled_integer(std::string& out, bool negative, std::uint64_t magnitude, int decimals) {
    char buf[32];
    char* end = buf + sizeof buf;
    char* begin = end;
    for (int i = 0; i < decimals; ++i) {
        *--begin = static_cast<char>('0' + magnitude % 10);
        magnitude /= 10;
    }
    if (decimals > 0) {
        *--begin = '.';
    }
    do {
        *--begin = static_cast<char>('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0);
    if (negative) {
        *--begin = '-';
    }
    out.append(begin, end);
}

} // namespace

void append_number(std::string& out, double value, int max_decimals) {
    if (!std::isfinite(value)) {
        out += '0'; // PDF has no NaN or infinity; a bug upstream, but never write garbage
        return;
    }
    // Fast path for the numbers a page holds (coordinates, colours, sizes): the same rounding,
    // std::round(value * 10^d), done in a 64-bit integer and its digits written by hand. It runs
    // ~10x fewer instructions than std::pow plus std::to_chars, and writes the same bytes.
    if (max_decimals >= 0 && max_decimals <= kMaxFastDecimals) {
        const double scaled = value * kPowersOfTen[max_decimals];
        if (scaled < kMaxFastScaled && scaled > -kMaxFastScaled) {
            const long long rounded = round_half_away(scaled);
            if (rounded == 0) {
                out += '0'; // never "-0"
                return;
            }
            std::uint64_t magnitude = rounded < 0 ? static_cast<std::uint64_t>(-rounded)
                                                  : static_cast<std::uint64_t>(rounded);
            int decimals = max_decimals;
            while (decimals > 0 && magnitude % 10 == 0) {
                magnitude /= 10;
                --decimals;
            }
            append_scaled_integer(out, rounded < 0, magnitude, decimals);
            return;
        }
    }
    append_number_general(out, value, max_decimals);
}

std::string format_number(double value, int max_decimals) {
    std::string out;
    append_number(out, value, max_decimals);
    return out;
}

} // namespace formpdf
