#pragma once

#include <cstdint>
#include <string>

namespace formpdf {

// A moment as the people who read it see it: in the machine's time zone (TZ, /etc/localtime), with
// its offset from UTC. For times shown to people (a visible signature's date, `verify`'s signing
// time); the PDF's own dates (/M, /CreationDate, XMP) carry their offset and stay as they are.
struct LocalTime {
    int year = 1970;
    unsigned month = 1; // 1-12
    unsigned day = 1;   // 1-31
    unsigned hour = 0;
    unsigned minute = 0;
    unsigned second = 0;
    int offset_seconds = 0; // east of UTC: +28800 for Beijing time
};

// Reads the time zone (localtime_r); falls back to UTC when the moment cannot be converted.
LocalTime local_time(std::int64_t unix_seconds);

// "2026-12-08"
std::string local_date_text(const LocalTime& time);

// "2026-12-08 07:30:00 +08:00"
std::string local_time_text(const LocalTime& time);

} // namespace formpdf
