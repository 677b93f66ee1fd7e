#include "workbook/number_format.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace formpdf::workbook {

namespace {

std::string to_fixed(double value, int decimals) {
    std::array<char, 400> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                      std::chars_format::fixed, decimals);
    return std::string(buffer.data(), result.ptr);
}

// Rounded as Excel rounds what it shows: to 15 significant digits first, then half away from
// zero (0.125 with two decimals is 0.13).
double round_shown(double value, int decimals) {
    std::array<char, 64> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                      std::chars_format::scientific, 14);
    double fifteen = value;
    std::from_chars(buffer.data(), result.ptr, fifteen);
    const double scale = std::pow(10.0, decimals);
    const double scaled = fifteen * scale;
    if (!std::isfinite(scaled) || std::fabs(scaled) > 9e15) {
        return fifteen;
    }
    // A tiny nudge: 2.675 is 2.67499999… in binary but 2.675 to a person.
    const double nudged = scaled + std::copysign(std::fabs(scaled) * 1e-15, scaled);
    return std::round(nudged) / scale;
}

std::string trim_zeros(std::string digits) {
    if (digits.find('.') != std::string::npos) {
        while (digits.back() == '0') {
            digits.pop_back();
        }
        if (digits.back() == '.') {
            digits.pop_back();
        }
    }
    return digits;
}

std::string scientific(double value, int decimals, int exponent_digits, bool trim) {
    if (value == 0) {
        // Appended piece by piece: GCC 12 warns (-Wrestrict) of "0" + std::string chains.
        std::string zero = "0";
        if (decimals > 0 && !trim) {
            zero += '.';
            zero.append(static_cast<std::size_t>(decimals), '0');
        }
        zero += "E+";
        zero.append(static_cast<std::size_t>(exponent_digits), '0');
        return zero;
    }
    int exponent = static_cast<int>(std::floor(std::log10(std::fabs(value))));
    double mantissa = round_shown(value / std::pow(10.0, exponent), decimals);
    if (std::fabs(mantissa) >= 10) {
        ++exponent;
        mantissa = round_shown(value / std::pow(10.0, exponent), decimals);
    }
    std::string text = to_fixed(mantissa, decimals);
    if (trim) {
        text = trim_zeros(text);
    }
    std::string exponent_text = std::to_string(std::abs(exponent));
    if (static_cast<int>(exponent_text.size()) < exponent_digits) {
        exponent_text.insert(0, static_cast<std::size_t>(exponent_digits) - exponent_text.size(),
                             '0');
    }
    return text + (exponent < 0 ? "E-" : "E+") + exponent_text;
}

// Excel's General: at most 11 characters, else scientific with up to 5 decimals.
std::string general(double value) {
    if (value == 0) {
        return "0";
    }
    const double magnitude = std::fabs(value);
    if (magnitude >= 1e11 || magnitude < 1e-5) {
        return scientific(value, 5, 2, true);
    }
    const int integer_digits = magnitude < 1 ? 1 : static_cast<int>(std::log10(magnitude)) + 1;
    const int decimals = std::max(0, 10 - integer_digits - (value < 0 ? 1 : 0));
    return trim_zeros(to_fixed(round_shown(value, decimals), decimals));
}

// A section's tokens: literal text, or a format character.
struct Token {
    enum Kind { Literal, Digit, Point, Comma, Percent, Exponent, Date, AmPm, At } kind;
    std::string text; // the literal, the digit placeholder ('0', '#', '?'), the date code
};

bool is_date_letter(char c) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return c == 'y' || c == 'm' || c == 'd' || c == 'h' || c == 's' || c == 'e' || c == 'b';
}

