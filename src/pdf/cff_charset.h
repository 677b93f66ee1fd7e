#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace formpdf::pdf {

// For a CID-keyed CFF font program (Top DICT has ROS), the CID of every glyph, indexed by gid
// (from the charset). std::nullopt for a name-keyed CFF, whose glyphs a PDF addresses by gid.
//
// Why: in a CIDFontType0 font PDF readers look glyphs up by CID through this charset, so the codes
// in the content stream must be CIDs. hb-subset renumbers gids but keeps each glyph's CID, so the
// CID is the one code that is right both for the original font and for its subset.
// Throws PdfError on a malformed table.
std::optional<std::vector<std::uint16_t>> cff_glyph_cids(std::string_view cff);

// The same from a charset already located: `glyph_count` CIDs read from the charset at
// `charset_offset` of the CFF table `cff` (.notdef first). Throws PdfError on a malformed table.
std::vector<std::uint16_t> cff_charset_cids(std::string_view cff, std::size_t charset_offset,
                                            std::uint32_t glyph_count);

} // namespace formpdf::pdf
