#include "pdf/untrusted_pdf.h"

#include "core/diagnostic.h"
#include "core/messages.h"
#include "pdf/podofo_support.h"

#include <podofo/podofo.h>

#include <functional>
#include <set>

namespace formpdf::pdf {
namespace {

using PoDoFo::PdfObject;

// Deeper page trees do not occur (a balanced tree of 64 levels holds more pages than any file);
// the limit keeps the walk's recursion bounded.
constexpr int kMaxPageTreeDepth = 64;

[[noreturn]] void fail(const UntrustedPdf& source, std::string message, std::string hint) {
    SourceLoc loc;
    loc.file = source.file;
    throw DiagnosticError(make_error(loc, std::move(message), std::move(hint)));
}

[[noreturn]] void fail_encrypted(const UntrustedPdf& source) {
    fail(source, tr("the PDF is encrypted and cannot be {0}", {tr(source.purpose.c_str())}),
         tr("formpdf reads only unencrypted PDFs (PDF/A forbids encryption); use the unencrypted "
            "original"));
}

std::string object_label(const PdfObject* object) {
    const PoDoFo::PdfReference& ref = object->Reference();
    if (ref.ObjectNumber() == 0) {
        return tr("an inline object");
    }
    return "object " + std::to_string(ref.ObjectNumber()) + " " +
           std::to_string(ref.GenerationNumber()) + " R";
}

PdfObject* resolve(PoDoFo::PdfMemDocument& pdf, PdfObject* object) {
    return object != nullptr && object->IsReference()
               ? pdf.GetObjects().GetObject(object->GetReference())
               : object;
}

// Whether the bytes hold the /Encrypt key (of a trailer or cross-reference stream), as a whole
// name: "/Encrypt 4 0 R", not "/EncryptMetadata". Judged before PoDoFo reads the file: its
// encryption set-up crashes on a malformed /Encrypt dictionary (found by fuzz_pdf), and formpdf
// refuses encrypted files anyway.
bool declares_encryption(std::string_view bytes) {
    const std::string_view key = "/Encrypt";
    for (std::size_t at = bytes.find(key); at != std::string_view::npos;
         at = bytes.find(key, at + key.size())) {
        const std::size_t next = at + key.size();
        if (next >= bytes.size() ||
            std::string_view(" \t\r\n\f\0", 6) /* PDF white space */.find(bytes[next]) !=
                std::string_view::npos ||
            std::string_view("()<>[]{}/%").find(bytes[next]) != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

struct PageWalk {
    PoDoFo::PdfMemDocument& pdf;
    const UntrustedPdf& source;
    std::set<const PdfObject*> visited;
    std::vector<PdfObject*> pages;

    void visit(PdfObject* node, int depth) {
        if (node == nullptr) {
            fail_damaged(source, tr("its page tree refers to an object that does not exist"));
        }
        if (!node->IsDictionary()) {
            fail_damaged(source, tr("its page tree holds {0}, which is not a dictionary",
                                    {object_label(node)}));
        }
        if (!visited.insert(node).second) {
            fail_damaged(source, tr("its page tree has a cycle ({0} is reached twice)",
                                    {object_label(node)}));
        }
        if (depth > kMaxPageTreeDepth) {
            fail_damaged(source, tr("its page tree is more than {0} levels deep",
                                    {std::to_string(kMaxPageTreeDepth)}));
        }
        const PoDoFo::PdfDictionary& dict = node->GetDictionary();
        const PdfObject* type = dict.GetKey("Type");
        const std::string type_name =
            type != nullptr && type->IsName() ? type->GetName().GetName() : "";
        if (type_name == "Page" || (type_name.empty() && !dict.HasKey("Kids"))) {
            pages.push_back(node);
            return;
        }
        PdfObject* kids = resolve(pdf, node->GetDictionary().GetKey("Kids"));
        if (type_name != "Pages" && !type_name.empty()) {
            fail_damaged(source, tr("its page tree holds {0} of type /{1}, not a page",
                                    {object_label(node), type_name}));
        }
        if (kids == nullptr || !kids->IsArray()) {
            fail_damaged(source,
                         tr("the page tree node {0} has no /Kids array", {object_label(node)}));
        }
        const std::size_t before = pages.size();
        for (PdfObject& kid : kids->GetArray()) {
            visit(resolve(pdf, &kid), depth + 1);
        }
        const PdfObject* count = dict.GetKey("Count");
        const std::size_t found = pages.size() - before;
        if (count == nullptr || !count->IsNumber() || count->GetNumber() < 0 ||
            static_cast<std::size_t>(count->GetNumber()) != found) {
            fail_damaged(source, tr("the page tree node {0} says /Count {1}, but holds {2} page(s)",
                                    {object_label(node),
                                     count != nullptr && count->IsNumber()
                                         ? std::to_string(count->GetNumber())
                                         : std::string(tr("(none)")),
                                     std::to_string(found)}));
        }
    }
};

// Every stream's /Length must be a whole number that fits in the file. PoDoFo recovers from a
// wrong one by searching for "endstream", and would copy the wrong length into what it writes;
// a /Length of 10^12 is damage, not something to sign.
void check_stream_lengths(PoDoFo::PdfMemDocument& pdf, const UntrustedPdf& source,
                          std::string_view bytes) {
    // PoDoFo replaces a /Length past the end of the file by what it found while parsing, so the
    // written value is read from the bytes: "/Length" followed by a whole number.
    const std::string_view key = "/Length";
    for (std::size_t at = bytes.find(key); at != std::string_view::npos;
         at = bytes.find(key, at + key.size())) {
        std::size_t digits = at + key.size();
        while (digits < bytes.size() && (bytes[digits] == ' ' || bytes[digits] == '\n' ||
                                         bytes[digits] == '\r' || bytes[digits] == '\t')) {
            ++digits;
        }
        std::uint64_t value = 0;
        std::size_t end = digits;
        while (end < bytes.size() && end - digits < 19 && bytes[end] >= '0' && bytes[end] <= '9') {
            value = value * 10 + static_cast<std::uint64_t>(bytes[end] - '0');
            ++end;
        }
        if (end > digits && value > bytes.size()) {
            fail_damaged(source, tr("a stream's /Length is {0} bytes, more than the whole file "
                                    "(at byte {1})",
                                    {std::to_string(value), std::to_string(at)}));
        }
    }
    const std::size_t file_size = bytes.size();
    for (PdfObject* object : pdf.GetObjects()) {
        if (object == nullptr || !object->IsDictionary() || !object->HasStream()) {
            continue;
        }
        const PdfObject* length = resolve(pdf, object->GetDictionary().GetKey("Length"));
        if (length == nullptr || !length->IsNumber() || length->GetNumber() < 0 ||
            static_cast<std::uint64_t>(length->GetNumber()) > file_size) {
            fail_damaged(
                source,
                length != nullptr && length->IsNumber()
                    ? tr("the stream of {0} has a /Length that is {1} bytes, more than the whole "
                         "file",
                         {object_label(object), std::to_string(length->GetNumber())})
                    : tr("the stream of {0} has a /Length that is not a whole number",
                         {object_label(object)}));
        }
    }
}

// The form's field tree (/AcroForm /Fields and each field's /Kids) must be a tree too: verify
// walks it to find the signatures, and a cycle is damage like a cycle of pages.
void check_field_tree(PoDoFo::PdfMemDocument& pdf, const UntrustedPdf& source) {
    PdfObject* form = resolve(pdf, pdf.GetCatalog()->GetDictionary().GetKey("AcroForm"));
    if (form == nullptr || !form->IsDictionary()) {
        return;
    }
    PdfObject* fields = resolve(pdf, form->GetDictionary().GetKey("Fields"));
    if (fields == nullptr || !fields->IsArray()) {
        return;
    }
    std::set<const PdfObject*> visited;
    std::function<void(PdfObject*, int)> visit = [&](PdfObject* field, int depth) {
        if (field == nullptr || !field->IsDictionary()) {
            return; // not a field: the readers skip it
        }
        if (!visited.insert(field).second) {
            fail_damaged(source, tr("its form fields have a cycle ({0} is reached twice)",
                                    {object_label(field)}));
        }
        if (depth > kMaxPageTreeDepth) {
            fail_damaged(source, tr("its form fields are nested more than {0} levels deep",
                                    {std::to_string(kMaxPageTreeDepth)}));
        }
        PdfObject* kids = resolve(pdf, field->GetDictionary().GetKey("Kids"));
        if (kids != nullptr && kids->IsArray()) {
            for (PdfObject& kid : kids->GetArray()) {
                visit(resolve(pdf, &kid), depth + 1);
            }
        }
    };
    for (PdfObject& field : fields->GetArray()) {
        visit(resolve(pdf, &field), 0);
    }
}

} // namespace

void fail_damaged(const UntrustedPdf& source, const std::string& detail) {
    fail(source,
         tr("the PDF is damaged and cannot be {0}: {1}", {tr(source.purpose.c_str()), detail}),
         tr("check the file with `qpdf --check`; use the original, undamaged file"));
}

void load_untrusted_pdf(PoDoFo::PdfMemDocument& pdf, std::string_view bytes,
                        const UntrustedPdf& source, bool for_update) {
    if (bytes.substr(0, 5) != "%PDF-") {
        fail(source, tr("this is not a PDF file (it does not start with %PDF-)"),
             tr("give a PDF file, e.g. one written by `formpdf render`"));
    }
    if (declares_encryption(bytes)) {
        fail_encrypted(source);
    }
    silence_podofo();
    try {
        pdf.LoadFromBuffer(bytes.data(), static_cast<long>(bytes.size()), for_update);
        if (pdf.GetEncrypted()) {
            fail_encrypted(source);
        }
        if (pdf.GetCatalog() == nullptr || !pdf.GetCatalog()->IsDictionary()) {
            fail_damaged(source, tr("it has no document catalog"));
        }
        if (page_objects(pdf, source).empty()) {
            // (PoDoFo adds an empty page tree to a catalog without one.)
            fail_damaged(source, tr("it has no pages"));
        }
        check_field_tree(pdf, source);
        check_stream_lengths(pdf, source, bytes);
    } catch (const PoDoFo::PdfError& error) {
        if (error.GetError() == PoDoFo::ePdfError_InvalidPassword) {
            fail_encrypted(source);
        }
        fail_damaged(source, podofo_message(error));
    }
}

std::vector<PdfObject*> page_objects(PoDoFo::PdfMemDocument& pdf, const UntrustedPdf& source) {
    PdfObject* root = resolve(pdf, pdf.GetCatalog()->GetDictionary().GetKey("Pages"));
    if (root == nullptr) {
        fail_damaged(source, tr("it has no page tree (/Pages)"));
    }
    PageWalk walk{pdf, source, {}, {}};
    walk.visit(root, 0);
    return walk.pages;
}

std::optional<PoDoFo::PdfRect> media_box_of(PoDoFo::PdfMemDocument& pdf, const PdfObject* page) {
    std::set<const PdfObject*> seen;
    for (const PdfObject* node = page;
         node != nullptr && node->IsDictionary() && seen.insert(node).second;
         node = resolve(pdf, const_cast<PdfObject*>(node->GetDictionary().GetKey("Parent")))) {
        const PdfObject* box =
            resolve(pdf, const_cast<PdfObject*>(node->GetDictionary().GetKey("MediaBox")));
        if (box == nullptr) {
            continue;
        }
        if (!box->IsArray() || box->GetArray().size() != 4) {
            return std::nullopt;
        }
        for (const PdfObject& value : box->GetArray()) {
            if (!value.IsNumber() && !value.IsReal()) {
                return std::nullopt;
            }
        }
        return PoDoFo::PdfRect(box->GetArray());
    }
    return std::nullopt;
}

} // namespace formpdf::pdf
