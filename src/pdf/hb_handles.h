#pragma once

// Owning handles for the HarfBuzz objects the PDF stage creates, so that no early return or
// exception can leak a blob, face, font, set or subset input/plan.

#include <hb-subset.h>
#include <hb.h>

#include <memory>

namespace formpdf::pdf {

struct HbBlobDeleter {
    void operator()(hb_blob_t* blob) const { hb_blob_destroy(blob); }
};
struct HbFaceDeleter {
    void operator()(hb_face_t* face) const { hb_face_destroy(face); }
};
struct HbFontDeleter {
    void operator()(hb_font_t* font) const { hb_font_destroy(font); }
};
struct HbSubsetInputDeleter {
    void operator()(hb_subset_input_t* input) const { hb_subset_input_destroy(input); }
};
struct HbSubsetPlanDeleter {
    void operator()(hb_subset_plan_t* plan) const { hb_subset_plan_destroy(plan); }
};

using HbBlob = std::unique_ptr<hb_blob_t, HbBlobDeleter>;
using HbFace = std::unique_ptr<hb_face_t, HbFaceDeleter>;
using HbFont = std::unique_ptr<hb_font_t, HbFontDeleter>;
using HbSubsetInput = std::unique_ptr<hb_subset_input_t, HbSubsetInputDeleter>;
using HbSubsetPlan = std::unique_ptr<hb_subset_plan_t, HbSubsetPlanDeleter>;

} // namespace formpdf::pdf
