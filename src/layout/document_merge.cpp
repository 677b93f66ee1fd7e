#include "layout/document_merge.h"

namespace formpdf::layout {

namespace {

void shift_pages(std::vector<Outline>& outlines, int offset) {
    for (Outline& outline : outlines) {
        outline.page_index += offset;
        shift_pages(outline.children, offset);
    }
}

} // namespace

void append_document(Document& into, Document&& part) {
    const int offset = static_cast<int>(into.pages.size());
    shift_pages(part.outlines, offset);
    if (into.pages.empty()) {
        into.metadata = part.metadata;
    }
    for (Page& page : part.pages) {
        into.pages.push_back(std::move(page));
    }
    for (Outline& outline : part.outlines) {
        into.outlines.push_back(std::move(outline));
    }
    if (part.fonts.size() >= into.fonts.size()) {
        into.fonts = std::move(part.fonts);
    }
}

} // namespace formpdf::layout
