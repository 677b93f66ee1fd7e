#pragma once

// What the in-memory and the streamed writer both feed into the content hash behind the trailer
// /ID, fed the same way so that the two writers agree on what makes documents differ.

#include "layout/document.h"
#include "pdf/font_embedder.h"
#include "pdf/sha256.h"

#include <string_view>
#include <vector>

namespace formpdf::pdf {

// A page: its size and its content stream as stored (compressed).
void hash_page(Sha256& hash, double width, double height, std::string_view content);

// A subset font: its name, its program as stored, and the text of each glyph (the ToUnicode
// CMap: two files drawing the same glyphs for different text must not share an /ID).
void hash_font(Sha256& hash, const FontEmbedder& font);

// The bookmark tree: titles, target pages and nesting.
void hash_outlines(Sha256& hash, const std::vector<layout::Outline>& outlines);

} // namespace formpdf::pdf
