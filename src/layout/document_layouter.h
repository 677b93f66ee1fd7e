#pragma once

#include "core/diagnostic.h"
#include "layout/document.h"
#include "load/declaration.h"
#include "load/layout_spec.h"
#include "text/font_library.h"

#include <vector>

namespace formpdf::layout {

// Lays out forms onto pages: one form per declaration, each starting on a new page, with page
// numbers counted per form and one bookmark per form. An empty list of declarations lays out the
// layout alone (its literal text; every field empty: the blank template). Fonts are loaded once for
// all forms. Throws DiagnosticError for user errors (an unknown font, a character no font has).
// Warnings (a font without the weight asked for) go to `diagnostics`.
Document layout_forms(const load::LayoutSpec& spec,
                      const std::vector<const load::Declaration*>& declarations,
                      text::FontLibrary& fonts, Diagnostics& diagnostics);
Document layout_forms(const load::LayoutSpec& spec,
                      const std::vector<const load::Declaration*>& declarations,
                      text::FontLibrary& fonts);

// The layout alone (no declaration), as layout_forms(spec, {}, fonts).
Document layout_document(const load::LayoutSpec& spec, text::FontLibrary& fonts);

} // namespace formpdf::layout
