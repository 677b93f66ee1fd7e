#include "app/output_naming.h"

#include "core/utf8.h"
#include "core/windows_names.h"
#include "text/unicode_forms.h"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace formpdf::app {

std::string expand_name_pattern(std::string_view pattern, const load::Declaration& declaration) {
    std::string out;
    for (std::size_t i = 0; i < pattern.size();) {
        const std::size_t close = pattern[i] == '{' ? pattern.find('}', i) : std::string_view::npos;
        if (close == std::string_view::npos) {
            out += pattern[i++];
            continue;
        }
        if (const load::TextValue* value =
                declaration.field(pattern.substr(i + 1, close - i - 1))) {
            out += value->text;
        }
        i = close + 1;
    }
    return out;
}

namespace {

bool is_refused(char32_t c) {
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '/' || c == '\\' || c == ':' ||
           c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|' || c == 0x2028 ||
           c == 0x2029 || text::is_format_character(c);
}

// The text with every refused character replaced by '_' (a byte that is not UTF-8 too),
// no leading dot and no "..".
std::string replace_refused(std::string_view name) {
    std::string out;
    std::size_t pos = 0;
    while (pos < name.size()) {
        char32_t c = 0;
        const std::size_t start = pos;
        const bool valid = decode_utf8(name, pos, c);
        if (!valid || is_refused(c)) {
            out += '_';
        } else if (c == '.' && (out.empty() || out.back() == '.')) {
            out += '_'; // no leading dot, no ".."
        } else {
            out.append(name.substr(start, pos - start));
        }
    }
    return out;
}

} // namespace

std::string safe_file_name(std::string_view name, std::size_t max_bytes) {
    // Composed (NFC), so that a name typed on macOS (decomposed) and one typed elsewhere are the
    // same file name, and distinct_names sees them as one.
    const std::string clean = text::to_nfc(replace_refused(name));
    std::string out;
    std::size_t pos = 0;
    while (pos < clean.size()) {
        char32_t c = 0;
        const std::size_t start = pos;
        decode_utf8(clean, pos, c);
        if (out.size() + (pos - start) > max_bytes) {
            break;
        }
        out.append(clean, start, pos - start);
    }
    while (!out.empty() && (out.back() == '.' || out.back() == ' ')) {
        out.pop_back();
    }
    if (out.empty()) {
        return "form";
    }
    if (is_windows_device_name(out)) {
        // "CON" -> "CON_", "nul.x" -> "nul_.x"
        const std::size_t dot = std::min(out.find('.'), out.size());
        out = out.substr(0, dot) + '_' + out.substr(dot);
    }
    return out;
}

std::vector<std::string> distinct_names(const std::vector<std::string>& names,
                                        const std::vector<std::string>& reserved) {
    std::set<std::string> taken;
    for (const std::string& name : reserved) {
        taken.insert(text::caseless_key(name));
    }
    std::vector<std::string> out;
    out.reserve(names.size());
    for (const std::string& name : names) {
        std::string candidate = name;
        for (int n = 2; taken.count(text::caseless_key(candidate)) != 0; ++n) {
            candidate = name + "-" + std::to_string(n);
        }
        taken.insert(text::caseless_key(candidate));
        out.push_back(std::move(candidate));
    }
    return out;
}

std::filesystem::path path_in(const std::filesystem::path& dir, const std::string& name,
                              std::string_view extension) {
    const std::filesystem::path file = std::filesystem::path(name + std::string(extension));
    // Checked in release builds too: this is the last line of defence for "never outside dir".
    if (name.empty() || name.find('/') != std::string::npos ||
        name.find('\0') != std::string::npos || file.filename() != file || file == "." ||
        file == "..") {
        throw std::logic_error("unsafe output file name \"" + name + "\"");
    }
    return dir / file;
}

} // namespace formpdf::app
