#pragma once

#include "text/font_library.h"
#include "text/shaped_text.h"

#include <stdexcept>
#include <string_view>
#include <vector>

namespace formpdf::text {

// A primary face and its fallbacks, tried in order for each character.
struct FontChain {
    std::vector<FontId> fonts;
};

// No face of the chain has a glyph for this character. The caller knows where the text came from
// and turns this into a diagnostic naming the character and file:line:col.
class MissingGlyphError : public std::runtime_error {
public:
    MissingGlyphError(char32_t code_point, std::size_t byte_offset);
    char32_t code_point() const { return code_point_; }
    std::size_t byte_offset() const { return byte_offset_; }

private:
    char32_t code_point_;
    std::size_t byte_offset_;
};

// Shapes UTF-8 text with HarfBuzz (script Han, language zh-Hans, left to right). Each character
// goes to the first face of the chain that has it; runs of the same face are shaped together.
// Control characters (newline, tab) produce no glyph. Throws MissingGlyphError.
ShapedText shape_text(const FontLibrary& fonts, std::string_view utf8, const FontChain& chain,
                      double size_pt);

// Shapes and breaks a short sample with the font and drops the result. HarfBuzz builds a face's
// lookup tables and shaping plan on first use (~5 ms for a Noto CJK face) and ICU its break
// rules: done ahead, on a thread of its own, that work overlaps other work instead of stalling
// the first form. Thread-safe; a face without the sample's characters is no error.
void warm_up(const FontLibrary& fonts, FontId font);

} // namespace formpdf::text
