#pragma once

#include <cstdint>
#include <string>

namespace formpdf::pdf {

// A PDF date string (PDF 32000-1 7.9.4) in UTC for seconds since the Unix epoch:
// pdf_date(0) == "D:19700101000000+00'00'". Pure: never reads the clock or the time zone.
std::string pdf_date(std::int64_t unix_seconds);

} // namespace formpdf::pdf
