#include "core/utc_time.h"

#include <chrono>

namespace formpdf {

UtcTime utc_time(std::int64_t unix_seconds) {
    using namespace std::chrono;
    const sys_seconds time{seconds{unix_seconds}};
    const sys_days day = floor<days>(time);
    const year_month_day date{day};
    const hh_mm_ss clock{time - day};
    return UtcTime{static_cast<int>(date.year()),
                   static_cast<unsigned>(date.month()),
                   static_cast<unsigned>(date.day()),
                   static_cast<unsigned>(clock.hours().count()),
                   static_cast<unsigned>(clock.minutes().count()),
                   static_cast<unsigned>(clock.seconds().count())};
}

} // namespace formpdf
