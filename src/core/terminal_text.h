#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace formpdf {

// The text made safe to print on a terminal: every character that could move the cursor, change
// colours, erase lines, or reorder what is shown is replaced by a visible escape, so that text from
// a file (a signature's /Reason, a field value quoted in a message) can never forge lines of our
// own output. Escaped:
//   - C0 controls (including tab, CR and LF) and DEL, and bytes that are not valid UTF-8: "\xNN";
//   - C1 controls (U+0080-U+009F), the line and paragraph separators U+2028/U+2029, and the bidi
//     controls (U+061C, U+200E/U+200F, U+202A-U+202E, U+2066-U+2069): "\u{NNNN}".
// Everything else, Chinese text included, is kept as it is. Backslashes are kept too: a literal
// "\x1b" in the text is harmless, only the real control character is not.
std::string terminal_safe(std::string_view text);

// How many columns a terminal gives the text: two for the wide characters of East Asian scripts
// (Chinese, Japanese, Korean, full-width forms and punctuation), one for every other character
// (and for a byte that is not UTF-8). For lining up columns of help and reports.
std::size_t terminal_columns(std::string_view text);

// The text followed by spaces up to `columns` (at least one space when it is as wide or wider).
std::string pad_to_columns(std::string text, std::size_t columns);

} // namespace formpdf
