#pragma once

#include <string>
#include <string_view>

namespace formpdf::text {

// Unicode properties and normal forms (ICU) for the code outside the text stage that needs them:
// file names made from data (app/output_naming.h). Input must be valid UTF-8.

// Unicode general category Cf (format): U+200B…U+200F, the bidi embeddings and overrides
// U+202A…U+202E and isolates U+2066…U+2069, U+FEFF, soft hyphen U+00AD, tags, …
bool is_format_character(char32_t code_point);

// The text in Normalization Form C (composed): "e" + U+0301 becomes "é".
std::string to_nfc(std::string_view utf8);

// A key equal for two texts exactly when they are canonically equivalent ignoring case (Unicode
// default caseless matching: NFD(fold(NFD(x)))): "Ä", "ä" and "a" + U+0308 have one key.
std::string caseless_key(std::string_view utf8);

} // namespace formpdf::text
