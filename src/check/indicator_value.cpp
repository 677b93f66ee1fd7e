#include "check/indicator_value.h"

#include "core/utf8.h"

#include <algorithm>
#include <vector>

namespace formpdf::check {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

std::string_view trim_spaces(std::string_view text) {
    const auto is_space = [](std::string_view rest, bool front) {
        if (rest.empty()) {
            return std::size_t{0};
        }
        if ((front ? rest.front() : rest.back()) == ' ') {
            return std::size_t{1};
        }
        const std::string_view ideographic = "\u3000";
        if (front ? rest.starts_with(ideographic) : rest.ends_with(ideographic)) {
            return ideographic.size();
        }
        return std::size_t{0};
    };
    while (const std::size_t n = is_space(text, true)) {
        text.remove_prefix(n);
    }
    while (const std::size_t n = is_space(text, false)) {
        text.remove_suffix(n);
    }
    return text;
}

std::vector<std::string_view> split_alternatives(std::string_view text,
                                                 const std::vector<std::string>& separators) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto separator =
            std::find_if(separators.begin(), separators.end(), [&](const std::string& s) {
                return !s.empty() && text.substr(pos).starts_with(s);
            });
        if (separator != separators.end()) {
            parts.push_back(text.substr(start, pos - start));
            pos += separator->size();
            start = pos;
        } else {
            ++pos;
        }
    }
    parts.push_back(text.substr(start));
    return parts;
}

// The unit after a number: a few characters, no digits, no spaces ("人", "%", "个系统", "小时内").
bool is_unit(std::string_view unit, int max_chars) {
    std::size_t pos = 0;
    char32_t cp = 0;
    int count = 0;
    while (pos < unit.size()) {
        if (!decode_utf8(unit, pos, cp) || (cp >= '0' && cp <= '9') || cp == ' ' || cp == 0x3000 ||
            cp < 0x20) {
            return false;
        }
        ++count;
    }
    return count > 0 && count <= max_chars;
}

enum class PartShape { Measured, NumberOnly, Other };

PartShape classify_part(std::string_view part, const load::IndicatorValueGrammar& grammar) {
    part = trim_spaces(part);
    std::size_t longest = 0;
    for (const std::string& comparator : grammar.comparators) {
        if (comparator.size() > longest && part.starts_with(comparator)) {
            longest = comparator.size();
        }
    }
    part = trim_spaces(part.substr(longest));
    std::size_t end = 0;
    while (end < part.size() && (is_digit(part[end]) || part[end] == ',' || part[end] == '.')) {
        ++end;
    }
    if (end == 0 || !is_digit(part.front()) || !is_digit(part[end - 1])) {
        return PartShape::Other;
    }
    const std::string_view unit = part.substr(end);
    if (unit.empty()) {
        return PartShape::NumberOnly;
    }
    return is_unit(unit, grammar.max_unit_chars) ? PartShape::Measured : PartShape::Other;
}

} // namespace

IndicatorValueShape classify_indicator_value(std::string_view text,
                                             const load::IndicatorValueGrammar& grammar) {
    const std::string_view trimmed = trim_spaces(text);
    if (std::find(grammar.qualitative.begin(), grammar.qualitative.end(), trimmed) !=
        grammar.qualitative.end()) {
        return IndicatorValueShape::Qualitative;
    }
    const std::vector<std::string_view> parts = split_alternatives(trimmed, grammar.alternatives);
    if (parts.size() == 1) {
        switch (classify_part(parts[0], grammar)) {
        case PartShape::Measured:
            return IndicatorValueShape::Measured;
        case PartShape::NumberOnly:
            return IndicatorValueShape::NumberWithoutUnit;
        case PartShape::Other:
            return IndicatorValueShape::Other;
        }
    }
    const bool all_measured = std::all_of(parts.begin(), parts.end(), [&](std::string_view part) {
        return classify_part(part, grammar) == PartShape::Measured;
    });
    return all_measured ? IndicatorValueShape::Measured : IndicatorValueShape::Other;
}

} // namespace formpdf::check
