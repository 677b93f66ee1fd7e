#include "pdf/pdf_signer.h"

#include "core/diagnostic.h"
#include "core/messages.h"
#include "core/utf8.h"
#include "pdf/page_content.h"
#include "pdf/pdf_date.h"
#include "pdf/pdf_writer.h"
#include "pdf/pdfa_metadata.h"
#include "pdf/podofo_support.h"
#include "pdf/sha256.h"
#include "pdf/signature_verifier.h"
#include "pdf/untrusted_pdf.h"

#include <podofo/podofo.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace formpdf::pdf {
namespace {

using PoDoFo::pdf_int64;
using PoDoFo::PdfArray;
using PoDoFo::PdfDictionary;
using PoDoFo::PdfMemDocument;
using PoDoFo::PdfName;
using PoDoFo::PdfObject;
using PoDoFo::PdfString;

// Written into the signature dictionary and replaced once the file is laid out. The ByteRange
// placeholder is as wide as the largest values it can hold (10 digits each).
const std::string kByteRangePlaceholder = "[0 9999999999 9999999999 9999999999]";

// Room left in /Contents beyond the size of a trial signature: ECDSA signatures vary by a few
// bytes, and a margin costs nothing.
constexpr std::size_t kContentsMargin = 64;

[[noreturn]] void fail(const SignRequest& request, std::string message, std::string hint = {}) {
    SourceLoc loc;
    loc.file = request.input_name;
    throw DiagnosticError(make_error(loc, std::move(message), std::move(hint)));
}

bool text_string_is_ascii(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f;
    });
}

// ASCII as a plain string, anything else as UTF-16BE (PoDoFo's UTF-8 constructor).
PdfString text_string(const std::string& text) {
    return text_string_is_ascii(text)
               ? PdfString(text)
               : PdfString(reinterpret_cast<const PoDoFo::pdf_utf8*>(text.c_str()));
}

PdfArray rect_array(double left, double bottom, double right, double top) {
    PdfArray array;
    array.push_back(pdf_number(left));
    array.push_back(pdf_number(bottom));
    array.push_back(pdf_number(right));
    array.push_back(pdf_number(top));
    return array;
}

UntrustedPdf source_of(const SignRequest& request) {
    return UntrustedPdf{request.input_name, N_("signed")};
}

std::string field_name_of(const PdfObject* field) {
    const PdfObject* name = field->GetDictionary().GetKey("T");
    return name != nullptr && name->IsString() ? name->GetString().GetStringUtf8() : std::string();
}

// The bytes a text string takes in the file, as text_string() writes it: ASCII as is, anything
// else as UTF-16BE with a byte order mark.
std::size_t encoded_size(const std::string& text) {
    if (text_string_is_ascii(text)) {
        return text.size();
    }
    std::size_t units = 0;
    std::size_t pos = 0;
    char32_t c = 0;
    while (pos < text.size()) {
        units += decode_utf8(text, pos, c) && c > 0xFFFF ? 2 : 1;
    }
    return 2 + 2 * units;
}

// Whether the document claims PDF/A conformance (pdfaid:part in its XMP metadata): then the
// signature's revision must keep to PDF/A's limits too.
bool declares_pdfa(PdfMemDocument& pdf) {
    PdfObject* metadata = pdf.GetCatalog()->GetIndirectKey("Metadata");
    if (metadata == nullptr || !metadata->HasStream()) {
        return false;
    }
    char* buffer = nullptr;
    PoDoFo::pdf_long length = 0;
    metadata->GetStream()->GetFilteredCopy(&buffer, &length);
    const std::string xmp(buffer, static_cast<std::size_t>(length));
    PoDoFo::podofo_free(buffer);
    return xmp.find("pdfaid:part") != std::string::npos;
}

