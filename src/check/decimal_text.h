#pragma once

#include <optional>
#include <string_view>

namespace formpdf::check {

// An amount as written in the forms: ASCII digits, optionally grouped by thousands with ','
// ("2,351.10"), and exactly `decimals` digits after a '.', no sign. Its value in units of the last
// decimal (235110 for "2,351.10" with 2 decimals), so that amounts compare exactly; nothing when
// the text is not such an amount or too large to hold.
std::optional<long long> parse_amount(std::string_view text, int decimals);

// What a form accepts as an amount (a field of `kind: amount`, docs/declaration-format.md).
struct AmountShape {
    int min_decimals = 2;
    int max_decimals = 2;
    std::string_view unit;         // may follow the number, after optional spaces ("12,000.00元")
    bool thousands_allowed = true; // 2,351.10
    bool thousands_required = false; // 1,000 and more must be grouped
};

// An amount's value in units of its last decimal, and how many decimals it was written with.
struct DecimalAmount {
    long long units = 0;
    int decimals = 0;
};

// The amount `text` holds, if it has the shape.
std::optional<DecimalAmount> parse_amount(std::string_view text, const AmountShape& shape);

// Whether a is greater than b, exactly, whatever their decimals; nothing when scaling overflows.
std::optional<bool> amount_greater(const DecimalAmount& a, const DecimalAmount& b);

// A whole number of ASCII digits without sign or separators ("3"); nothing otherwise.
std::optional<long long> parse_whole_number(std::string_view text);

} // namespace formpdf::check
