#pragma once

// FreeType reads every font file: the faces the scan finds (names, weight, style, outlines) and the
// metrics of the face a layout uses. Private to the text stage; the FreeType headers stay in
// freetype_font.cpp and only plain data leaves it.

#include "text/font_face.h"
#include "text/font_file_damage.h"

#include <string>
#include <string_view>
#include <vector>

namespace formpdf::text {

// What the scan learns of one font file.
struct FontFileFaces {
    std::vector<FaceSummary> faces; // the faces that FreeType opens and that have a family name
    FontFileDamage damage; // why the file, or some of its faces, was skipped; empty when read whole
};

// Opens `path` without blocking (a FIFO named like a font), refuses what is not a regular file or
// is larger than kMaxFontFileBytes, then has FreeType open each face of it, reading the file with
// pread rather than mapping it (mapping costs ~40 us per file, see docs/performance.md).
FontFileFaces read_font_file_faces(const std::string& path);

// What the PDF font descriptor and the resource need of a loaded face, from FreeType.
struct LoadedFaceFacts {
    FaceSummary summary;
    FaceMetrics metrics;
    std::string postscript_name; // name ID 6, sanitized; else family-style
};

// The face `face_index` of a font file already in memory (the mapped file HarfBuzz shapes with).
// False, with `why_not` in words (the user's language), when FreeType cannot open it.
bool read_loaded_face(std::string_view file, unsigned face_index, LoadedFaceFacts& facts,
                      std::string& why_not);

} // namespace formpdf::text