std::vector<Token> tokenize(std::string_view code) {
    std::vector<Token> tokens;
    const auto literal = [&](std::string text) {
        if (!tokens.empty() && tokens.back().kind == Token::Literal) {
            tokens.back().text += text;
        } else {
            tokens.push_back(Token{Token::Literal, std::move(text)});
        }
    };
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == '"') {
            const std::size_t end = code.find('"', i + 1);
            literal(std::string(code.substr(
                i + 1, end == std::string_view::npos ? std::string_view::npos : end - i - 1)));
            i = end == std::string_view::npos ? code.size() : end;
        } else if (c == '\\' && i + 1 < code.size()) {
            std::size_t length = 1;
            while (i + 1 + length < code.size() &&
                   (static_cast<unsigned char>(code[i + 1 + length]) & 0xC0) == 0x80) {
                ++length;
            }
            literal(std::string(code.substr(i + 1, length)));
            i += length;
        } else if (c == '_' && i + 1 < code.size()) {
            literal(" "); // the width of the next character
            ++i;
        } else if (c == '*' && i + 1 < code.size()) {
            ++i; // fill: a cell's width, not text
        } else if (c == '[') {
            const std::size_t end = code.find(']', i);
            const std::string_view inside =
                code.substr(i + 1, end == std::string_view::npos ? 0 : end - i - 1);
            if (inside.starts_with('$')) { // [$¥-804]: a currency symbol and a locale
                literal(std::string(inside.substr(1, inside.find('-') - 1)));
            } else if (!inside.empty() && is_date_letter(inside[0])) {
                tokens.push_back(Token{Token::Date, std::string(inside)}); // [h] elapsed
            }
            i = end == std::string_view::npos ? code.size() : end;
        } else if (c == '0' || c == '#' || c == '?') {
            tokens.push_back(Token{Token::Digit, std::string(1, c)});
        } else if (c == '.') {
            tokens.push_back(Token{Token::Point, "."});
        } else if (c == ',') {
            tokens.push_back(Token{Token::Comma, ","});
        } else if (c == '%') {
            tokens.push_back(Token{Token::Percent, "%"});
        } else if ((c == 'E' || c == 'e') && i + 1 < code.size() &&
                   (code[i + 1] == '+' || code[i + 1] == '-')) {
            tokens.push_back(Token{Token::Exponent, std::string(code.substr(i, 2))});
            ++i;
        } else if (code.substr(i).starts_with("AM/PM") || code.substr(i).starts_with("am/pm")) {
            tokens.push_back(Token{Token::AmPm, "AM/PM"});
            i += 4;
        } else if (code.substr(i).starts_with("上午/下午")) {
            tokens.push_back(Token{Token::AmPm, "上午/下午"});
            i += std::string_view("上午/下午").size() - 1;
        } else if (is_date_letter(c)) {
            std::size_t end = i;
            while (end < code.size() && std::tolower(static_cast<unsigned char>(code[end])) ==
                                            std::tolower(static_cast<unsigned char>(c))) {
                ++end;
            }
            std::string run(code.substr(i, end - i));
            std::transform(run.begin(), run.end(), run.begin(),
                           [](char x) { return static_cast<char>(std::tolower(x)); });
            tokens.push_back(Token{Token::Date, run});
            i = end - 1;
        } else if (c == '@') {
            tokens.push_back(Token{Token::At, "@"});
        } else {
            std::size_t length = 1;
            while (i + length < code.size() &&
                   (static_cast<unsigned char>(code[i + length]) & 0xC0) == 0x80) {
                ++length;
            }
            literal(std::string(code.substr(i, length)));
            i += length - 1;
        }
    }
    return tokens;
}

// Splits a format code at its unquoted ';'.
std::vector<std::string_view> sections(std::string_view code) {
    std::vector<std::string_view> parts;
    bool quoted = false;
    std::size_t start = 0;
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (code[i] == '"') {
            quoted = !quoted;
        } else if (code[i] == '\\') {
            ++i;
        } else if (code[i] == ';' && !quoted) {
            parts.push_back(code.substr(start, i - start));
            start = i + 1;
        }
    }
    parts.push_back(code.substr(start));
    return parts;
}

struct CivilTime {
    int year, month, day, hour, minute, second, weekday;
};

