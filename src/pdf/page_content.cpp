#include "pdf/page_content.h"

#include "pdf/content_stream.h"
#include "pdf/pdf_writer.h"
#include "pdf/to_unicode_cmap.h"

#include <type_traits>

namespace formpdf::pdf {
namespace {

template <class... Ts> struct Overloaded : Ts... { using Ts::operator()...; };
template <class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

// Splits a line into runs of one font each. Each run starts where the shaped advances of the
// glyphs before it end, so a fallback glyph sits exactly where the shaper put it. A glyph whose
// shaped advance differs from its font's own advance (kerning, features) carries a TJ adjustment.
std::vector<FontRun> font_runs(const layout::TextItem& item, const FontEmbedders& fonts,
                               std::set<text::FontId>& used_fonts) {
    std::vector<FontRun> runs;
    double x = item.baseline.x;
    text::FontId current = 0;
    for (const text::ShapedGlyph& glyph : item.glyphs) {
        const FontEmbedder& font = *fonts.at(glyph.font);
        if (runs.empty() || glyph.font != current) {
            runs.push_back(FontRun{font_resource_name(glyph.font), x, {}});
            current = glyph.font;
            used_fonts.insert(glyph.font);
        }
        GlyphCode code{font.code(glyph.gid), 0};
        if (glyph.advance_units != font.advance_units(glyph.gid)) {
            code.adjustment =
                font.width(glyph.gid) - glyph.advance_units * 1000.0 / font.units_per_em();
        }
        runs.back().glyphs.push_back(code);
        x += glyph.advance_pt;
    }
    return runs;
}

} // namespace

std::string font_resource_name(text::FontId font) {
    std::string name = "F";
    name += std::to_string(font); // not "F" + to_string(): GCC 12 -Wrestrict false positive
    return name;
}

void record_glyph_use(const layout::Document& document, FontEmbedders& fonts) {
    if (fonts.size() < document.fonts.size()) {
        fonts.resize(document.fonts.size()); // only grows: a writer may add several documents
    }
    for (const layout::Page& page : document.pages) {
        for (const layout::PageItem& item : page.items) {
            const auto* text_item = std::get_if<layout::TextItem>(&item);
            if (text_item == nullptr) {
                continue;
            }
            const std::vector<std::string> texts = glyph_texts(text_item->text, text_item->glyphs);
            for (std::size_t i = 0; i < texts.size(); ++i) {
                const text::ShapedGlyph& glyph = text_item->glyphs[i];
                if (glyph.font >= document.fonts.size()) {
                    throw PdfError("a glyph of \"" + text_item->text + "\" uses font " +
                                   std::to_string(glyph.font) + " but the document has " +
                                   std::to_string(document.fonts.size()) + " fonts");
                }
                if (!fonts[glyph.font]) {
                    fonts[glyph.font] = std::make_unique<FontEmbedder>(document.fonts[glyph.font]);
                }
                fonts[glyph.font]->use_glyph(glyph.gid, texts[i]);
            }
        }
    }
}

PageContent build_page_content(const layout::Page& page, const FontEmbedders& fonts) {
    PageContent content;
    for (const layout::PageItem& item : page.items) {
        std::visit(Overloaded{
                       [&](const layout::FilledRect& rect) {
                           append_filled_rect(content.operators, rect.rect, rect.fill);
                       },
                       [&](const layout::StrokedLine& line) {
                           append_stroked_line(content.operators, line.from, line.to,
                                               line.line_width, line.color);
                       },
                       [&](const layout::TextItem& text) {
                           if (text.glyphs.empty()) {
                               return;
                           }
                           append_text_line(content.operators, text.size, text.color,
                                            text.baseline.y, font_runs(text, fonts, content.fonts));
                       },
                   },
                   item);
    }
    return content;
}

} // namespace formpdf::pdf
