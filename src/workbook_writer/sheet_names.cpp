#include "workbook_writer/sheet_names.h"

#include "core/utf8.h"

#include <algorithm>
#include <set>

namespace formpdf::workbook_writer {

namespace {

constexpr std::size_t kMaxSheetNameChars = 31;

// The first `max_chars` code points of `text`.
std::string cut(const std::string& text, std::size_t max_chars) {
    std::size_t pos = 0;
    char32_t c = 0;
    for (std::size_t n = 0; n < max_chars && pos < text.size(); ++n) {
        if (!decode_utf8(text, pos, c)) {
            break;
        }
    }
    return text.substr(0, pos);
}

std::string clean(const std::string& wanted) {
    std::string name;
    for (const char c : wanted) {
        const bool forbidden = c == '[' || c == ']' || c == ':' || c == '*' || c == '?' ||
                               c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
        name += forbidden ? '_' : c;
    }
    // Excel refuses a name that starts or ends with an apostrophe.
    while (!name.empty() && (name.front() == '\'' || name.front() == ' ')) {
        name.erase(name.begin());
    }
    while (!name.empty() && (name.back() == '\'' || name.back() == ' ')) {
        name.pop_back();
    }
    name = cut(name, kMaxSheetNameChars);
    while (!name.empty() && (name.back() == '\'' || name.back() == ' ')) {
        name.pop_back();
    }
    if (!is_valid_utf8(name)) {
        name.clear();
    }
    return name.empty() ? "Sheet" : name;
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return text;
}

} // namespace

std::vector<std::string> unique_sheet_names(const std::vector<std::string>& wanted) {
    std::vector<std::string> names;
    std::set<std::string> taken; // lower case
    for (const std::string& w : wanted) {
        const std::string base = clean(w);
        std::string name = base;
        for (int n = 2; taken.count(lower(name)) != 0 || lower(name) == "history"; ++n) {
            const std::string suffix = " (" + std::to_string(n) + ")";
            name = cut(base, kMaxSheetNameChars - suffix.size()) + suffix;
        }
        taken.insert(lower(name));
        names.push_back(name);
    }
    return names;
}

} // namespace formpdf::workbook_writer