// PDF/A-2 (ISO 19005-2, 6.1.13, after ISO 32000-1 Annex C) limits a string to 32,767 bytes.
void check_pdfa_string_limits(const SignRequest& request, const std::string& field_name) {
    constexpr std::size_t kMaxPdfaStringBytes = 32767;
    const std::pair<const char*, std::string> strings[] = {
        {"--reason", request.reason},
        {"--location", request.location},
        {"--contact", request.contact_info},
        {"--field", field_name},
        {tr("the certificate's subject name (/Name)"), request.credentials->subject_common_name()},
    };
    for (const auto& [what, text] : strings) {
        const std::size_t size = encoded_size(text);
        if (size > kMaxPdfaStringBytes) {
            fail(request,
                 tr("{0} is {1} bytes as a PDF string; PDF/A allows at most 32767",
                    {what, std::to_string(size)}),
                 tr("this is a PDF/A file, and a longer string would break its conformance; "
                    "shorten the text"));
        }
    }
}

// The names of the document's top-level form fields.
std::set<std::string> existing_field_names(PdfMemDocument& pdf) {
    std::set<std::string> names;
    PdfObject* catalog = pdf.GetCatalog();
    PdfObject* form = catalog->GetIndirectKey("AcroForm");
    const PdfObject* fields =
        form != nullptr && form->IsDictionary() ? form->GetIndirectKey("Fields") : nullptr;
    if (fields == nullptr || !fields->IsArray()) {
        return names;
    }
    for (const PdfObject& item : fields->GetArray()) {
        const PdfObject* field =
            item.IsReference() ? pdf.GetObjects().GetObject(item.GetReference()) : &item;
        if (field != nullptr && field->IsDictionary()) {
            names.insert(field_name_of(field));
        }
    }
    return names;
}

std::string choose_field_name(PdfMemDocument& pdf, const SignRequest& request) {
    const std::set<std::string> names = existing_field_names(pdf);
    if (!request.field_name.empty()) {
        if (names.count(request.field_name) != 0) {
            fail(request, tr("the PDF already has a form field named '{0}'", {request.field_name}),
                 tr("choose another name with --field, or leave it out for SignatureN"));
        }
        return request.field_name;
    }
    for (int n = 1;; ++n) {
        std::string name = "Signature" + std::to_string(n);
        if (names.count(name) == 0) {
            return name;
        }
    }
}

// The appearance stream of a visible signature: a form XObject whose fonts are subsets embedded
// with the same embedder as the form's own text.
PoDoFo::PdfReference appearance_stream(PdfMemDocument& pdf, const SignatureAppearance& look) {
    layout::Document document;
    document.fonts = look.fonts;
    document.pages.push_back(look.content);
    FontEmbedders fonts;
    record_glyph_use(document, fonts);
    for (auto& font : fonts) {
        if (font) {
            font->subset();
        }
    }
    const PageContent content = build_page_content(look.content, fonts);

    PdfObject* xobject = pdf.GetObjects().CreateObject("XObject");
    PdfDictionary& dict = xobject->GetDictionary();
    dict.AddKey("Subtype", PdfName("Form"));
    dict.AddKey("BBox", rect_array(0, 0, look.width_pt, look.height_pt));
    PdfDictionary resources;
    if (!content.fonts.empty()) {
        PdfDictionary font_dict;
        for (text::FontId id : content.fonts) {
            font_dict.AddKey(PdfName(font_resource_name(id)), fonts[id]->embed(pdf.GetObjects()));
        }
        resources.AddKey("Font", font_dict);
    }
    dict.AddKey("Resources", resources);
    xobject->GetStream()->Set(content.operators.data(),
                              static_cast<PoDoFo::pdf_long>(content.operators.size()));
    return xobject->Reference();
}

PdfObject* resolved(PdfMemDocument& pdf, PdfObject* object) {
    return object != nullptr && object->IsReference()
               ? pdf.GetObjects().GetObject(object->GetReference())
               : object;
}

// The Catalog's /AcroForm as an indirect dictionary object: created when absent, made indirect
// when it was written inline. PoDoFo's PdfAcroForm is not used: wrapping an existing form adds
// /DA and a non-embedded Helvetica to /DR, which PDF/A forbids.
PdfObject* acro_form(PdfMemDocument& pdf) {
    PdfDictionary& catalog = pdf.GetCatalog()->GetDictionary();
    PdfObject* form = resolved(pdf, catalog.GetKey("AcroForm"));
    if (form != nullptr && form->IsDictionary() && catalog.GetKey("AcroForm")->IsReference()) {
        return form;
    }
    PdfObject* created = pdf.GetObjects().CreateObject();
    if (form != nullptr && form->IsDictionary()) {
        created->GetDictionary() = form->GetDictionary();
    }
    catalog.AddKey("AcroForm", created->Reference());
    return created;
}

