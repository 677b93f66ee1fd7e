#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace formpdf::pdf {

// What is wrong with a font's 'CFF ' table, in words for a diagnostic; std::nullopt when its
// structure holds together. Checked once per face before any glyph is subset, because hb-subset
// does not say what is wrong with a CFF it cannot read (it gives an empty program, or leaves out
// the glyphs it could not place) and our own subsetter refuses such a table without a word.
//
// Checked (Adobe TN #5176): the header; the Name, Top DICT, String and Global Subr INDEXes, each
// with its offsets in order and inside the table; the Top DICT (charstring type 2, CharStrings
// present); the CharStrings INDEX, whose count must be maxp's `glyph_count`; the charset (custom
// ones read for every glyph); the Private DICT and its Subrs of a name-keyed font, or for a
// CID-keyed one the FDArray (every Font DICT, Private DICT and Subrs) and the FDSelect (every
// glyph's FD in the FDArray). The charstrings themselves are not interpreted here: a glyph that
// does not hold together is found when it is subset.
std::optional<std::string> find_cff_damage(std::string_view cff, std::uint32_t glyph_count);

} // namespace formpdf::pdf
