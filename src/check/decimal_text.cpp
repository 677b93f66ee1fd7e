#include "check/decimal_text.h"

#include <algorithm>
#include <limits>
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

std::optional<DecimalAmount> parse_amount(std::string_view text, const AmountShape& shape) {
    if (!shape.unit.empty() && text.ends_with(shape.unit)) {
        text.remove_suffix(shape.unit.size());
        while (text.ends_with(' ')) {
            text.remove_suffix(1);
        }
    }
    const std::size_t point = text.find('.');
    const std::string_view whole = text.substr(0, point);
    const std::size_t decimals = point == std::string_view::npos ? 0 : text.size() - point - 1;
    if (point != std::string_view::npos && decimals == 0) {
        return std::nullopt; // "12." is not an amount
    }
    if (decimals < static_cast<std::size_t>(shape.min_decimals) ||
        decimals > static_cast<std::size_t>(shape.max_decimals)) {
        return std::nullopt;
    }
    const bool grouped = whole.find(',') != std::string_view::npos;
    if ((grouped && !shape.thousands_allowed) ||
        (!grouped && shape.thousands_required && whole.size() > 3)) {
        return std::nullopt;
    }
    const auto units = parse_amount(text, static_cast<int>(decimals));
    if (!units) {
        return std::nullopt;
    }
    return DecimalAmount{*units, static_cast<int>(decimals)};
}

std::optional<bool> amount_greater(const DecimalAmount& a, const DecimalAmount& b) {
    const int decimals = std::max(a.decimals, b.decimals);
    const auto scaled = [&](const DecimalAmount& amount) -> std::optional<long long> {
        long long units = amount.units;
        for (int i = amount.decimals; i < decimals; ++i) {
            if (units > std::numeric_limits<long long>::max() / 10) {
                return std::nullopt;
            }
            units *= 10;
        }
        return units;
    };
    const auto scaled_a = scaled(a);
    const auto scaled_b = scaled(b);
    if (!scaled_a || !scaled_b) {
        return std::nullopt;
    }
    return *scaled_a > *scaled_b;
}

std::optional<long long> parse_whole_number(std::string_view text) {
    return all_digits(text) ? to_number(text) : std::nullopt;
}

} // namespace formpdf::check
