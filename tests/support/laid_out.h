#pragma once

// Laying out a layout given as YAML text in a test, and reading the laid-out pages back: shared by
// the layout stage's tests (header-only: the tests that include it link the layout libraries).

#include "layout/document.h"
#include "layout/document_layouter.h"
#include "load/declaration.h"
#include "load/layout_loader.h"
#include "text/font_library.h"

#include <string>
#include <variant>
#include <vector>

namespace formpdf::testing {

// The system fonts, scanned once per test program.
inline text::FontLibrary& system_fonts() {
    static text::FontLibrary library({}, true);
    return library;
}

struct Laid {
    load::LayoutSpec spec;
    layout::Document document;
};

// The layout (YAML text, named test.yaml in diagnostics) laid out with the declarations.
inline Laid lay_out(const std::string& yaml,
                    const std::vector<const load::Declaration*>& declarations = {}) {
    Laid laid{load::load_layout_text(yaml, "test.yaml"), {}};
    laid.document = layout::layout_forms(laid.spec, declarations, system_fonts());
    return laid;
}

// The text items of a page, in drawing order.
inline std::vector<const layout::TextItem*> texts_of(const layout::Page& page) {
    std::vector<const layout::TextItem*> out;
    for (const layout::PageItem& item : page.items) {
        if (const auto* text = std::get_if<layout::TextItem>(&item)) {
            out.push_back(text);
        }
    }
    return out;
}

} // namespace formpdf::testing
