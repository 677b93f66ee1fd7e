#include "app/amount_total.h"

namespace formpdf::app {

namespace {

constexpr long long kLimit = 999'999'999'999'999'999LL; // 18 digits

// An amount as written: an optional '-' or '+', ASCII digits (optionally grouped by ',' in
// threes), optionally '.' and more digits.
struct ParsedAmount {
    bool negative = false;
    std::string whole;    // digits, separators removed
    std::string fraction; // digits after the '.'
    bool grouped = false; // written with thousands separators
};

std::optional<ParsedAmount> parse(std::string_view text) {
    ParsedAmount amount;
    std::size_t i = 0;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
        amount.negative = text[i] == '-';
        ++i;
    }
    std::size_t group = 0; // digits since the last ','
    for (; i < text.size() && text[i] != '.'; ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            amount.whole += c;
            ++group;
        } else if (c == ',' && !amount.whole.empty() &&
                   (!amount.grouped ? group <= 3 : group == 3)) {
            amount.grouped = true;
            group = 0;
        } else {
            return std::nullopt;
        }
    }
    if (amount.whole.empty() || (amount.grouped && group != 3)) {
        return std::nullopt;
    }
    if (i < text.size()) {
        for (++i; i < text.size(); ++i) {
            if (text[i] < '0' || text[i] > '9') {
                return std::nullopt;
            }
            amount.fraction += text[i];
        }
        if (amount.fraction.empty()) {
            return std::nullopt;
        }
    }
    return amount;
}

// The value in units of 10^-decimals (decimals at least the amount's own).
std::optional<long long> scaled(const ParsedAmount& amount, int decimals) {
    std::string digits = amount.whole + amount.fraction;
    digits.append(static_cast<std::size_t>(decimals) - amount.fraction.size(), '0');
    long long value = 0;
    for (const char c : digits) {
        if (value > (kLimit - (c - '0')) / 10) {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    return amount.negative ? -value : value;
}

std::string grouped(const std::string& digits) {
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) {
            out += ',';
        }
        out += digits[i];
    }
    return out;
}

} // namespace

std::optional<int> amount_decimals(std::string_view text) {
    const std::optional<ParsedAmount> amount = parse(text);
    return amount ? std::optional<int>(static_cast<int>(amount->fraction.size())) : std::nullopt;
}

std::optional<long long> amount_value(std::string_view text, int decimals) {
    const std::optional<ParsedAmount> amount = parse(text);
    if (!amount || static_cast<int>(amount->fraction.size()) > decimals) {
        return std::nullopt;
    }
    return scaled(*amount, decimals);
}

std::optional<std::string> amount_total(const std::vector<std::string>& amounts) {
    std::vector<ParsedAmount> parsed;
    int decimals = 0;
    bool any_grouped = false;
    for (const std::string& text : amounts) {
        if (text.empty()) {
            continue;
        }
        std::optional<ParsedAmount> amount = parse(text);
        if (!amount) {
            return std::nullopt;
        }
        decimals = std::max(decimals, static_cast<int>(amount->fraction.size()));
        any_grouped = any_grouped || amount->grouped;
        parsed.push_back(std::move(*amount));
    }
    if (parsed.empty()) {
        return std::string();
    }
    if (decimals > 17) {
        return std::nullopt;
    }
    long long total = 0;
    for (const ParsedAmount& amount : parsed) {
        const std::optional<long long> value = scaled(amount, decimals);
        if (!value || (*value > 0 && total > kLimit - *value) ||
            (*value < 0 && total < -kLimit - *value)) {
            return std::nullopt;
        }
        total += *value;
    }
    std::string digits = std::to_string(total < 0 ? -total : total);
    if (digits.size() <= static_cast<std::size_t>(decimals)) {
        digits.insert(0, static_cast<std::size_t>(decimals) + 1 - digits.size(), '0');
    }
    const std::string whole = digits.substr(0, digits.size() - static_cast<std::size_t>(decimals));
    std::string out = total < 0 ? "-" : "";
    out += any_grouped ? grouped(whole) : whole;
    if (decimals > 0) {
        out += '.';
        out += digits.substr(whole.size());
    }
    return out;
}

} // namespace formpdf::app
