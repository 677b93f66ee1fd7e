#pragma once

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

} // namespace formpdf
