#pragma once

#include <cstdint>

namespace formpdf {

// A moment split into its UTC calendar fields, for the date formats of PDF (D:…), XMP (ISO 8601)
// and reports. Never reads the clock or the time zone.
struct UtcTime {
    int year = 1970;
    unsigned month = 1; // 1-12
    unsigned day = 1;   // 1-31
    unsigned hour = 0;
    unsigned minute = 0;
    unsigned second = 0;
};

UtcTime utc_time(std::int64_t unix_seconds);

} // namespace formpdf