// Appends `item` to the array at dict[key], which may be inline or an indirect array object.
void append_to_array(PdfMemDocument& pdf, PdfObject* owner, const char* key,
                     const PoDoFo::PdfReference& item) {
    PdfObject* value = owner->GetDictionary().GetKey(key);
    PdfObject* target = resolved(pdf, value);
    if (value != nullptr && value->IsReference() && target != nullptr && target->IsArray()) {
        target->GetArray().push_back(item); // PdfArray::insert marks it dirty
        return;
    }
    PdfArray array = target != nullptr && target->IsArray() ? target->GetArray() : PdfArray();
    array.push_back(item);
    owner->GetDictionary().AddKey(key, array);
}

// Adds the signature field (merged with its widget) to the form and the page; returns the
// signature dictionary to fill.
PdfObject* add_signature_field(PdfMemDocument& pdf, const SignRequest& request,
                               const std::string& field_name) {
    const std::vector<PdfObject*> pages = page_objects(pdf, source_of(request));
    const std::size_t page_count = pages.size();
    if (page_count == 0) {
        fail(request, tr("the PDF has no pages"), tr("a signature needs a page for its widget"));
    }
    const int page_index = request.appearance ? request.appearance->page_index : 0;
    if (page_index < 0 || static_cast<std::size_t>(page_index) >= page_count) {
        fail(request,
             tr("the PDF has {0} page(s); there is no page {1}",
                {std::to_string(page_count),
                 std::to_string(static_cast<std::int64_t>(page_index) + 1)}),
             tr("give a page number from 1 to {0}", {std::to_string(page_count)}));
    }
    PdfObject* page = pages[static_cast<std::size_t>(page_index)];

    PdfObject* signature = pdf.GetObjects().CreateObject("Sig");
    PdfObject* widget = pdf.GetObjects().CreateObject("Annot");
    PdfDictionary& w = widget->GetDictionary();
    w.AddKey("Subtype", PdfName("Widget"));
    w.AddKey("FT", PdfName("Sig"));
    w.AddKey("T", text_string(field_name));
    w.AddKey("V", signature->Reference());
    // PDF/A-2 6.3.2: printable, never hidden or invisible. An empty /Rect needs no /AP (6.3.3).
    w.AddKey("F", PdfObject(static_cast<pdf_int64>(4)));
    w.AddKey("P", page->Reference());
    w.AddKey("M", PdfString(pdf_date(request.signing_time)));
    w.AddKey("Rect", rect_array(0, 0, 0, 0));
    if (request.appearance) {
        const SignatureAppearance& look = *request.appearance;
        const std::optional<PoDoFo::PdfRect> media_box = media_box_of(pdf, page);
        if (!media_box) {
            fail_damaged(source_of(request),
                         tr("page {0} has no valid /MediaBox", {std::to_string(page_index + 1)}));
        }
        const PoDoFo::PdfRect& media = *media_box;
        const double left = media.GetLeft() + look.left_pt;
        const double top = media.GetBottom() + media.GetHeight() - look.top_pt;
        const double bottom = top - look.height_pt;
        if (look.width_pt <= 0 || look.height_pt <= 0 || look.left_pt < 0 || look.top_pt < 0 ||
            left + look.width_pt > media.GetLeft() + media.GetWidth() + 0.01 ||
            bottom < media.GetBottom() - 0.01) {
            fail(request,
                 tr("the signature box does not fit on page {0}", {std::to_string(page_index + 1)}),
                 tr("the page is {0}mm × {1}mm; give the box in mm from the page's top-left corner",
                    {std::to_string(std::lround(pt_to_mm(media.GetWidth()))),
                     std::to_string(std::lround(pt_to_mm(media.GetHeight())))}));
        }
        w.AddKey("Rect", rect_array(left, bottom, left + look.width_pt, top));
        PdfDictionary appearance;
        appearance.AddKey("N", appearance_stream(pdf, look));
        w.AddKey("AP", appearance);
    }

    append_to_array(pdf, page, "Annots", widget->Reference());
    PdfObject* form = acro_form(pdf);
    append_to_array(pdf, form, "Fields", widget->Reference());
    // SignaturesExist | AppendOnly: viewers must save changes as incremental updates.
    form->GetDictionary().AddKey("SigFlags", PdfObject(static_cast<pdf_int64>(3)));
    return signature;
}

