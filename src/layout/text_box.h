#pragma once

#include "core/source_location.h"
#include "layout/document.h"
#include "layout/resolved_style.h"
#include "text/line_cache.h"

#include <string>
#include <vector>

namespace formpdf::layout {

// A paragraph broken into lines for a box of a given width, not yet placed on a page.
struct BrokenText {
    // Shared with the line cache, not copied: the lines of a megabyte value are tens of megabytes.
    text::SharedLines shared_lines;
    const ResolvedStyle* style = nullptr;
    double content_width_pt = 0; // the width the lines were broken for (box width less padding)

    const std::vector<text::TextLine>& lines() const;
    // Height of n lines including the style's vertical padding.
    double height_of(std::size_t line_count) const;
    double height() const { return height_of(lines().size()); }
};

// Shapes and breaks text for a box box_width_pt wide (padding included). A character that no font
// of the style has becomes a DiagnosticError at `where` naming the character (U+XXXX).
BrokenText break_text(const StyleSet& styles, const ResolvedStyle& style, const std::string& text,
                      double box_width_pt, const SourceLoc& where);

// Fails at `box_loc` (the layout key of the box) when a line is wider than the room the box leaves
// for text: lines are broken to fit, so such a line is a single character (or cluster) wider than
// the box less its padding; drawn, it would stick out of its box. When the text comes from
// elsewhere (a declaration's value at `text_loc`), the message says where.
void require_width_fits(const BrokenText& text, const SourceLoc& box_loc,
                        const SourceLoc& text_loc = {});

// Emits lines [first, last) of a broken text as TextItems into a box whose top-left corner is
// (box_left, box_top) and whose width is box_width, each aligned per the style. The item's box is
// the content box (the box less padding) of the lines placed.
void place_lines(const BrokenText& text, std::size_t first, std::size_t last, double box_left,
                 double box_top, double box_width, std::vector<PageItem>& out);

} // namespace formpdf::layout
