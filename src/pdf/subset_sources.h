#pragma once

#include "text/font_resource.h"

#include <memory>

namespace formpdf::pdf {

// Font faces cut down to the tables a PDF embeds (the CFF or glyf outlines and their metrics),
// made once per face and shared by every document written with them (PdfOptions::subset_sources).
//
// Why: hb-subset walks the whole cmap of the source face on every call (65,000 code points for a
// CJK face) even though the subset drops it: ~4 ms per font per document. On the reduced face the
// same subset takes 0.2-2.5 ms and gives the same bytes. The reduced face references the
// original tables (no copy); it is kept per process because HarfBuzz caches its parsed tables in
// the face, which pays only when many documents share it: a batch.
//
// Thread-safe: documents may be written from several threads at once.
class SubsetSources {
public:
    SubsetSources();
    ~SubsetSources();
    SubsetSources(const SubsetSources&) = delete;
    SubsetSources& operator=(const SubsetSources&) = delete;

    struct Impl; // HarfBuzz faces; pdf stage only (subset_sources.cpp)
    Impl& impl() const { return *impl_; }

private:
    std::unique_ptr<Impl> impl_;
};

} // namespace formpdf::pdf
