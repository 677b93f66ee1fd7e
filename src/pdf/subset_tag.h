#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

namespace formpdf::pdf {

// The six upper-case letters before "+" in a subset font's name (PDF 32000-1 9.6.4), derived from
// a SHA-256 of the PostScript name and the glyph set: the same font and glyphs always give the
// same tag (deterministic output), different glyph sets almost always different tags.
std::string subset_tag(std::string_view postscript_name, const std::set<std::uint32_t>& gids);

} // namespace formpdf::pdf
