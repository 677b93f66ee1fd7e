#include "pdf/subset_sources.h"

#include "pdf/font_subset.h"
#include "pdf/subset_sources_impl.h"

namespace formpdf::pdf {

SubsetSources::SubsetSources() : impl_(std::make_unique<Impl>()) {}

SubsetSources::~SubsetSources() = default;

hb_face_t* SubsetSources::Impl::face_for(const text::FontResource& resource, hb_face_t* face) {
    const std::lock_guard<std::mutex> lock(mutex_);
    HbFace& reduced = faces_[{resource.path, resource.face_index}];
    if (!reduced) {
        reduced = reduced_face(face, resource.is_cff);
    }
    return reduced.get();
}

} // namespace formpdf::pdf
