#pragma once

#include "layout/document.h"
#include "layout/text_box.h"

#include <string>
#include <string_view>
#include <vector>

namespace formpdf::layout {

// The text of a vertical cell (`vertical: true`) as lines of one character each: every character
// (with the combining marks and variation selectors that follow it) ends its line, and a space
// (or an ideographic space, a tab, a line break) becomes an empty line, so "绩 效 指 标" keeps its
// gaps. Broken like any text, each line is then measured against the cell's width.
std::string vertical_text(std::string_view text);

// The height the part takes in its cell: its lines (at least one, so an empty value leaves room
// to write by hand) and its style's padding.
double part_height(const BrokenText& part);

// The sum of part_height over the parts of a cell with several texts.
double parts_height(const std::vector<BrokenText>& parts);

// Places the several texts of a cell in its box: those whose style says valign top one below the
// other from the top, bottom ones stacked up to the bottom edge (the last lowest), middle ones
// together in the middle; each line aligned by its own style.
void place_parts(const std::vector<BrokenText>& parts, const Rect& box, std::vector<PageItem>& out);

} // namespace formpdf::layout
