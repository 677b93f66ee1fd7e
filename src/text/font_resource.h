#pragma once

#include <cstdint>
#include <string>

namespace formpdf::text {

// The largest font file formpdf opens: 256 MiB. The largest fonts it is meant for are far below
// (Noto Serif CJK Regular.ttc, five faces: 26 MB; the all-weights Noto/Source Han "Super OTC"
// collections: about 120 MB), so a larger file is refused unread rather than mapped and walked.
constexpr std::uint64_t kMaxFontFileBytes = std::uint64_t{256} << 20;

// Index into FontLibrary::resources() and layout::Document::fonts. Stable for one FontLibrary.
using FontId = std::uint32_t;

// Everything later stages need to know about one font face, as plain data. The PDF stage opens
// path/face_index itself for subsetting; no HarfBuzz or FreeType type crosses a stage boundary.
struct FontResource {
    std::string path;        // the font file (.otf/.ttf/.ttc/.otc)
    unsigned face_index = 0; // the face inside a collection; 0 for a single-face file
    std::string family; // typographic family name (name ID 16, else 1), e.g. "Noto Serif CJK SC"
    std::string postscript_name; // name ID 6, e.g. "NotoSerifCJKsc-Regular"
    int weight = 400;            // OS/2 usWeightClass
    bool is_cff = false;         // CFF outlines (CIDFontType0) rather than glyf (CIDFontType2)
    int units_per_em = 1000;
    unsigned glyph_count = 0; // maxp numGlyphs: every glyph id drawn is below it
    // Metrics in font units, for the PDF font descriptor, read by FreeType (docs/fonts.md, "Font
    // descriptor"; OS/2 typo values where present).
    int ascender = 0;
    int descender = 0; // negative below the baseline
    int cap_height = 0;
    int bbox_x_min = 0, bbox_y_min = 0, bbox_x_max = 0, bbox_y_max = 0; // head table
    double italic_angle = 0;
    // The descriptor's StemV, in thousandths of an em (PDF glyph space), not font units: the
    // font's StdVW where FreeType gives one, else 80 below weight 600 and 120 from 600 on.
    int stem_v = 80;
};

} // namespace formpdf::text