CivilTime civil_from_serial(double serial, bool date1904) {
    double days = std::floor(serial);
    double fraction = serial - days;
    long seconds = std::lround(fraction * 86400.0);
    if (seconds >= 86400) {
        days += 1;
        seconds -= 86400;
    }
    long z = static_cast<long>(days);
    long epoch_days = 0; // days since 1970-01-01
    if (date1904) {
        epoch_days = z - 24107; // serial 0 is 1904-01-01
    } else {
        // Serial 1 is 1900-01-01, and 60 the 1900-02-29 that Excel keeps from Lotus 1-2-3.
        if (z == 60) {
            return CivilTime{1900,
                             2,
                             29,
                             static_cast<int>(seconds / 3600),
                             static_cast<int>(seconds / 60 % 60),
                             static_cast<int>(seconds % 60),
                             3};
        }
        epoch_days = (z < 60 ? z + 1 : z) - 25569;
    }
    const long weekday = ((epoch_days % 7) + 7 + 4) % 7; // 1970-01-01 was a Thursday
    epoch_days += 719468;
    const long era = (epoch_days >= 0 ? epoch_days : epoch_days - 146096) / 146097;
    const long doe = epoch_days - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const long day = doy - (153 * mp + 2) / 5 + 1;
    const long month = mp < 10 ? mp + 3 : mp - 9;
    const long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    return CivilTime{static_cast<int>(year),
                     static_cast<int>(month),
                     static_cast<int>(day),
                     static_cast<int>(seconds / 3600),
                     static_cast<int>(seconds / 60 % 60),
                     static_cast<int>(seconds % 60),
                     static_cast<int>(weekday)};
}

std::string two(int n) {
    std::string text = std::to_string(n);
    if (n < 10) {
        text.insert(text.begin(), '0');
    }
    return text;
}

std::string format_date(double serial, const std::vector<Token>& tokens, bool date1904) {
    if (serial < 0 || serial > 2958465) { // 9999-12-31
        return general(serial);
    }
    static constexpr std::array<const char*, 12> kMonths = {
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};
    static constexpr std::array<const char*, 7> kDays = {
        "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    const CivilTime t = civil_from_serial(serial, date1904);
    const bool twelve_hour = std::any_of(tokens.begin(), tokens.end(),
                                         [](const Token& x) { return x.kind == Token::AmPm; });
    std::string out;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& token = tokens[i];
        if (token.kind != Token::Date) {
            if (token.kind == Token::AmPm) {
                const bool pm = t.hour >= 12;
                out += token.text == "AM/PM" ? (pm ? "PM" : "AM") : (pm ? "下午" : "上午");
            } else if (token.kind == Token::Point) {
                out += '.';
            } else {
                out += token.text;
            }
            continue;
        }
        const std::string& code = token.text;
        // m is minutes right after an hour or right before seconds.
        const auto previous_date = [&]() -> const Token* {
            for (std::size_t k = i; k-- > 0;) {
                if (tokens[k].kind == Token::Date) {
                    return &tokens[k];
                }
            }
            return nullptr;
        };
        const auto next_date = [&]() -> const Token* {
            for (std::size_t k = i + 1; k < tokens.size(); ++k) {
                if (tokens[k].kind == Token::Date) {
                    return &tokens[k];
                }
            }
            return nullptr;
        };
        const char kind = code[0];
        if (kind == 'y' || kind == 'e') {
            out += code.size() <= 2 && kind == 'y' ? two(t.year % 100) : std::to_string(t.year);
        } else if (kind == 'm') {
            const Token* before = previous_date();
            const Token* after = next_date();
            const bool minutes = code.size() <= 2 && ((before && before->text[0] == 'h') ||
                                                      (after && after->text[0] == 's'));
            if (minutes) {
                out += code.size() == 2 ? two(t.minute) : std::to_string(t.minute);
            } else if (code.size() == 1) {
                out += std::to_string(t.month);
            } else if (code.size() == 2) {
                out += two(t.month);
            } else if (code.size() == 3) {
                out += std::string(kMonths[static_cast<std::size_t>(t.month - 1)]).substr(0, 3);
            } else {
                out += kMonths[static_cast<std::size_t>(t.month - 1)];
            }
        } else if (kind == 'd') {
            if (code.size() == 1) {
                out += std::to_string(t.day);
            } else if (code.size() == 2) {
                out += two(t.day);
            } else if (code.size() == 3) {
                out += std::string(kDays[static_cast<std::size_t>(t.weekday)]).substr(0, 3);
            } else {
                out += kDays[static_cast<std::size_t>(t.weekday)];
            }
        } else if (kind == 'h') {
            int hour = t.hour;
            if (twelve_hour) {
                hour = hour % 12 == 0 ? 12 : hour % 12;
            }
            if (code == "h" || code == "hh") {
                out += code.size() == 2 ? two(hour) : std::to_string(hour);
            } else { // [h]: elapsed hours
                out += std::to_string(static_cast<long>(std::floor(serial * 24)));
            }
        } else if (kind == 's') {
            out += code.size() >= 2 ? two(t.second) : std::to_string(t.second);
        } else {
            out += code;
        }
    }
    return out;
}

