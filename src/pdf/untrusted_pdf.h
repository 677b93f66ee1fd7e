#pragma once

// Reading a PDF that came from outside (the input of sign and verify) without trusting its
// structure: PoDoFo's own page access follows /Count and /Kids as written, and a page that is not
// a dictionary, a page that is its own parent or a /Count that lies made it crash. Private to
// src/pdf/.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace PoDoFo {
class PdfMemDocument;
class PdfObject;
class PdfRect;
} // namespace PoDoFo

namespace formpdf::pdf {

// What the file is read for, in messages: "the PDF is damaged and cannot be <purpose>".
struct UntrustedPdf {
    std::string file;    // the file name, the location of every message
    std::string purpose; // N_("signed"), N_("verified"), ...: translated where it is shown
};

// Loads `bytes` into `pdf` (for_update: keeping the bytes, to append a revision) and checks what
// the caller relies on: a catalog, a page tree that is a tree (no cycle, every node a
// dictionary, /Count equal to the pages found), form fields without a /Kids cycle, and stream
// lengths that fit in the file. Throws DiagnosticError at the file for bytes that
// are not a PDF, an encrypted PDF, or a damaged one.
void load_untrusted_pdf(PoDoFo::PdfMemDocument& pdf, std::string_view bytes,
                        const UntrustedPdf& source, bool for_update);

// The page dictionaries in document order, found by walking the page tree with every check of
// load_untrusted_pdf. Throws DiagnosticError at the file when the tree is damaged.
std::vector<PoDoFo::PdfObject*> page_objects(PoDoFo::PdfMemDocument& pdf,
                                             const UntrustedPdf& source);

// The page's /MediaBox, inherited from its /Parent chain when it has none; nullopt when there is
// none or it is not four numbers.
std::optional<PoDoFo::PdfRect> media_box_of(PoDoFo::PdfMemDocument& pdf,
                                            const PoDoFo::PdfObject* page);

// Throws the DiagnosticError "the PDF is damaged and cannot be <purpose>: <detail>".
[[noreturn]] void fail_damaged(const UntrustedPdf& source, const std::string& detail);

} // namespace formpdf::pdf
