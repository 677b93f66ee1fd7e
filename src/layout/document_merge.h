#pragma once

#include "layout/document.h"

namespace formpdf::layout {

// Appends the pages and bookmarks of `part` to `into` (bookmark pages renumbered). Both were laid
// out with the same FontLibrary, whose font table only grows, so the later table is kept.
void append_document(Document& into, Document&& part);

// Adds a named box, keeping names unique in the document (they become PDF named destinations): a
// name already taken gets "-2", "-3" ... after it.
void add_named_box(Document& document, NamedBox box);

} // namespace formpdf::layout