// The /Contents value before signing: a hex string of zeros with room for `size` bytes.
std::string contents_placeholder(std::size_t size) {
    std::string text;
    text.reserve(2 * size + 2);
    text += '<';
    text.append(2 * size, '0');
    text += '>';
    return text;
}

void fill_signature_dictionary(PdfObject* signature, const SignRequest& request,
                               std::size_t contents_size) {
    PdfDictionary& dict = signature->GetDictionary();
    dict.AddKey("Type", PdfName("Sig"));
    dict.AddKey("Filter", PdfName("Adobe.PPKLite"));
    dict.AddKey("SubFilter",
                PdfName(request.format == SignatureFormat::PadesBaselineB ? "ETSI.CAdES.detached"
                                                                          : "adbe.pkcs7.detached"));
    dict.AddKey("M", PdfString(pdf_date(request.signing_time)));
    dict.AddKey("Name", text_string(request.credentials->subject_common_name()));
    if (!request.reason.empty()) {
        dict.AddKey("Reason", text_string(request.reason));
    }
    if (!request.location.empty()) {
        dict.AddKey("Location", text_string(request.location));
    }
    if (!request.contact_info.empty()) {
        dict.AddKey("ContactInfo", text_string(request.contact_info));
    }
    dict.AddKey("ByteRange", PoDoFo::PdfVariant(PoDoFo::PdfData(kByteRangePlaceholder.c_str())));
    dict.AddKey("Contents",
                PoDoFo::PdfVariant(PoDoFo::PdfData(contents_placeholder(contents_size).c_str())));
}

// Keeps Info and XMP equal (PDF/A-2 6.6.3): when the document has an XMP ModifyDate, it and Info
// /ModDate both become the signing time in this revision; otherwise /ModDate keeps its old value
// (PoDoFo stamps the current time when it loads a file for update).
void update_dates(PdfMemDocument& pdf, const SignRequest& request,
                  const std::optional<PdfObject>& old_mod_date) {
    PdfDictionary& info = pdf.GetInfo()->GetObject()->GetDictionary();
    PdfObject* metadata = pdf.GetCatalog()->GetIndirectKey("Metadata");
    if (metadata != nullptr && metadata->HasStream()) {
        char* buffer = nullptr;
        PoDoFo::pdf_long length = 0;
        metadata->GetStream()->GetFilteredCopy(&buffer, &length);
        const std::string xmp(buffer, static_cast<std::size_t>(length));
        PoDoFo::podofo_free(buffer);
        if (const auto updated = with_modify_date(xmp, request.signing_time)) {
            metadata->GetStream()->Set(updated->data(),
                                       static_cast<PoDoFo::pdf_long>(updated->size()),
                                       PoDoFo::TVecFilters());
            info.AddKey("ModDate", PdfString(pdf_date(request.signing_time)));
            return;
        }
    }
    if (old_mod_date) {
        info.AddKey("ModDate", *old_mod_date);
    } else {
        info.RemoveKey("ModDate");
    }
}

std::string write_update(PdfMemDocument& pdf) {
    PoDoFo::PdfRefCountedBuffer buffer;
    PoDoFo::PdfOutputDevice device(&buffer);
    pdf.WriteUpdate(&device, true); // true: start with a copy of the loaded file
    return std::string(buffer.GetBuffer(), device.GetLength());
}

std::size_t find_once(const std::string& haystack, const std::string& needle, std::size_t from) {
    const std::size_t at = haystack.find(needle, from);
    if (at == std::string::npos || haystack.find(needle, at + 1) != std::string::npos) {
        throw PdfError("the signature placeholder was not found exactly once in the update");
    }
    return at;
}

std::string padded_byte_range(std::size_t gap_start, std::size_t gap_end, std::size_t size) {
    std::string text = "[0 " + std::to_string(gap_start) + " " + std::to_string(gap_end) + " " +
                       std::to_string(size - gap_end) + "]";
    if (text.size() > kByteRangePlaceholder.size()) {
        throw PdfError("the file is too large for a signature byte range");
    }
    text.insert(text.size() - 1, kByteRangePlaceholder.size() - text.size(), ' ');
    return text;
}

