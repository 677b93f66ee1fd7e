#pragma once

// FontLibrary's internals, for the text stage only (the shaper and the line breaker reach the
// HarfBuzz faces through FontLibrary::impl()). Never include this from another stage.

#include "text/font_catalog.h"
#include "text/font_face.h"
#include "text/font_library.h"
#include "text/line_cache.h"

#include <cassert>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace formpdf::text {

// One loaded face. The font is immutable once created, so shaping may use it from several threads.
struct LoadedFace {
    HbFace face;
    HbFont font; // scale = units per em, so shaped advances are in font units
};

struct FontLibrary::Impl {
    FontCatalog catalog;
    std::vector<FontResource> resources; // indexed by FontId
    std::vector<LoadedFace> faces;       // indexed by FontId, parallel to resources
    // Mapped font files, shared by the faces of one collection.
    std::map<std::string, HbBlob> blobs;
    // (path, face index) -> id: two requests that resolve to one face share it.
    std::map<std::pair<std::string, unsigned>, FontId> ids_by_face;
    // (lower-cased family, weight) -> id: a repeated request does not search again.
    std::map<std::pair<std::string, int>, FontId> ids_by_request;
    LineCache line_cache;
    // Files the scan skipped that load() has reported already.
    std::set<std::string> reported_skips;

    Impl(std::vector<std::filesystem::path> search_dirs, bool include_system_dirs,
         FontScanLimits limits)
        : catalog(std::move(search_dirs), include_system_dirs, limits) {}

    hb_face_t* face(FontId id) const {
        assert(id < faces.size());
        return faces[id].face.get();
    }
    hb_font_t* font(FontId id) const {
        assert(id < faces.size());
        return faces[id].font.get();
    }
};

} // namespace formpdf::text
