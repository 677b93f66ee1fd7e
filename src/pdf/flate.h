#pragma once

#include <string>
#include <string_view>

namespace PoDoFo {
class PdfObject;
} // namespace PoDoFo

namespace formpdf::pdf {

// zlib levels, chosen by measuring (docs/performance.md). PoDoFo compresses at zlib's default, 6.
// Font programs (CFF, TrueType) are dense binary that shrinks ~15% at any level: level 1 costs
// ~20% fewer instructions than 6 and loses 0.7% of size.
constexpr int kFontProgramFlateLevel = 1;
// Page contents and CMaps are text: level 4 (lazy matching) costs ~15% fewer instructions than 6
// for 3% more bytes; level 1 would save another third but write ~18% more bytes.
constexpr int kTextFlateLevel = 4;

// `bytes` in the zlib format that /FlateDecode reads. Deterministic for a given zlib build.
// Throws PdfError if zlib fails.
std::string deflate_bytes(std::string_view bytes, int level);

// Makes `object` a /FlateDecode stream holding `compressed` (from deflate_bytes) as is, so that
// PoDoFo does not compress it again. Keys the stream needs besides /Filter and /Length (/Length1,
// /Subtype) must be set before: a streamed document writes the dictionary when the stream starts.
void set_flate_stream(PoDoFo::PdfObject& object, std::string_view compressed);

} // namespace formpdf::pdf
