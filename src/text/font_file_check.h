#pragma once

// Private to the text stage.

#include <optional>
#include <string>
#include <string_view>

namespace formpdf::text {

// What is wrong with face `face_index` of a font file (an sfnt, or a TTC/OTC collection), in
// words for a diagnostic; std::nullopt when it holds together. Checked before HarfBuzz, hb-subset
// or the PDF stage see the face, because they do not refuse a damaged font: HarfBuzz reads a table
// it cannot trust as empty, clamps a table cut short, and maps characters to glyphs past the
// font's end, so a damaged font would shape into glyphs that no subset has ("internal error"), or
// into the wrong glyphs. The checks: the collection header and the face's table directory (every
// table inside the file), the tables every font needs (head, maxp, hhea, hmtx, cmap, and CFF or
// glyf + loca), the versions of head, hhea and maxp, head's magic number,
// units per em and loca format, the glyph count of maxp
// against hmtx and loca, loca in order and inside glyf, and cmap's subtables (known formats, inside
// cmap, the arrays of formats 4 and 12 inside their subtable). The CFF table itself is checked by
// the PDF stage, which owns the CFF reader (cff_check.h).
//
// These checks stay although FreeType reads every font (freetype_font.h): FreeType opens much that
// is damaged, as HarfBuzz does. It clamps a table directory that lists more tables than the file
// holds, drops a table that runs past the end of the file, reads a cmap subtable it cannot trust
// as absent, and reads loca and hmtx only when a glyph is loaded, which formpdf never asks of it.
// What protects the shaper and the subsetters from such a face is this check, at load, of the
// face chosen (the scan cannot afford it: it would read the loca and cmap of every system font).
std::optional<std::string> find_font_damage(std::string_view file, unsigned face_index);

} // namespace formpdf::text
