#pragma once

#include "layout/document.h"
#include "load/layout_spec.h"
#include "text/font_library.h"

namespace formpdf::layout {

// Lays out a layout's blocks onto pages: loads its fonts, shapes and breaks every text, paginates.
// Throws DiagnosticError for user errors (an unknown font, a character no font has).
Document layout_document(const load::LayoutSpec& spec, text::FontLibrary& fonts);

} // namespace formpdf::layout
