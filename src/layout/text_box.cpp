#include "layout/text_box.h"

#include "core/diagnostic.h"
#include "core/messages.h"
#include "core/number_format.h"
#include "core/utf8.h"
#include "text/line_cache.h"

#include <algorithm>

namespace formpdf::layout {

const std::vector<text::TextLine>& BrokenText::lines() const {
    static const std::vector<text::TextLine> kNoLines;
    return shared_lines ? *shared_lines : kNoLines;
}

double BrokenText::height_of(std::size_t line_count) const {
    return style->padding.top + style->padding.bottom +
           static_cast<double>(line_count) * style->line_height_pt;
}

namespace {

std::string chain_families(const StyleSet& styles, const ResolvedStyle& style) {
    std::string names;
    for (text::FontId id : style.chain.fonts) {
        if (!names.empty()) {
            names += ", ";
        }
        names += styles.library().resource(id).family;
    }
    return names;
}

} // namespace

BrokenText break_text(const StyleSet& styles, const ResolvedStyle& style, const std::string& text,
                      double box_width_pt, const SourceLoc& where) {
    BrokenText broken;
    broken.style = &style;
    broken.content_width_pt =
        std::max(0.0, box_width_pt - style.padding.left - style.padding.right);
    try {
        broken.shared_lines = text::shape_and_break(styles.library(), text, style.chain,
                                                    style.size_pt, broken.content_width_pt);
    } catch (const text::MissingGlyphError& missing) {
        throw DiagnosticError(make_error(
            where,
            tr("character {0} is in none of the fonts of style '{1}' ({2})",
               {code_point_label(missing.code_point()), style.name, chain_families(styles, style)}),
            tr("put a font that has it into fonts/ and add it to the layout's 'fallback' list, or "
               "replace the character")));
    }
    return broken;
}

void require_width_fits(const BrokenText& text, const SourceLoc& box_loc,
                        const SourceLoc& text_loc) {
    constexpr double kSlack = 1e-6; // advances are sums of doubles
    for (const text::TextLine& line : text.lines()) {
        if (line.width_pt <= text.content_width_pt + kSlack) {
            continue;
        }
        const ResolvedStyle& style = *text.style;
        const auto mm = [](double pt) { return format_number(pt_to_mm(pt), 2) + "mm"; };
        const std::string width = mm(line.width_pt);
        const std::string size = format_number(style.size_pt);
        const std::string room = mm(text.content_width_pt);
        const std::string left = mm(style.padding.left);
        const std::string right = mm(style.padding.right);
        std::string message;
        if (text_loc.line > 0 && text_loc.file != box_loc.file) {
            std::string text_at = text_loc.file;
            text_at += ":";
            text_at += std::to_string(text_loc.line);
            text_at += ":";
            text_at += std::to_string(text_loc.col);
            message = tr("'{0}' is {1} wide at {2}pt, wider than the {3} this box leaves for text "
                         "(style '{4}', padding {5} left and {6} right); the text is at {7}",
                         {line.text, width, size, room, style.name, left, right, text_at});
        } else {
            message = tr("'{0}' is {1} wide at {2}pt, wider than the {3} this box leaves for text "
                         "(style '{4}', padding {5} left and {6} right)",
                         {line.text, width, size, room, style.name, left, right});
        }
        throw DiagnosticError(
            make_error(box_loc, std::move(message),
                       tr("make the column or box wider, or the style's size or padding smaller")));
    }
}

void place_lines(const BrokenText& text, std::size_t first, std::size_t last, double box_left,
                 double box_top, double box_width, std::vector<PageItem>& out) {
    const ResolvedStyle& style = *text.style;
    const double content_left = box_left + style.padding.left;
    const double content_width =
        std::max(0.0, box_width - style.padding.left - style.padding.right);
    const double content_top = box_top - style.padding.top;
    const double content_height = static_cast<double>(last - first) * style.line_height_pt;
    const Rect content_box{content_left, content_top - content_height, content_width,
                           content_height};
    for (std::size_t i = first; i < last; ++i) {
        const text::TextLine& line = text.lines()[i];
        if (line.glyphs.empty()) {
            continue; // a blank line takes its space but draws nothing
        }
        double x = content_left;
        if (style.align == load::HAlign::Center) {
            x += (content_width - line.width_pt) / 2;
        } else if (style.align == load::HAlign::Right) {
            x += content_width - line.width_pt;
        }
        const double line_top = content_top - static_cast<double>(i - first) * style.line_height_pt;
        TextItem item;
        item.baseline = {x, line_top - style.ascent_pt};
        item.width = line.width_pt;
        item.family = style.family;
        item.size = style.size_pt;
        item.color = style.color;
        item.text = line.text;
        item.box = content_box;
        item.glyphs = line.glyphs;
        out.emplace_back(std::move(item));
    }
}

} // namespace formpdf::layout
