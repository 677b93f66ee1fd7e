#include "pdf/pdf_date.h"

#include <chrono>
#include <cstdio>

namespace formpdf::pdf {

std::string pdf_date(std::int64_t unix_seconds) {
    using namespace std::chrono;
    const sys_seconds time{seconds{unix_seconds}};
    const sys_days day = floor<days>(time);
    const year_month_day date{day};
    const hh_mm_ss clock{time - day};
    char buf[64];
    std::snprintf(buf, sizeof buf, "D:%04d%02u%02u%02ld%02ld%02ld+00'00'",
                  static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()), static_cast<long>(clock.hours().count()),
                  static_cast<long>(clock.minutes().count()),
                  static_cast<long>(clock.seconds().count()));
    return buf;
}

} // namespace formpdf::pdf
