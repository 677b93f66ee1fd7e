#pragma once

#include "core/source_location.h"
#include "layout/document.h"
#include "layout/resolved_style.h"

#include <string>
#include <vector>

namespace formpdf::layout {

// A paragraph broken into lines for a box of a given width, not yet placed on a page.
struct BrokenText {
    std::vector<text::TextLine> lines;
    const ResolvedStyle* style = nullptr;
    double content_width_pt = 0; // the width the lines were broken for (box width less padding)

    // Height of n lines including the style's vertical padding.
    double height_of(std::size_t line_count) const;
    double height() const { return height_of(lines.size()); }
};

// Shapes and breaks text for a box box_width_pt wide (padding included). A character that no font
// of the style has becomes a DiagnosticError at `where` naming the character (U+XXXX).
BrokenText break_text(const StyleSet& styles, const ResolvedStyle& style, const std::string& text,
                      double box_width_pt, const SourceLoc& where);

// Emits lines [first, last) of a broken text as TextItems into a box whose top-left corner is
// (box_left, box_top) and whose width is box_width, each aligned per the style. The item's box is
// the content box (the box less padding) of the lines placed.
void place_lines(const BrokenText& text, std::size_t first, std::size_t last, double box_left,
                 double box_top, double box_width, std::vector<PageItem>& out);

} // namespace formpdf::layout
