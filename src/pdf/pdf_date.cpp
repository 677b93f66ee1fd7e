#include "pdf/pdf_date.h"

#include "core/utc_time.h"

#include <cstdio>

namespace formpdf::pdf {

std::string pdf_date(std::int64_t unix_seconds) {
    const UtcTime t = utc_time(unix_seconds);
    char buf[64];
    std::snprintf(buf, sizeof buf, "D:%04d%02u%02u%02u%02u%02u+00'00'", t.year, t.month, t.day,
                  t.hour, t.minute, t.second);
    return buf;
}

} // namespace formpdf::pdf
