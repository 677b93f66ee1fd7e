#pragma once

// SubsetSources' internals, for the PDF stage only.

#include "pdf/hb_handles.h"
#include "pdf/subset_sources.h"

#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace formpdf::pdf {

struct SubsetSources::Impl {
    // The reduced face of `resource`, made on first use from `face` (the same face, opened by the
    // caller). The face lives as long as this object.
    hb_face_t* face_for(const text::FontResource& resource, hb_face_t* face);

private:
    std::mutex mutex_;
    std::map<std::pair<std::string, unsigned>, HbFace> faces_; // (path, face index) -> reduced
};

} // namespace formpdf::pdf
