#pragma once

#include "text/shaped_text.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace formpdf::pdf {

// The text each glyph of a shaped line stands for, as UTF-8, one entry per glyph. The whole text
// of a cluster (its bytes up to the next cluster's offset) goes to the cluster's first glyph; the
// other glyphs of the cluster get "" so that text extraction never duplicates it.
// `line_text` is the text the glyph clusters are byte offsets into; the views point into it.
std::vector<std::string_view> glyph_texts(std::string_view line_text,
                                          const std::vector<text::ShapedGlyph>& glyphs);

// "4E2D" for "中"; non-BMP characters become surrogate pairs ("D840DC00"). Invalid UTF-8 becomes
// U+FFFD. Upper-case hex, no brackets.
std::string utf16be_hex(std::string_view utf8);

// A ToUnicode CMap (PDF 32000-1 9.10.3) for 2-byte codes: the standard Adobe-Identity-UCS header,
// codespace <0000> <FFFF>, and bfchar blocks of at most 100 entries sorted by code.
// `code_texts` maps each code to its UTF-8 text; codes with empty text are left out.
std::string to_unicode_cmap(const std::map<std::uint16_t, std::string>& code_texts);

} // namespace formpdf::pdf
