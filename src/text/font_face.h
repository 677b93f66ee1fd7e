#pragma once

// RAII handles for HarfBuzz objects, and the plain data FreeType reads of a face
// (freetype_font.h). Private to the text stage: nothing here may appear in a public header.

#include <hb-ot.h>
#include <hb.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace formpdf::text {

struct HbBlobDeleter {
    void operator()(hb_blob_t* blob) const { hb_blob_destroy(blob); }
};
struct HbFaceDeleter {
    void operator()(hb_face_t* face) const { hb_face_destroy(face); }
};
struct HbFontDeleter {
    void operator()(hb_font_t* font) const { hb_font_destroy(font); }
};
struct HbBufferDeleter {
    void operator()(hb_buffer_t* buffer) const { hb_buffer_destroy(buffer); }
};
using HbBlob = std::unique_ptr<hb_blob_t, HbBlobDeleter>;
using HbFace = std::unique_ptr<hb_face_t, HbFaceDeleter>;
using HbFont = std::unique_ptr<hb_font_t, HbFontDeleter>;
using HbBuffer = std::unique_ptr<hb_buffer_t, HbBufferDeleter>;

// Memory-maps a font file (lazily: pages are read only when a table is touched). Null when the file
// cannot be opened, is not a regular file or is larger than kMaxFontFileBytes (font_resource.h);
// *why_not (when given) then says which.
HbBlob map_font_file(const std::string& path, std::string* why_not = nullptr);

// Which outlines a face carries; decides how the PDF stage embeds it.
enum class OutlineFormat {
    Cff,      // 'CFF ' table: embedded as CIDFontType0
    TrueType, // 'glyf' table: embedded as CIDFontType2
    Cff2,     // 'CFF2' (variable CFF): not embeddable in PDF, rejected
    None,     // bitmap-only or broken: rejected
};

// What the scan records about one face: enough to match a request. Read by FreeType
// (freetype_font.h) from the name, OS/2 and head tables and the table directory; opening a face
// never pulls its outlines into memory.
struct FaceSummary {
    unsigned face_index = 0;
    // Every family name of the face, as the font spells it: typographic family (name ID 16) and
    // legacy family (name ID 1), in every language the name table has. Deduplicated, sorted.
    std::vector<std::string> family_names;
    std::string display_family; // ID 16 in English, else ID 1 in English, else any of the above
    int weight = 400;           // OS/2 usWeightClass (head macStyle bold when there is no OS/2)
    int width_class = 5;        // OS/2 usWidthClass, 5 = normal
    bool italic = false;        // OS/2 fsSelection italic/oblique, or head macStyle italic
    OutlineFormat outlines = OutlineFormat::None;
};

// Metrics for the PDF font descriptor, from FreeType (docs/fonts.md, "Font descriptor").
struct FaceMetrics {
    int units_per_em = 1000;
    int ascender = 0;   // OS/2 sTypoAscender, else FreeType's ascender (hhea)
    int descender = 0;  // OS/2 sTypoDescender, else FreeType's descender (negative)
    int cap_height = 0; // OS/2 sCapHeight (version >= 2), else 0.7 * ascender
    int bbox_x_min = 0, bbox_y_min = 0, bbox_x_max = 0, bbox_y_max = 0; // FreeType's bbox (head)
    double italic_angle = 0; // post italicAngle, degrees counter-clockwise from vertical
    int stem_v = 80;         // thousandths of an em: StdVW, else from the weight class
};

// A PDF-safe PostScript name: printable ASCII without spaces or PDF delimiters.
std::string sanitize_postscript_name(const std::string& name);

} // namespace formpdf::text
