#pragma once

// A font file's damage with the facts given, for the tests of its words and of the scan cache
// that keeps it (text/font_file_damage.h).

#include "text/font_file_damage.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace formpdf::testing {

inline text::FontFileDamage damage_facts(text::FontFileDamage::Kind kind, int error = 0,
                                         std::uint64_t bytes = 0, std::uint32_t face_count = 0,
                                         std::vector<std::uint32_t> faces = {}) {
    text::FontFileDamage made;
    made.kind = kind;
    made.freetype_error = error;
    made.bytes = bytes;
    made.face_count = face_count;
    made.faces = std::move(faces);
    return made;
}

} // namespace formpdf::testing
