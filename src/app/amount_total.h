#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace formpdf::app {

// The 合计 of a column of amounts as written ("1,866.00", "0.5", "-12"), added exactly in decimal
// (never through a double, which would print 0.30000000000000004 for 0.1 + 0.2), written with as
// many decimals as the most precise amount and with thousands separators when any amount has
// them. Empty amounts are left out; all empty gives "". Nothing when an amount is not a number or
// the total does not fit in 18 digits: a 合计 that is not exact is not printed.
std::optional<std::string> amount_total(const std::vector<std::string>& amounts);

// An amount's value for ordering: units of 10^-decimals with the decimals given, or nothing when
// the text is not an amount as amount_total() reads it (or does not fit).
std::optional<long long> amount_value(std::string_view text, int decimals);

// The decimals written in an amount ("1,866.00": 2), or nothing when it is not an amount.
std::optional<int> amount_decimals(std::string_view text);

} // namespace formpdf::app
