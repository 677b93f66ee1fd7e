#pragma once

#include "core/geometry.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace formpdf::pdf {

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

// Writes a page's content stream (PDF 32000-1 8 and 9.4) the way a careful PDF writer does: it
// tracks the graphics state and only writes what changes. Consecutive rectangles of one colour
// are one path filled once, consecutive rules of one width and colour one path stroked once,
// consecutive text lines one text object (BT ... ET) in which the font, size and colour are set
// only when they change and each line is moved to with Td. A form page is mostly table rules and
// short lines of text, so this makes the stream less than half as long as one self-contained
// operation per item ("q 0.5 w 0 0 0 RG ... S Q"), and less to build, compress and hash.
//
// Positions are kept in exact thousandths of a point (the precision every number is written
// with), so relative Td moves add up to exactly the absolute position: no drift down a page.
// Numbers are locale-free (core/number_format.h). The painting order is the order of the calls.
class ContentWriter {
public:
    explicit ContentWriter(std::string& out) : out_(out) {}
    ~ContentWriter() { finish(); }
    ContentWriter(const ContentWriter&) = delete;
    ContentWriter& operator=(const ContentWriter&) = delete;

    void fill_rect(const Rect& rect, const Color& fill);
    void stroke_line(const Point& from, const Point& to, double line_width, const Color& color);
    // One line of text in one colour and size; runs switch fonts. Runs without adjustments use
    // Tj, others TJ.
    void text_line(double size, const Color& color, double baseline_y,
                   const std::vector<FontRun>& runs);

    // Ends the open path or text object. Called by the destructor; later calls start afresh.
    void finish();

private:
    enum class Mode { None, Fill, Stroke, Text };

    void enter(Mode mode);
    void set_fill_color(const Color& color);

    std::string& out_;
    Mode mode_ = Mode::None;
    // The graphics state as written so far; empty until first set (the page's defaults are not
    // assumed, so every stream states what it uses).
    std::optional<Color> fill_color_;
    std::optional<Color> stroke_color_;
    std::optional<double> line_width_;
    std::string font_name_;
    std::optional<double> font_size_;
    // The text line matrix's origin inside the open text object, in thousandths of a point.
    std::int64_t line_x_ = 0;
    std::int64_t line_y_ = 0;
};

} // namespace formpdf::pdf
