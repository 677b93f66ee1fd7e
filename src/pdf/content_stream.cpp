#include "pdf/content_stream.h"

#include "core/number_format.h"

namespace formpdf::pdf {
namespace {

// Colour components need no more than 1/1000 precision for print.
void append_rgb(std::string& out, const Color& color, const char* op) {
    append_number(out, color.r);
    out += ' ';
    append_number(out, color.g);
    out += ' ';
    append_number(out, color.b);
    out += ' ';
    out += op;
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

} // namespace

void append_filled_rect(std::string& out, const Rect& rect, const Color& fill) {
    out += "q ";
    append_rgb(out, fill, "rg ");
    append_number(out, rect.x);
    out += ' ';
    append_number(out, rect.y);
    out += ' ';
    append_number(out, rect.width);
    out += ' ';
    append_number(out, rect.height);
    out += " re f Q\n";
}

void append_stroked_line(std::string& out, const Point& from, const Point& to, double line_width,
                         const Color& color) {
    out += "q ";
    append_number(out, line_width);
    out += " w ";
    append_rgb(out, color, "RG ");
    append_number(out, from.x);
    out += ' ';
    append_number(out, from.y);
    out += " m ";
    append_number(out, to.x);
    out += ' ';
    append_number(out, to.y);
    out += " l S Q\n";
}

void append_text_line(std::string& out, double size, const Color& color, double baseline_y,
                      const std::vector<FontRun>& runs) {
    out += "BT";
    bool color_set = false;
    for (const FontRun& run : runs) {
        if (run.glyphs.empty()) {
            continue;
        }
        out += " /";
        out += run.font_name;
        out += ' ';
        append_number(out, size);
        out += " Tf ";
        if (!color_set) {
            append_rgb(out, color, "rg ");
            color_set = true;
        }
        out += "1 0 0 1 ";
        append_number(out, run.x);
        out += ' ';
        append_number(out, baseline_y);
        out += " Tm ";
        append_glyphs(out, run.glyphs);
    }
    out += " ET\n";
}

} // namespace formpdf::pdf
