// append_number's integer fast path must write exactly what the general algorithm writes.

#include "core/number_format.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>

namespace formpdf {
namespace {

// The algorithm append_number had before its fast path, kept verbatim as the reference.
std::string reference_format(double value, int max_decimals) {
    if (!std::isfinite(value)) {
        return "0";
    }
    const double scale = std::pow(10.0, max_decimals);
    double rounded = std::round(value * scale) / scale;
    if (rounded == 0) {
        rounded = 0;
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
    return std::string(buf, end);
}

// Appends after existing text, as the content builders do.
std::string appended(double value, int max_decimals) {
    std::string out = "x";
    append_number(out, value, max_decimals);
    return out.substr(1);
}

struct FastPathCase {
    double value;
    int decimals;
    const char* expected;
};

class NumberFastPathTest : public ::testing::TestWithParam<FastPathCase> {};

TEST_P(NumberFastPathTest, MatchesTheReference) {
    const FastPathCase& c = GetParam();
    EXPECT_EQ(appended(c.value, c.decimals), c.expected);
    EXPECT_EQ(reference_format(c.value, c.decimals), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    EdgeCases, NumberFastPathTest,
    ::testing::Values(
        FastPathCase{0, 0, "0"}, FastPathCase{-0.0, 0, "0"}, FastPathCase{-0.0004, 3, "0"},
        FastPathCase{-0.4, 0, "0"}, FastPathCase{-0.5, 0, "-1"}, FastPathCase{0.5, 0, "1"},
        FastPathCase{2.5, 0, "3"}, FastPathCase{-2.5, 0, "-3"}, FastPathCase{0.0005, 3, "0.001"},
        FastPathCase{-0.0005, 3, "-0.001"}, FastPathCase{1.0005, 3, "1.001"},
        FastPathCase{0.001, 3, "0.001"}, FastPathCase{-0.001, 3, "-0.001"},
        FastPathCase{0.1, 1, "0.1"}, FastPathCase{0.10, 6, "0.1"}, FastPathCase{100, 3, "100"},
        FastPathCase{-100, 3, "-100"}, FastPathCase{1000.0001, 3, "1000"},
        FastPathCase{595.27559, 3, "595.276"}, FastPathCase{841.889764, 2, "841.89"},
        FastPathCase{0.123456789, 6, "0.123457"}, FastPathCase{-0.0000005, 6, "-0.000001"},
        FastPathCase{-0.0000004, 6, "0"}, FastPathCase{12.5, 1, "12.5"},
        FastPathCase{12.25, 1, "12.3"}, FastPathCase{1e9, 2, "1000000000"},
        FastPathCase{123456789012.345, 3, "123456789012.345"},
        FastPathCase{-999999999999.9995, 3, "-1000000000000"},
        FastPathCase{1e15, 0, "1000000000000000"}, // at the fast-path bound: general path
        FastPathCase{1e20, 3, "99999999999999983616"} /* 1e23 / 1e3 */,
        FastPathCase{-1e20, 0, "-100000000000000000000"},
        FastPathCase{4503599627370495.0, 0, "4503599627370495"},
        FastPathCase{999999999999999.5, 0, "1000000000000000"}, // just inside the bound
        FastPathCase{-999999999999999.5, 0, "-1000000000000000"},
        FastPathCase{0.49999999999999994, 0, "0"}, // the largest double below one half
        FastPathCase{-0.49999999999999994, 0, "0"},
        FastPathCase{std::numeric_limits<double>::quiet_NaN(), 3, "0"},
        FastPathCase{std::numeric_limits<double>::infinity(), 3, "0"},
        FastPathCase{-std::numeric_limits<double>::infinity(), 3, "0"}));

TEST(NumberFastPath, EveryDecimalCountAgreesOnTypicalValues) {
    const double values[] = {0,       1,       -1,      0.5,        -0.5,        0.05,
                             0.0005,  -0.0005, 0.00049, 1.23456789, -1.23456789, 595.275590551,
                             841.889, 9.995,   -9.995,  0.015,      99999.99995, 1e-7};
    for (int decimals = 0; decimals <= 10; ++decimals) {
        for (double value : values) {
            EXPECT_EQ(appended(value, decimals), reference_format(value, decimals))
                << value << " with " << decimals << " decimals";
        }
    }
}

// ~1e6 values over the ranges the PDF stage writes (coordinates, colours, TJ adjustments) and
// beyond, at every decimal count 0..6, plus values exactly at and near .5 ulps of the rounding.
TEST(NumberFastPath, RandomValuesAgreeWithTheReference) {
    std::mt19937_64 random(20240611);
    std::uniform_real_distribution<double> page(-2000.0, 2000.0);
    std::uniform_real_distribution<double> unit(-1.0, 1.0);
    std::uniform_int_distribution<int> exponent(-12, 18);
    std::uniform_int_distribution<int> decimals_of(0, 6);
    std::uniform_int_distribution<long long> integers(-2000000000LL, 2000000000LL);
    int mismatches = 0;
    for (int i = 0; i < 1000000 && mismatches < 10; ++i) {
        const int decimals = decimals_of(random);
        double value = 0;
        switch (i % 4) {
        case 0:
            value = page(random);
            break;
        case 1:
            value = unit(random) * std::pow(10.0, exponent(random));
            break;
        case 2: // a tie at this decimal count, or one step either side
            value = (static_cast<double>(integers(random)) + 0.5) / std::pow(10.0, decimals);
            value = std::nextafter(value, (i / 4) % 3 == 0   ? -INFINITY
                                          : (i / 4) % 3 == 1 ? INFINITY
                                                             : value);
            break;
        default: // a short decimal, as layout arithmetic produces
            value = static_cast<double>(integers(random)) / 1000.0;
            break;
        }
        const std::string fast = appended(value, decimals);
        const std::string expected = reference_format(value, decimals);
        if (fast != expected) {
            ++mismatches;
            ADD_FAILURE() << "value " << value << " decimals " << decimals << ": " << fast
                          << " != " << expected;
        }
    }
    EXPECT_EQ(mismatches, 0);
}

} // namespace
} // namespace formpdf
