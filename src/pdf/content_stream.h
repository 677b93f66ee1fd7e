#pragma once

#include "core/geometry.h"

#include <cstdint>
#include <string>
#include <vector>

namespace formpdf::pdf {

// Builders for page content operators (PDF 32000-1 8 and 9.4). Pure functions that append to a
// string, numbers in locale-free form (core/number_format.h), one painting operation per line.

// "q 0.85 0.85 0.85 rg 10 20 30 40 re f Q\n"
void append_filled_rect(std::string& out, const Rect& rect, const Color& fill);

// "q 0.5 w 0 0 0 RG 1 2 m 3 4 l S Q\n"
void append_stroked_line(std::string& out, const Point& from, const Point& to, double line_width,
                         const Color& color);

// One glyph of a text run: its 2-byte code, and how far the pen must move back after it, in
// thousandths of text space (the TJ number: font width - shaped advance, in 1/1000 em).
struct GlyphCode {
    std::uint16_t code = 0;
    double adjustment = 0;
};

// Consecutive glyphs of one line that share a font, drawn from (x, baseline y).
struct FontRun {
    std::string font_name; // resource name without the slash, e.g. "F0"
    double x = 0;
    std::vector<GlyphCode> glyphs;
};

// One line of text in one colour and size, switching fonts between runs:
// "BT /F0 10.5 Tf 0 0 0 rg 1 0 0 1 72 700 Tm <4E2D> Tj /F1 10.5 Tf 1 0 0 1 82.5 700 Tm
//  [<0024> 12 <0025>] TJ ET\n" (on one line). Runs without adjustments use Tj, others TJ.
void append_text_line(std::string& out, double size, const Color& color, double baseline_y,
                      const std::vector<FontRun>& runs);

} // namespace formpdf::pdf
