#pragma once

#include "layout/document.h"

#include <cstdint>
#include <stdexcept>
#include <string>

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

// Serialises a laid-out document as PDF bytes: Type0/Identity-H fonts subset with hb-subset (one
// subset per font per document, deterministic tag), /W widths, ToUnicode from the shaping clusters,
// Info (Title, Producer, CreationDate), /Lang, and a content-derived trailer /ID. The same document
// and options always give the same bytes. Throws PdfError.
std::string write_pdf(const layout::Document& document, const PdfOptions& options);

} // namespace formpdf::pdf
