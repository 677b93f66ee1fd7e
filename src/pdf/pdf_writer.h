#pragma once

#include "layout/document.h"

#include "text/font_resource.h"

#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace formpdf::pdf {

struct PdfOptions {
    // Seconds since the Unix epoch (UTC) written as CreationDate/ModDate. The app takes it from
    // SOURCE_DATE_EPOCH when set, else the current time: the PDF stage never reads the clock.
    std::int64_t creation_time = 0;
    std::string producer; // e.g. "formpdf 0.1.0"
    // PDF/A-2b: XMP metadata matching Info, and an sRGB OutputIntent (docs/pdfa.md). Reads the
    // ICC profile at run time; throws DiagnosticError when it is not installed.
    bool pdfa = false;
};

// A failure inside the PDF library or the font subsetter that is not the user's fault.
class PdfError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A page ready to be written: its size, its content stream already Flate-compressed, and the
// fonts the stream draws with (for the page's /Resources).
struct PreparedPage {
    double width = 0;
    double height = 0;
    std::string content;
    std::set<text::FontId> fonts;
};

// The glyphs a document draws, per font (indexed by text::FontId): each glyph once, with the first
// non-empty text it stands for (for ToUnicode). Recording the uses of several documents in order
// gives what recording all their glyphs in that order gives.
using GlyphUses = std::vector<std::map<std::uint32_t, std::string>>;

// A document's pages ready to be written (StreamedPdfWriter::prepare) and the glyphs they draw:
// all a writer needs of the document, a small fraction of its memory.
struct PreparedPart {
    std::vector<PreparedPage> pages;
    GlyphUses glyphs;
};

// Serialises a laid-out document as PDF bytes: Type0/Identity-H fonts subset (CID-keyed CFF by
// cid_cff_font.h, the others by hb-subset; one subset per font per document, deterministic tag),
// /W widths, ToUnicode from the shaping clusters, Info (Title, Producer, CreationDate), /Lang, and
// a content-derived trailer /ID. The same document and options always give the same bytes. Throws
// PdfError.
//
// `prepared`, when given, holds the document's pages as StreamedPdfWriter::prepare made
// (PreparedPart::pages) them for a combined file: a batch builds and compresses each page once for
// both files. They are used when every font draws with codes that do not depend on the subset
// (TrueType: the glyph id; CID-keyed CFF such as Noto CJK: the CID), so the bytes are exactly those
// of a call without them; otherwise the pages are built again.
std::string write_pdf(const layout::Document& document, const PdfOptions& options,
                      const std::vector<PreparedPage>* prepared = nullptr);

// Does now, on the calling thread, what the first PDF drawing with these fonts does once per
// process: maps each font file, checks a CFF table's structure (65,000 glyphs of a Noto CJK face:
// ~1 ms for two faces) and reads a CID-keyed program. A batch calls it while the declarations are
// read, so that opening the combined file does not. Never throws: a font that fails here fails
// again, with its message, where it is used. Thread-safe.
void read_fonts_ahead(const std::vector<text::FontResource>& fonts) noexcept;

} // namespace formpdf::pdf
