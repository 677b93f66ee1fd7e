#include "core/local_time.h"

#include "core/utc_time.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace formpdf {

LocalTime local_time(std::int64_t unix_seconds) {
    const auto seconds = static_cast<std::time_t>(unix_seconds);
    std::tm fields{};
    if (static_cast<std::int64_t>(seconds) == unix_seconds &&
        localtime_r(&seconds, &fields) != nullptr) {
        return LocalTime{fields.tm_year + 1900,
                         static_cast<unsigned>(fields.tm_mon + 1),
                         static_cast<unsigned>(fields.tm_mday),
                         static_cast<unsigned>(fields.tm_hour),
                         static_cast<unsigned>(fields.tm_min),
                         static_cast<unsigned>(fields.tm_sec),
                         static_cast<int>(fields.tm_gmtoff)};
    }
    const UtcTime utc = utc_time(unix_seconds);
    return LocalTime{utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second, 0};
}

std::string local_date_text(const LocalTime& time) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", time.year, time.month, time.day);
    return buffer;
}

std::string local_time_text(const LocalTime& time) {
    const int offset = std::abs(time.offset_seconds);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u %02u:%02u:%02u %c%02d:%02d", time.year,
                  time.month, time.day, time.hour, time.minute, time.second,
                  time.offset_seconds < 0 ? '-' : '+', offset / 3600, offset % 3600 / 60);
    return buffer;
}

} // namespace formpdf
