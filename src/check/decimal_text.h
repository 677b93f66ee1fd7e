#pragma once

#include <optional>
#include <string_view>

namespace formpdf::check {

// An amount as written in the forms: ASCII digits, optionally grouped by thousands with ','
// ("2,351.10"), and exactly `decimals` digits after a '.', no sign. Its value in units of the last
// decimal (235110 for "2,351.10" with 2 decimals), so that amounts compare exactly; nothing when
// the text is not such an amount or too large to hold.
std::optional<long long> parse_amount(std::string_view text, int decimals);

// A whole number of ASCII digits without sign or separators ("3"); nothing otherwise.
std::optional<long long> parse_whole_number(std::string_view text);

} // namespace formpdf::check
