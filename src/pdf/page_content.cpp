#include "pdf/page_content.h"

#include "pdf/content_stream.h"
#include "pdf/pdf_writer.h"
#include "pdf/to_unicode_cmap.h"

#include <algorithm>
#include <type_traits>

namespace formpdf::pdf {
namespace {

template <class... Ts> struct Overloaded : Ts... { using Ts::operator()...; };
template <class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

// Splits a line into runs of one font each, into `runs` (reused from line to line: its glyph
// vectors keep their capacity, which saves two allocations per line). Each run starts where the
// shaped advances of the glyphs before it end, so a fallback glyph sits exactly where the shaper
// put it. A glyph whose shaped advance differs from its font's own advance (kerning, features)
// carries a TJ adjustment.
void font_runs(const layout::TextItem& item, const FontEmbedders& fonts,
               std::set<text::FontId>& used_fonts, std::vector<FontRun>& runs) {
    std::size_t count = 0;
    double x = item.baseline.x;
    text::FontId current = 0;
    for (const text::ShapedGlyph& glyph : item.glyphs) {
        const FontEmbedder& font = *fonts.at(glyph.font);
        if (count == 0 || glyph.font != current) {
            if (count == runs.size()) {
                runs.emplace_back();
            }
            FontRun& run = runs[count++];
            run.font_name = font_resource_name(glyph.font);
            run.x = x;
            run.glyphs.clear();
            current = glyph.font;
            used_fonts.insert(glyph.font);
        }
        GlyphCode code{font.code(glyph.gid), 0};
        if (glyph.advance_units != font.advance_units(glyph.gid)) {
            code.adjustment =
                font.width(glyph.gid) - glyph.advance_units * 1000.0 / font.units_per_em();
        }
        runs[count - 1].glyphs.push_back(code);
        x += glyph.advance_pt;
    }
    runs.resize(count);
}

// A guess at the content stream's size, so that it grows once or twice rather than ten times:
// a table rule is ~30 bytes, a text line ~30 plus 4 per glyph.
std::size_t estimated_content_size(const layout::Page& page) {
    std::size_t size = 0;
    for (const layout::PageItem& item : page.items) {
        const auto* text = std::get_if<layout::TextItem>(&item);
        size += text != nullptr ? 30 + 4 * text->glyphs.size() : 30;
    }
    return size;
}

} // namespace

std::string font_resource_name(text::FontId font) {
    std::string name = "F";
    name += std::to_string(font); // not "F" + to_string(): GCC 12 -Wrestrict false positive
    return name;
}

GlyphUses collect_glyph_uses(const layout::Document& document) {
    // Thousands of uses of a few hundred glyphs per form: one lookup in a table indexed by gid
    // per use, and one map insertion per glyph (a map insertion per use was ~1 ms of the 41-form
    // batch). The tables are kept by the thread, 2 bytes per gid, and cleared after each use.
    struct Found {
        std::uint32_t gid;
        std::string_view text; // the first non-empty text it stands for, in page order
    };
    thread_local std::vector<std::vector<std::uint16_t>> slot_of_gid; // found index + 1, or 0
    if (slot_of_gid.size() < document.fonts.size()) {
        slot_of_gid.resize(document.fonts.size());
    }
    std::vector<std::vector<Found>> found(document.fonts.size());
    const auto clear = [&] {
        for (std::size_t font = 0; font < found.size(); ++font) {
            for (const Found& glyph : found[font]) {
                slot_of_gid[font][glyph.gid] = 0;
            }
        }
    };
    try {
        for (const layout::Page& page : document.pages) {
            for (const layout::PageItem& item : page.items) {
                const auto* text_item = std::get_if<layout::TextItem>(&item);
                if (text_item == nullptr) {
                    continue;
                }
                const std::vector<std::string_view> texts =
                    glyph_texts(text_item->text, text_item->glyphs);
                for (std::size_t i = 0; i < texts.size(); ++i) {
                    const text::ShapedGlyph& glyph = text_item->glyphs[i];
                    if (glyph.font >= document.fonts.size()) {
                        throw PdfError("a glyph of \"" + text_item->text + "\" uses font " +
                                       std::to_string(glyph.font) + " but the document has " +
                                       std::to_string(document.fonts.size()) + " fonts");
                    }
                    if (glyph.gid > 0xFFFF) {
                        throw PdfError("glyph id " + std::to_string(glyph.gid) +
                                       " does not fit a 2-byte code");
                    }
                    std::vector<std::uint16_t>& slots = slot_of_gid[glyph.font];
                    std::vector<Found>& list = found[glyph.font];
                    if (slots.empty()) {
                        slots.resize(0x10000);
                    }
                    std::uint16_t& slot = slots[glyph.gid];
                    if (slot == 0) {
                        if (list.size() == 0xFFFF) {
                            throw PdfError("more than 65,534 glyphs of one font in a document");
                        }
                        list.push_back({glyph.gid, texts[i]});
                        slot = static_cast<std::uint16_t>(list.size());
                    } else if (list[slot - 1].text.empty()) {
                        list[slot - 1].text = texts[i];
                    }
                }
            }
        }
    } catch (...) {
        clear();
        throw;
    }
    clear();
    GlyphUses uses(document.fonts.size());
    for (std::size_t font = 0; font < found.size(); ++font) {
        std::vector<Found>& list = found[font];
        std::sort(list.begin(), list.end(),
                  [](const Found& a, const Found& b) { return a.gid < b.gid; });
        for (const Found& glyph : list) {
            uses[font].emplace_hint(uses[font].end(), glyph.gid, std::string(glyph.text));
        }
    }
    return uses;
}

void record_glyph_uses(const GlyphUses& uses, const std::vector<text::FontResource>& resources,
                       FontEmbedders& fonts) {
    if (fonts.size() < uses.size()) {
        fonts.resize(uses.size()); // only grows: a writer may add several documents
    }
    for (text::FontId font = 0; font < uses.size(); ++font) {
        if (uses[font].empty()) {
            continue;
        }
        if (!fonts[font]) {
            if (font >= resources.size()) {
                throw PdfError("glyphs of font " + std::to_string(font) +
                               " but the font table has " + std::to_string(resources.size()) +
                               " fonts");
            }
            fonts[font] = std::make_unique<FontEmbedder>(resources[font]);
        }
        for (const auto& [gid, text] : uses[font]) {
            fonts[font]->use_glyph(gid, text);
        }
    }
}

void record_glyph_use(const layout::Document& document, FontEmbedders& fonts) {
    record_glyph_uses(collect_glyph_uses(document), document.fonts, fonts);
}

PageContent build_page_content(const layout::Page& page, const FontEmbedders& fonts) {
    PageContent content;
    content.operators.reserve(estimated_content_size(page));
    std::vector<FontRun> runs;
    ContentWriter writer(content.operators);
    for (const layout::PageItem& item : page.items) {
        std::visit(
            Overloaded{
                [&](const layout::FilledRect& rect) { writer.fill_rect(rect.rect, rect.fill); },
                [&](const layout::StrokedLine& line) {
                    writer.stroke_line(line.from, line.to, line.line_width, line.color);
                },
                [&](const layout::TextItem& text) {
                    if (text.glyphs.empty()) {
                        return;
                    }
                    font_runs(text, fonts, content.fonts, runs);
                    writer.text_line(text.size, text.color, text.baseline.y, runs);
                },
            },
            item);
    }
    writer.finish();
    return content;
}

} // namespace formpdf::pdf
