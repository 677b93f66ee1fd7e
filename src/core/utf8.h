#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace formpdf {

// Decodes the code point at text[pos] and advances pos past it. Returns false (and advances pos
// by one byte) on an invalid or truncated sequence.
bool decode_utf8(std::string_view text, std::size_t& pos, char32_t& code_point);

void append_utf8(std::string& out, char32_t code_point);

// True when the whole text is well-formed UTF-8; otherwise error_offset is the first bad byte.
bool is_valid_utf8(std::string_view text, std::size_t* error_offset = nullptr);

// "U+4E2D" (at least four upper-case hex digits), followed by " 'c'" for printable characters.
std::string code_point_label(char32_t code_point);

// The text quoted for a message, cut after max_chars code points with an ellipsis:
// quote_excerpt("该指标主要考察疫情防控", 4) == "'该指标主…'".
std::string quote_excerpt(std::string_view text, int max_chars);

} // namespace formpdf
