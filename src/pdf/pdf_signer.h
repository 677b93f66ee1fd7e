#pragma once

#include "layout/document.h"
#include "pdf/cms_signature.h"
#include "pdf/signing_credentials.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace formpdf::pdf {

// A visible signature: a box on a page, and what is drawn in it.
struct SignatureAppearance {
    int page_index = 0; // 0-based
    // The box, in points from the top-left corner of the page's MediaBox.
    double left_pt = 0;
    double top_pt = 0;
    double width_pt = 0;
    double height_pt = 0;
    // What the box shows, laid out by the caller in the box's own space: origin at the box's
    // bottom-left corner, content.width/height equal to the box size. Text items carry glyphs of
    // `fonts` (indexed by text::FontId), embedded as subsets like the form's own fonts.
    layout::Page content;
    std::vector<text::FontResource> fonts;
};

struct SignRequest {
    std::string input_name; // the input file, for messages
    const SigningCredentials* credentials = nullptr;
    SignatureFormat format = SignatureFormat::PadesBaselineB;
    std::int64_t signing_time = 0; // seconds since the epoch, UTC: written as /M (the real clock)
    std::string field_name;        // empty: "Signature1", "Signature2", ... (the first unused)
    std::string reason;            // each of these is left out when empty
    std::string location;
    std::string contact_info;
    // nullopt: an invisible signature (a printable widget with an empty /Rect on page 1).
    std::optional<SignatureAppearance> appearance;
};

// Signs the PDF as an incremental update: the result starts with exactly the input bytes and
// appends one revision holding the signature field, its widget, the signature dictionary
// (/ByteRange over the whole file but the /Contents value) and, for PDF/A, the XMP ModifyDate and
// Info /ModDate set to the signing time. Earlier signatures stay valid.
//
// Throws DiagnosticError (at input_name) for a file that is not a PDF, is encrypted or damaged
// (untrusted_pdf.h: page-tree and field cycles, pages that are not dictionaries, a /Count that
// lies, a /Length past the end, anything PoDoFo cannot parse), already has a field of that name,
// or is PDF/A and a string would exceed PDF/A's 32,767-byte limit, or for an appearance outside
// the page; PdfError for a failure of OpenSSL or of the update itself.
std::string sign_pdf(std::string_view input_pdf, const SignRequest& request);

} // namespace formpdf::pdf
