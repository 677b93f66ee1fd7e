#include "layout/document_merge.h"

#include <algorithm>

namespace formpdf::layout {

namespace {

void shift_pages(std::vector<Outline>& outlines, int offset) {
    for (Outline& outline : outlines) {
        outline.page_index += offset;
        shift_pages(outline.children, offset);
    }
}

} // namespace

void add_named_box(Document& document, NamedBox box) {
    const std::string base = box.name;
    const auto taken = [&](const std::string& name) {
        return std::any_of(document.named_boxes.begin(), document.named_boxes.end(),
                           [&](const NamedBox& other) { return other.name == name; });
    };
    for (int n = 2; taken(box.name); ++n) {
        box.name = base + "-" + std::to_string(n);
    }
    document.named_boxes.push_back(std::move(box));
}

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
    for (NamedBox& box : part.named_boxes) {
        box.page_index += offset;
        add_named_box(into, std::move(box));
    }
    if (part.fonts.size() >= into.fonts.size()) {
        into.fonts = std::move(part.fonts);
    }
}

} // namespace formpdf::layout