std::string hex(std::string_view bytes) {
    constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * bytes.size());
    for (unsigned char c : bytes) {
        out += kDigits[c >> 4];
        out += kDigits[c & 0xf];
    }
    return out;
}

// The signed file, read as verify reads it, must show the new signature in its field, valid and
// covering the whole file. A file whose cross-reference chain is broken (a /Prev to nowhere, an
// earlier revision's objects in the way) can take an update that no reader links to the
// document: such a signature would be worthless, so the input is refused as damaged instead.
void check_reads_back(const std::string& output, const std::string& field_name,
                      const SignRequest& request) {
    std::vector<SignatureReport> reports;
    try {
        reports = verify_pdf(output);
    } catch (const DiagnosticError& error) {
        fail_damaged(source_of(request),
                     tr("the signed file does not read back: {0}", {error.diagnostic().message}));
    }
    const bool found = std::any_of(reports.begin(), reports.end(), [&](const auto& report) {
        return report.revision_end == output.size() && report.field_name == field_name &&
               report.valid();
    });
    if (!found) {
        fail_damaged(source_of(request),
                     tr("the signed file does not read back with its signature in the field '{0}' "
                        "(its cross-reference chain is probably broken)",
                        {field_name}));
    }
}

} // namespace

std::string sign_pdf(std::string_view input_pdf, const SignRequest& request) {
    if (request.credentials == nullptr) {
        throw PdfError("sign_pdf: no credentials");
    }
    // A trial signature over nothing has the size of the real one, give or take an ECDSA byte.
    const std::size_t contents_size =
        build_cms_signature(*request.credentials, "", request.format).size() + kContentsMargin;
    std::string output;
    std::string field_name;
    try {
        const std::unique_ptr<PdfMemDocument> created = new_memory_document();
        PdfMemDocument& pdf = *created;
        load_untrusted_pdf(pdf, input_pdf, source_of(request), true);
        std::optional<PdfObject> old_mod_date;
        if (const PdfObject* date = pdf.GetInfo()->GetObject()->GetDictionary().GetKey("ModDate")) {
            old_mod_date = *date;
        }
        field_name = choose_field_name(pdf, request);
        if (declares_pdfa(pdf)) {
            check_pdfa_string_limits(request, field_name);
        }
        PdfObject* signature = add_signature_field(pdf, request, field_name);
        fill_signature_dictionary(signature, request, contents_size);
        update_dates(pdf, request, old_mod_date);
        output = write_update(pdf);
    } catch (const PoDoFo::PdfError& error) {
        // Loading checked the structure; what PoDoFo still stumbles on (a stream it cannot
        // decode, an object it cannot parse when it is first read) is in the input too.
        fail_damaged(source_of(request), podofo_message(error));
    }

    if (output.size() <= input_pdf.size() || output.compare(0, input_pdf.size(), input_pdf) != 0) {
        throw PdfError("the incremental update changed bytes of the original file");
    }
    const std::size_t range_at = find_once(output, kByteRangePlaceholder, input_pdf.size());
    const std::string placeholder = contents_placeholder(contents_size);
    const std::size_t gap_start = find_once(output, placeholder, input_pdf.size());
    const std::size_t gap_end = gap_start + placeholder.size();
    output.replace(range_at, kByteRangePlaceholder.size(),
                   padded_byte_range(gap_start, gap_end, output.size()));

    std::string signed_bytes = output.substr(0, gap_start);
    signed_bytes.append(output, gap_end, std::string::npos);
    const std::string cms = build_cms_signature(*request.credentials, signed_bytes, request.format);
    if (cms.size() > contents_size) {
        throw PdfError("the signature (" + std::to_string(cms.size()) +
                       " bytes) is larger than the space reserved for it (" +
                       std::to_string(contents_size) + " bytes)");
    }
    const std::string cms_hex = hex(cms);
    output.replace(gap_start + 1, cms_hex.size(), cms_hex);
    check_reads_back(output, field_name, request);
    return output;
}

} // namespace formpdf::pdf