std::string format_numeric(double value, const std::vector<Token>& tokens, bool negative) {
    int percent = 0;
    int integer_zeros = 0;
    int fraction_min = 0;
    int fraction_max = 0;
    int exponent_digits = 0;
    bool has_point = false;
    bool grouping = false;
    bool exponent = false;
    int scale_thousands = 0;
    std::size_t first_placeholder = tokens.size();
    std::size_t last_placeholder = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& token = tokens[i];
        const bool placeholder = token.kind == Token::Digit || token.kind == Token::Point ||
                                 token.kind == Token::Exponent ||
                                 (token.kind == Token::Comma && first_placeholder < i);
        if (placeholder) {
            first_placeholder = std::min(first_placeholder, i);
            last_placeholder = i;
        }
        if (token.kind == Token::Percent) {
            ++percent;
        } else if (token.kind == Token::Point) {
            has_point = true;
        } else if (token.kind == Token::Exponent) {
            exponent = true;
        } else if (token.kind == Token::Comma && !has_point && !exponent) {
            const bool digit_after = i + 1 < tokens.size() && tokens[i + 1].kind == Token::Digit;
            if (digit_after && first_placeholder < i) {
                grouping = true;
            } else if (first_placeholder < i) {
                ++scale_thousands;
            }
        } else if (token.kind == Token::Digit) {
            if (exponent) {
                ++exponent_digits;
            } else if (has_point) {
                ++fraction_max;
                fraction_min += token.text == "0" ? 1 : 0;
            } else {
                integer_zeros += token.text == "0" ? 1 : 0;
            }
        }
    }
    for (int p = 0; p < percent; ++p) {
        value *= 100;
    }
    for (int k = 0; k < scale_thousands; ++k) {
        value /= 1000;
    }
    std::string number;
    if (exponent) {
        number = scientific(value, fraction_max, std::max(exponent_digits, 1), false);
    } else {
        const double rounded = round_shown(value, fraction_max);
        std::string text = to_fixed(std::fabs(rounded), fraction_max);
        std::string integer = text.substr(0, text.find('.'));
        std::string fraction =
            text.find('.') == std::string::npos ? std::string() : text.substr(text.find('.') + 1);
        while (static_cast<int>(fraction.size()) > fraction_min && !fraction.empty() &&
               fraction.back() == '0') {
            fraction.pop_back();
        }
        if (integer == "0" && integer_zeros == 0) {
            integer.clear();
        }
        while (static_cast<int>(integer.size()) < integer_zeros) {
            integer.insert(integer.begin(), '0');
        }
        if (grouping) {
            for (int at = static_cast<int>(integer.size()) - 3; at > 0; at -= 3) {
                integer.insert(static_cast<std::size_t>(at), 1, ',');
            }
        }
        number = integer + (has_point ? "." + fraction : "");
        if (rounded < 0 && !negative) {
            number.insert(number.begin(), '-');
        }
    }
    if (first_placeholder == tokens.size()) { // no digits at all: the literal text only
        first_placeholder = last_placeholder = tokens.size();
    }
    std::string out;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& token = tokens[i];
        if (i == first_placeholder) {
            out += number;
        }
        if (i >= first_placeholder && i <= last_placeholder) {
            continue;
        }
        if (token.kind == Token::Literal || token.kind == Token::Percent) {
            out += token.text;
        } else if (token.kind == Token::Comma) {
            out += ',';
        }
    }
    return out;
}

