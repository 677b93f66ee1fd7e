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

} // namespace formpdf
