#pragma once

#include "layout/document.h"
#include "pdf/font_embedder.h"
#include "pdf/pdf_writer.h"

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace formpdf::pdf {

// Embedders indexed by text::FontId; null for fonts the document never draws with.
using FontEmbedders = std::vector<std::unique_ptr<FontEmbedder>>;

// The resource name a font is drawn with on every page: "F" + its FontId.
std::string font_resource_name(text::FontId font);

// The glyphs a document draws (pdf_writer.h GlyphUses); reads only, so from any thread. Throws
// PdfError for a glyph of an unknown FontId.
GlyphUses collect_glyph_uses(const layout::Document& document);

// Records the uses with each font's embedder, creating embedders on first use.
void record_glyph_uses(const GlyphUses& uses, const std::vector<text::FontResource>& resources,
                       FontEmbedders& fonts);

// Both at once: every glyph the pages draw, and the text it stands for.
void record_glyph_use(const layout::Document& document, FontEmbedders& fonts);

struct PageContent {
    std::string operators;        // the uncompressed content stream
    std::set<text::FontId> fonts; // fonts to list in the page's /Resources
};

// The page's items as content operators, in painting order; fonts must be subset already.
PageContent build_page_content(const layout::Page& page, const FontEmbedders& fonts);

} // namespace formpdf::pdf