bool is_general(std::string_view code) {
    if (code.size() != 7) {
        return code.empty();
    }
    std::string lower(code);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](char c) { return static_cast<char>(std::tolower(c)); });
    return lower == "general";
}

} // namespace

std::string format_number(double value, std::string_view format_code, bool date1904) {
    if (!std::isfinite(value)) {
        return "#NUM!";
    }
    if (is_general(format_code)) {
        return general(value);
    }
    const std::vector<std::string_view> parts = sections(format_code);
    std::string_view section = parts[0];
    bool negative_section = false;
    if (value < 0 && parts.size() >= 2 && !parts[1].empty()) {
        section = parts[1];
        value = -value;
        negative_section = true;
    } else if (value == 0 && parts.size() >= 3) {
        section = parts[2];
    }
    if (is_general(section)) {
        std::string text = negative_section ? "-" : "";
        text += general(value);
        return text;
    }
    const std::vector<Token> tokens = tokenize(section);
    const bool is_date = std::any_of(tokens.begin(), tokens.end(),
                                     [](const Token& t) { return t.kind == Token::Date; });
    if (is_date) {
        return format_date(value, tokens, date1904);
    }
    const bool text_only = std::any_of(tokens.begin(), tokens.end(),
                                       [](const Token& t) { return t.kind == Token::At; });
    if (text_only) {
        return general(value);
    }
    return format_numeric(value, tokens, negative_section);
}

std::string_view builtin_number_format(int id) {
    switch (id) {
    case 1:
        return "0";
    case 2:
        return "0.00";
    case 3:
        return "#,##0";
    case 4:
        return "#,##0.00";
    case 9:
        return "0%";
    case 10:
        return "0.00%";
    case 11:
        return "0.00E+00";
    case 14:
        return "yyyy/m/d";
    case 15:
        return "d-mmm-yy";
    case 16:
        return "d-mmm";
    case 17:
        return "mmm-yy";
    case 18:
        return "h:mm AM/PM";
    case 19:
        return "h:mm:ss AM/PM";
    case 20:
        return "h:mm";
    case 21:
        return "h:mm:ss";
    case 22:
        return "yyyy/m/d h:mm";
    case 27:
    case 36:
    case 50:
    case 57:
        return "yyyy\"年\"m\"月\"";
    case 28:
    case 29:
    case 51:
    case 53:
    case 54:
    case 58:
        return "m\"月\"d\"日\"";
    case 30:
        return "m-d-yy";
    case 31:
    case 52:
        return "yyyy\"年\"m\"月\"d\"日\"";
    case 32:
    case 55:
        return "h\"时\"mm\"分\"";
    case 33:
    case 56:
        return "h\"时\"mm\"分\"ss\"秒\"";
    case 34:
        return "上午/下午h\"时\"mm\"分\"";
    case 35:
        return "上午/下午h\"时\"mm\"分\"ss\"秒\"";
    case 37:
        return "#,##0 ;(#,##0)";
    case 38:
        return "#,##0 ;(#,##0)";
    case 39:
        return "#,##0.00;(#,##0.00)";
    case 40:
        return "#,##0.00;(#,##0.00)";
    case 45:
        return "mm:ss";
    case 46:
        return "[h]:mm:ss";
    case 47:
        return "mm:ss.0";
    case 48:
        return "##0.0E+0";
    case 49:
        return "@";
    default:
        return "General";
    }
}

} // namespace formpdf::workbook
