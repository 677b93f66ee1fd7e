// Times shown to people are local, with their offset (issue 19): signed at 07:30 Beijing time on
// 8 December is 2026-12-08, though it is still the 7th in UTC.

#include "core/local_time.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

namespace formpdf {
namespace {

// Sets TZ for the test and puts the previous value back.
class TimeZone {
public:
    explicit TimeZone(const char* zone) {
        if (const char* old = std::getenv("TZ")) {
            old_ = old;
        }
        setenv("TZ", zone, 1);
        tzset();
    }
    ~TimeZone() {
        if (old_) {
            setenv("TZ", old_->c_str(), 1);
        } else {
            unsetenv("TZ");
        }
        tzset();
    }

private:
    std::optional<std::string> old_;
};

constexpr std::int64_t k0730BeijingOn8December = 1796686200; // 2026-12-07T23:30:00Z

TEST(LocalTime, BeijingTimeIsTheNextDayAt0730) {
    const TimeZone zone("Asia/Shanghai");
    const LocalTime t = local_time(k0730BeijingOn8December);
    EXPECT_EQ(local_date_text(t), "2026-12-08");
    EXPECT_EQ(local_time_text(t), "2026-12-08 07:30:00 +08:00");
}

TEST(LocalTime, UtcAndWestOfUtcShowTheirOffset) {
    {
        const TimeZone zone("UTC");
        EXPECT_EQ(local_time_text(local_time(k0730BeijingOn8December)),
                  "2026-12-07 23:30:00 +00:00");
    }
    {
        const TimeZone zone("America/St_Johns"); // -03:30 in December
        EXPECT_EQ(local_time_text(local_time(k0730BeijingOn8December)),
                  "2026-12-07 20:00:00 -03:30");
    }
}

} // namespace
} // namespace formpdf
