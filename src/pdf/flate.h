#pragma once

#include <string>
#include <string_view>

namespace PoDoFo {
class PdfObject;
} // namespace PoDoFo

namespace formpdf::pdf {

// Compression levels of libdeflate (1-12), chosen by measuring (docs/performance.md).
// Font programs (CFF, TrueType) are dense binary that shrinks ~15% at any level: a form's 49 KB
// CFF takes 0.23 ms at level 1 (zlib's level 1: 0.98 ms, level 6: 1.35 ms) and is 1% larger
// than at level 6.
constexpr int kFontProgramFlateLevel = 1;
// Page contents and CMaps are text and shrink ~4x. Level 1: the 57 pages of the 41 seed forms
// (581 KB) in 2.3 ms and 138.5 KB, against 4.1 ms and 130.7 KB at level 3 (zlib's level 4):
// ~1 ms of the 41-form combined file for 2.5% more bytes.
constexpr int kTextFlateLevel = 1;

// `bytes` in the zlib format that /FlateDecode reads, compressed with libdeflate (whole-buffer
// compression: what a PDF stream is, and 2-4x faster than zlib here). Deterministic for a given
// libdeflate build. Throws PdfError on failure.
std::string deflate_bytes(std::string_view bytes, int level);

// Makes `object` a /FlateDecode stream holding `compressed` (from deflate_bytes) as is, so that
// PoDoFo does not compress it again. Keys the stream needs besides /Filter and /Length (/Length1,
// /Subtype) must be set before: a streamed document writes the dictionary when the stream starts.
void set_flate_stream(PoDoFo::PdfObject& object, std::string_view compressed);

} // namespace formpdf::pdf
