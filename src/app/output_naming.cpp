#include "app/output_naming.h"

#include "core/utf8.h"

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
           c == 0x2029;
}

std::string ascii_lower(std::string text) {
    for (char& c : text) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return text;
}

} // namespace

std::string safe_file_name(std::string_view name, std::size_t max_bytes) {
    std::string out;
    std::size_t pos = 0;
    while (pos < name.size()) {
        char32_t c = 0;
        const std::size_t start = pos;
        const bool valid = decode_utf8(name, pos, c);
        std::string piece;
        if (!valid || is_refused(c)) {
            piece = "_";
        } else if (c == '.' && (out.empty() || out.back() == '.')) {
            piece = "_"; // no leading dot, no ".."
        } else {
            piece.assign(name.substr(start, pos - start));
        }
        if (out.size() + piece.size() > max_bytes) {
            break;
        }
        out += piece;
    }
    while (!out.empty() && (out.back() == '.' || out.back() == ' ')) {
        out.pop_back();
    }
    return out.empty() ? std::string("form") : out;
}

std::vector<std::string> distinct_names(const std::vector<std::string>& names,
                                        const std::vector<std::string>& reserved) {
    std::set<std::string> taken;
    for (const std::string& name : reserved) {
        taken.insert(ascii_lower(name));
    }
    std::vector<std::string> out;
    out.reserve(names.size());
    for (const std::string& name : names) {
        std::string candidate = name;
        for (int n = 2; taken.count(ascii_lower(candidate)) != 0; ++n) {
            candidate = name + "-" + std::to_string(n);
        }
        taken.insert(ascii_lower(candidate));
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
