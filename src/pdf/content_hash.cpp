#include "pdf/content_hash.h"

#include "core/number_format.h"

#include <string>

namespace formpdf::pdf {

void hash_page(Sha256& hash, double width, double height, std::string_view content) {
    std::string size = format_number(width);
    size += ' ';
    append_number(size, height);
    hash.update_field(size);
    hash.update_field(content);
}

void hash_font(Sha256& hash, const FontEmbedder& font) {
    hash.update_field(font.base_font());
    hash.update_field(font.font_file_stream());
    for (const auto& [gid, text] : font.glyph_texts()) {
        hash.update_field(std::to_string(gid));
        hash.update_field(text);
    }
}

void hash_outlines(Sha256& hash, const std::vector<layout::Outline>& outlines) {
    for (const layout::Outline& outline : outlines) {
        hash.update_field(outline.title);
        hash.update_field(std::to_string(outline.page_index));
        hash.update_field(std::to_string(outline.children.size()));
        hash_outlines(hash, outline.children);
    }
}

} // namespace formpdf::pdf
