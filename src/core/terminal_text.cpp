#include "core/terminal_text.h"

#include "core/utf8.h"

#include <cstdio>

namespace formpdf {
namespace {

bool needs_unicode_escape(char32_t c) {
    return (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029 || c == 0x061C || c == 0x200E ||
           c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

void append_byte_escape(std::string& out, unsigned char byte) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02x", byte);
    out += buf;
}

} // namespace

std::string terminal_safe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t start = pos;
        const auto byte = static_cast<unsigned char>(text[pos]);
        if (byte >= 0x20 && byte < 0x7F) {
            out += static_cast<char>(byte);
            ++pos;
            continue;
        }
        char32_t c = 0;
        if (!decode_utf8(text, pos, c) || c < 0x20 || c == 0x7F) {
            append_byte_escape(out, byte);
            pos = start + 1;
            continue;
        }
        if (needs_unicode_escape(c)) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "\\u{%04X}", static_cast<unsigned>(c));
            out += buf;
        } else {
            out.append(text.substr(start, pos - start));
        }
    }
    return out;
}

namespace {

// East Asian Wide and Fullwidth (Unicode UAX #11), by blocks.
bool is_wide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
           (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

} // namespace

std::size_t terminal_columns(std::string_view text) {
    std::size_t columns = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        char32_t c = 0;
        if (!decode_utf8(text, pos, c)) { // past the bad byte
            ++columns;
            continue;
        }
        columns += is_wide(c) ? 2 : 1;
    }
    return columns;
}

std::string pad_to_columns(std::string text, std::size_t columns) {
    const std::size_t used = terminal_columns(text);
    text.append(used < columns ? columns - used : 1, ' ');
    return text;
}

} // namespace formpdf
