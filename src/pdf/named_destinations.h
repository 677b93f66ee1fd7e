#pragma once

// Writes a document's named boxes as named destinations. Private to src/pdf/.

#include "layout/document.h"

#include <podofo/podofo.h>

#include <vector>

namespace formpdf::pdf {

// Adds /Names << /Dests << /Names [(name) [page /FitR l b r t] ...] >> >> to the catalog, keys in
// byte order as a name tree requires. Nothing when there are no named boxes.
void write_named_destinations(PoDoFo::PdfMemDocument& pdf,
                              const std::vector<layout::NamedBox>& boxes,
                              const std::vector<PoDoFo::PdfReference>& pages);

} // namespace formpdf::pdf
