#pragma once

#include <hb.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>

namespace formpdf::pdf {

// The result of subsetting one face to the glyphs a document uses.
struct FontSubset {
    // For a CFF face: the bare 'CFF ' table of the subset (what FontFile3 /CIDFontType0C holds).
    // For a glyf face: the whole subset TrueType file (what FontFile2 holds).
    std::string font_program;
    // Original gid -> gid in the subset, for every requested gid (always present: hb-subset keeps
    // every requested glyph that exists in the face, and the caller only asks for existing ones).
    std::map<std::uint32_t, std::uint32_t> old_to_new;
};

// Subsets `face` to `gids` (plus .notdef and whatever hb-subset must add, such as composite glyph
// components) with glyphs renumbered compactly (never RETAIN_GIDS: 10-40x larger). Layout tables
// are dropped: the PDF is already shaped. Throws PdfError when HarfBuzz fails.
FontSubset subset_font(hb_face_t* face, bool is_cff, const std::set<std::uint32_t>& gids);

} // namespace formpdf::pdf
