#include "pdf/pdf_writer.h"

#include "core/number_format.h"
#include "pdf/content_hash.h"
#include "pdf/flate.h"
#include "pdf/font_embedder.h"
#include "pdf/named_destinations.h"
#include "pdf/outline_tree.h"
#include "pdf/page_content.h"
#include "pdf/pdf_date.h"
#include "pdf/pdfa_metadata.h"
#include "pdf/podofo_support.h"
#include "pdf/sha256.h"

#include <podofo/podofo.h>

#include <cmath>
#include <map>
#include <set>

namespace formpdf::pdf {
namespace {

using PoDoFo::PdfArray;
using PoDoFo::PdfDictionary;
using PoDoFo::PdfMemDocument;
using PoDoFo::PdfName;
using PoDoFo::PdfObject;
using PoDoFo::PdfString;
using PoDoFo::PdfVariant;

PdfString utf8_string(const std::string& text) {
    return PdfString(reinterpret_cast<const PoDoFo::pdf_utf8*>(text.c_str()));
}

void subset_fonts(FontEmbedders& fonts) {
    for (auto& font : fonts) {
        if (font) {
            font->subset();
        }
    }
}

std::vector<PreparedPage> build_page_contents(const layout::Document& document,
                                              const FontEmbedders& fonts) {
    std::vector<PreparedPage> pages;
    pages.reserve(document.pages.size());
    for (const layout::Page& page : document.pages) {
        PageContent content = build_page_content(page, fonts);
        pages.push_back({page.width, page.height, deflate_bytes(content.operators, kTextFlateLevel),
                         std::move(content.fonts)});
    }
    return pages;
}

// Whether pages prepared with stable codes (StreamedPdfWriter) draw exactly what this document's
// own pages would: switches the fonts to stable codes when every one of them keeps the same
// codes that way (then the subsets are the same too), and leaves them alone otherwise.
bool can_use_prepared(const layout::Document& document, const std::vector<PreparedPage>* prepared,
                      FontEmbedders& fonts) {
    if (prepared == nullptr || prepared->size() != document.pages.size()) {
        return false;
    }
    for (std::size_t i = 0; i < prepared->size(); ++i) {
        if ((*prepared)[i].width != document.pages[i].width ||
            (*prepared)[i].height != document.pages[i].height) {
            return false;
        }
    }
    for (const auto& font : fonts) {
        if (font && !font->has_subset_independent_codes()) {
            return false;
        }
    }
    for (auto& font : fonts) {
        if (font) {
            font->use_stable_codes();
        }
    }
    return true;
}

std::map<text::FontId, PoDoFo::PdfReference> embed_fonts(PdfMemDocument& pdf,
                                                         const FontEmbedders& fonts) {
    std::map<text::FontId, PoDoFo::PdfReference> references;
    for (text::FontId id = 0; id < fonts.size(); ++id) {
        if (fonts[id]) {
            references.emplace(id, fonts[id]->embed(pdf.GetObjects()));
        }
    }
    return references;
}

// Writes the page objects and the page tree (one /Pages node whose /Kids are all the pages, as the
// streamed writer does) and returns the pages' references. Not PdfMemDocument::CreatePage: its
// page tree finds the insertion point by walking the Kids, so n pages cost O(n²) (2,000 pages of
// one long value took seconds).
std::vector<PoDoFo::PdfReference>
add_pages(PdfMemDocument& pdf, const layout::Document& document,
          const std::vector<PreparedPage>& contents,
          const std::map<text::FontId, PoDoFo::PdfReference>& font_references) {
    PoDoFo::PdfVecObjects& objects = pdf.GetObjects();
    PdfObject* root = pdf.GetPagesTree()->GetObject();
    std::vector<PoDoFo::PdfReference> pages;
    pages.reserve(document.pages.size());
    PdfArray kids;
    for (std::size_t i = 0; i < document.pages.size(); ++i) {
        const layout::Page& page = document.pages[i];
        PdfObject* content = objects.CreateObject();
        set_flate_stream(*content, contents[i].content);
        PdfDictionary resources;
        if (!contents[i].fonts.empty()) {
            PdfDictionary font_dict;
            for (text::FontId font : contents[i].fonts) {
                font_dict.AddKey(PdfName(font_resource_name(font)), font_references.at(font));
            }
            resources.AddKey("Font", font_dict);
        }
        PdfObject* object = objects.CreateObject("Page");
        PdfDictionary& dict = object->GetDictionary();
        dict.AddKey("Parent", root->Reference());
        dict.AddKey("MediaBox", media_box(page.width, page.height));
        dict.AddKey("Resources", resources);
        dict.AddKey("Contents", content->Reference());
        pages.push_back(object->Reference());
        kids.push_back(object->Reference());
    }
    root->GetDictionary().AddKey("Kids", kids);
    root->GetDictionary().AddKey("Count", PdfObject(static_cast<PoDoFo::pdf_int64>(pages.size())));
    return pages;
}

void write_catalog_entries(PdfMemDocument& pdf, const layout::Document& document) {
    PdfDictionary& catalog = pdf.GetCatalog()->GetDictionary();
    if (!document.metadata.language.empty()) {
        catalog.AddKey("Lang", PdfString(document.metadata.language));
    }
    PdfDictionary viewer_preferences;
    viewer_preferences.AddKey("DisplayDocTitle", PdfVariant(true));
    catalog.AddKey("ViewerPreferences", viewer_preferences);
    if (!document.outlines.empty() && !document.pages.empty()) {
        catalog.AddKey("PageMode", PdfName("UseOutlines"));
    }
}

// Everything that ends up in the file, hashed. PoDoFo derives the trailer /ID from the Info
// dictionary only, so putting this hash into Info makes the /ID change with the content. Streams
// are hashed as stored, compressed: as content-dependent as the raw bytes (Flate is lossless) and
// fewer to hash (page contents shrink ~6x, font programs ~15%).
std::string content_hash(const layout::Document& document, const PdfOptions& options,
                         const std::vector<PreparedPage>& contents, const FontEmbedders& fonts) {
    Sha256 hash;
    hash.update_field(document.metadata.title);
    hash.update_field(document.metadata.language);
    hash.update_field(options.producer);
    hash.update_field(std::to_string(options.creation_time));
    hash.update_field(options.pdfa ? "PDF/A-2b" : "");
    for (std::size_t i = 0; i < contents.size(); ++i) {
        hash_page(hash, document.pages[i].width, document.pages[i].height, contents[i].content);
    }
    for (const auto& font : fonts) {
        if (font) {
            hash_font(hash, *font);
        }
    }
    hash_outlines(hash, document.outlines);
    for (const layout::NamedBox& box : document.named_boxes) {
        hash.update_field(box.name + " " + std::to_string(box.page_index) + " " +
                          format_number(box.rect.x) + " " + format_number(box.rect.y) + " " +
                          format_number(box.rect.width) + " " + format_number(box.rect.height));
    }
    return to_hex(hash.digest());
}

void write_info(PdfMemDocument& pdf, const layout::Document& document, const PdfOptions& options,
                const std::string& hash) {
    PoDoFo::PdfInfo* info = pdf.GetInfo();
    if (!document.metadata.title.empty()) {
        info->SetTitle(utf8_string(document.metadata.title));
    }
    info->SetProducer(utf8_string(options.producer));
    // PoDoFo stamps CreationDate with the clock when it creates the document: replace it.
    const PdfString date(pdf_date(options.creation_time));
    info->GetObject()->GetDictionary().AddKey("CreationDate", date);
    info->GetObject()->GetDictionary().AddKey("ModDate", date);
    info->SetCustomKey(PdfName("X-formpdf-ContentHash"), PdfString(hash));
}

std::string serialize(PdfMemDocument& pdf) {
    PoDoFo::PdfRefCountedBuffer buffer;
    PoDoFo::PdfOutputDevice device(&buffer);
    pdf.Write(&device);
    return std::string(buffer.GetBuffer(), device.GetLength());
}

} // namespace

std::string write_pdf(const layout::Document& document, const PdfOptions& options,
                      const std::vector<PreparedPage>* prepared) {
    try {
        FontEmbedders fonts;
        record_glyph_use(document, fonts);
        const bool reuse = can_use_prepared(document, prepared, fonts);
        subset_fonts(fonts);
        std::vector<PreparedPage> built;
        if (!reuse) {
            built = build_page_contents(document, fonts);
        }
        const std::vector<PreparedPage>& contents = reuse ? *prepared : built;

        const std::unique_ptr<PdfMemDocument> created = new_memory_document();
        PdfMemDocument& pdf = *created;
        pdf.SetPdfVersion(PoDoFo::ePdfVersion_1_7);
        const auto font_references = embed_fonts(pdf, fonts);
        const auto pages = add_pages(pdf, document, contents, font_references);
        write_outline_tree(pdf, document.outlines, pages);
        write_named_destinations(pdf, document.named_boxes, pages);
        write_catalog_entries(pdf, document);
        write_info(pdf, document, options, content_hash(document, options, contents, fonts));
        if (options.pdfa) {
            add_pdfa_objects(pdf,
                             {document.metadata.title, options.producer, options.creation_time,
                              options.creation_time},
                             srgb_icc_profile());
        }
        return serialize(pdf);
    } catch (const PoDoFo::PdfError& error) {
        throw PdfError(podofo_message(error));
    }
}

void read_fonts_ahead(const std::vector<text::FontResource>& fonts) noexcept {
    for (const text::FontResource& font : fonts) {
        try {
            const FontEmbedder reader(font); // its once-per-process reading is cached
        } catch (...) {
        }
    }
}

} // namespace formpdf::pdf
