#pragma once

#include "layout/document.h"

#include <vector>

namespace PoDoFo {
class PdfMemDocument;
class PdfObject;
class PdfReference;
class PdfVecObjects;
} // namespace PoDoFo

namespace formpdf::pdf {

// Writes the document outline (bookmarks) and points the Catalog's /Outlines at it. Each entry
// shows its whole page (/Fit); titles are UTF-16BE. Entries whose page does not exist
// point to the last page. Nothing is written for an empty list.
void write_outline_tree(PoDoFo::PdfMemDocument& pdf, const std::vector<layout::Outline>& outlines,
                        const std::vector<PoDoFo::PdfReference>& pages);

// The same for any document (a streamed one): objects are created in `objects`, and `catalog`
// gets the /Outlines key.
void write_outline_tree(PoDoFo::PdfVecObjects& objects, PoDoFo::PdfObject& catalog,
                        const std::vector<layout::Outline>& outlines,
                        const std::vector<PoDoFo::PdfReference>& pages);

} // namespace formpdf::pdf
