#include "check/decimal_text.h"

#include <algorithm>
#include <string>

namespace formpdf::check {

namespace {

bool all_digits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// More digits than this could overflow a long long once scaled.
constexpr std::size_t kMaxDigits = 17;

std::optional<long long> to_number(std::string_view digits) {
    if (digits.size() > kMaxDigits) {
        return std::nullopt;
    }
    long long value = 0;
    for (const char c : digits) {
        value = value * 10 + (c - '0');
    }
    return value;
}

// "2,351" or "2351": the digits without separators, if the grouping is right.
std::optional<std::string> integer_digits(std::string_view text) {
    if (text.find(',') == std::string_view::npos) {
        return all_digits(text) ? std::optional<std::string>(std::string(text)) : std::nullopt;
    }
    std::string digits;
    std::size_t start = 0;
    bool first = true;
    while (true) {
        const std::size_t comma = text.find(',', start);
        const std::string_view group = text.substr(start, comma - start);
        if (!all_digits(group) || (first ? group.size() > 3 : group.size() != 3)) {
            return std::nullopt;
        }
        digits += group;
        first = false;
        if (comma == std::string_view::npos) {
            return digits;
        }
        start = comma + 1;
    }
}

} // namespace

std::optional<long long> parse_amount(std::string_view text, int decimals) {
    const std::size_t point = text.find('.');
    const std::string_view whole = text.substr(0, point);
    const std::string_view fraction =
        point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
    if ((point == std::string_view::npos) != (decimals == 0) ||
        fraction.size() != static_cast<std::size_t>(decimals) ||
        (decimals > 0 && !all_digits(fraction))) {
        return std::nullopt;
    }
    const std::optional<std::string> digits = integer_digits(whole);
    if (!digits) {
        return std::nullopt;
    }
    return to_number(*digits + std::string(fraction));
}

std::optional<long long> parse_whole_number(std::string_view text) {
    return all_digits(text) ? to_number(text) : std::nullopt;
}

} // namespace formpdf::check
