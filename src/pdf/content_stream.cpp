#include "pdf/content_stream.h"

#include "core/number_format.h"

#include <cmath>
#include <initializer_list>

namespace formpdf::pdf {

namespace {

// Numbers separated by spaces, then a space: "1 2.5 3 ".
void append_numbers(std::string& out, std::initializer_list<double> values) {
    for (const double value : values) {
        append_number(out, value);
        out += ' ';
    }
}

// Colour components need no more than 1/1000 precision for print.
void append_rgb(std::string& out, const Color& color, const char* op) {
    append_numbers(out, {color.r, color.g, color.b});
    out += op;
}

bool same_color(const std::optional<Color>& current, const Color& color) {
    return current && current->r == color.r && current->g == color.g && current->b == color.b;
}

void append_code(std::string& out, std::uint16_t code) {
    constexpr char kHex[] = "0123456789ABCDEF";
    out += kHex[(code >> 12) & 0xf];
    out += kHex[(code >> 8) & 0xf];
    out += kHex[(code >> 4) & 0xf];
    out += kHex[code & 0xf];
}

// An adjustment this small moves a glyph by less than 1/1000 em: not worth a TJ element.
bool is_adjusted(const GlyphCode& glyph) {
    return glyph.adjustment >= 0.0005 || glyph.adjustment <= -0.0005;
}

void append_glyphs(std::string& out, const std::vector<GlyphCode>& glyphs) {
    bool any_adjusted = false;
    for (const GlyphCode& glyph : glyphs) {
        any_adjusted = any_adjusted || is_adjusted(glyph);
    }
    if (!any_adjusted) {
        out += '<';
        for (const GlyphCode& glyph : glyphs) {
            append_code(out, glyph.code);
        }
        out += "> Tj";
        return;
    }
    out += "[<";
    for (std::size_t i = 0; i < glyphs.size(); ++i) {
        append_code(out, glyphs[i].code);
        if (is_adjusted(glyphs[i])) {
            out += "> ";
            append_number(out, glyphs[i].adjustment);
            out += i + 1 < glyphs.size() ? " <" : "";
        } else if (i + 1 == glyphs.size()) {
            out += '>';
        }
    }
    out += "] TJ";
}

std::int64_t thousandths(double value) {
    return std::isfinite(value) ? std::llround(value * 1000) : 0;
}

void append_thousandths(std::string& out, std::int64_t value) {
    append_number(out, static_cast<double>(value) / 1000);
}

} // namespace

void ContentWriter::finish() {
    switch (mode_) {
    case Mode::Fill:
        out_ += "f\n";
        break;
    case Mode::Stroke:
        out_ += "S\n";
        break;
    case Mode::Text:
        out_ += "ET\n";
        break;
    case Mode::None:
        break;
    }
    mode_ = Mode::None;
}

void ContentWriter::enter(Mode mode) {
    if (mode_ == mode) {
        return;
    }
    finish();
    if (mode == Mode::Text) {
        out_ += "BT\n";
        line_x_ = 0; // BT resets the text line matrix to the identity
        line_y_ = 0;
    }
    mode_ = mode;
}

void ContentWriter::set_fill_color(const Color& color) {
    if (!same_color(fill_color_, color)) {
        append_rgb(out_, color, "rg\n");
        fill_color_ = color;
    }
}

void ContentWriter::fill_rect(const Rect& rect, const Color& fill) {
    if (mode_ == Mode::Fill && !same_color(fill_color_, fill)) {
        finish(); // a path is filled in one colour
    }
    if (mode_ != Mode::Fill) {
        finish();
        set_fill_color(fill);
        enter(Mode::Fill);
    }
    append_numbers(out_, {rect.x, rect.y, rect.width, rect.height});
    out_ += "re\n";
}

void ContentWriter::stroke_line(const Point& from, const Point& to, double line_width,
                                const Color& color) {
    const bool same_pen =
        line_width_ && *line_width_ == line_width && same_color(stroke_color_, color);
    if (mode_ != Mode::Stroke || !same_pen) {
        finish();
        if (!line_width_ || *line_width_ != line_width) {
            append_number(out_, line_width);
            out_ += " w\n";
            line_width_ = line_width;
        }
        if (!same_color(stroke_color_, color)) {
            append_rgb(out_, color, "RG\n");
            stroke_color_ = color;
        }
        enter(Mode::Stroke);
    }
    append_numbers(out_, {from.x, from.y});
    out_ += "m ";
    append_numbers(out_, {to.x, to.y});
    out_ += "l\n";
}

void ContentWriter::text_line(double size, const Color& color, double baseline_y,
                              const std::vector<FontRun>& runs) {
    bool color_checked = false;
    for (const FontRun& run : runs) {
        if (run.glyphs.empty()) {
            continue;
        }
        enter(Mode::Text);
        if (!color_checked) {
            set_fill_color(color); // allowed inside a text object
            color_checked = true;
        }
        if (font_name_ != run.font_name || !font_size_ || *font_size_ != size) {
            out_ += '/';
            out_ += run.font_name;
            out_ += ' ';
            append_number(out_, size);
            out_ += " Tf\n";
            font_name_ = run.font_name;
            font_size_ = size;
        }
        const std::int64_t x = thousandths(run.x);
        const std::int64_t y = thousandths(baseline_y);
        append_thousandths(out_, x - line_x_);
        out_ += ' ';
        append_thousandths(out_, y - line_y_);
        out_ += " Td ";
        line_x_ = x;
        line_y_ = y;
        append_glyphs(out_, run.glyphs);
        out_ += '\n';
    }
}

} // namespace formpdf::pdf
