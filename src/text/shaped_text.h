#pragma once

#include "text/font_resource.h"

#include <cstdint>
#include <string>
#include <vector>

namespace formpdf::text {

// One positioned glyph from HarfBuzz, in the order it is drawn (left to right).
struct ShapedGlyph {
    FontId font = 0;       // the face this glyph comes from (fallback may switch faces)
    std::uint32_t gid = 0; // glyph id in that face (never 0 = .notdef: missing glyphs are errors)
    std::int32_t advance_units = 0; // x advance in the face's font units, as shaped
    std::uint32_t cluster = 0; // byte offset into ShapedText::text of the cluster it belongs to
    double advance_pt = 0;     // the same advance at the shaped size, in points
    // (in this order the glyph is 24 bytes, not 32: a megabyte value has millions of them)
};

// A shaped piece of UTF-8 text at one size.
struct ShapedText {
    std::string text;
    double size_pt = 0;
    std::vector<ShapedGlyph> glyphs;
};

// One line of a broken paragraph: a slice of the paragraph's text and glyphs.
struct TextLine {
    std::string text; // exactly the characters of the line (no newline; a space consumed
                      // by a wrap is not part of either line)
    std::vector<ShapedGlyph> glyphs; // clusters rebased so that cluster is a byte offset into text
    double width_pt = 0;             // sum of the glyph advances
};

} // namespace formpdf::text
