#include "pdf/streamed_pdf_writer.h"

#include "core/file_io.h"
#include "core/number_format.h"
#include "pdf/content_hash.h"
#include "pdf/flate.h"
#include "pdf/font_embedder.h"
#include "pdf/outline_tree.h"
#include "pdf/page_content.h"
#include "pdf/pdf_date.h"
#include "pdf/podofo_support.h"
#include "pdf/sha256.h"

#include <podofo/podofo.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <future>
#include <map>

namespace formpdf::pdf {
namespace {

using PoDoFo::pdf_int64;
using PoDoFo::PdfArray;
using PoDoFo::PdfDictionary;
using PoDoFo::PdfName;
using PoDoFo::PdfObject;
using PoDoFo::PdfReference;
using PoDoFo::PdfString;
using PoDoFo::PdfVariant;

// PdfStreamedDocument keeps the catalog and trailer protected; the writer needs the catalog.
class StreamedDocument : public PoDoFo::PdfStreamedDocument {
public:
    using PoDoFo::PdfDocument::GetCatalog;
    using PoDoFo::PdfStreamedDocument::PdfStreamedDocument;
};

// PdfImmediateWriter derives the trailer /ID from the Info dictionary as it is when the document
// is created, clock-stamped CreationDate included, and offers no way to set it. Replace the two
// 32-digit strings in place (same length, so no offset moves) with the content hash.
void replace_trailer_id(const std::filesystem::path& path, const std::string& id_hex) {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekg(0, std::ios::end);
    const std::streamoff size = file.tellg();
    const std::streamoff tail_start = std::max<std::streamoff>(0, size - 4096);
    std::string tail(static_cast<std::size_t>(size - tail_start), '\0');
    file.seekg(tail_start);
    file.read(tail.data(), static_cast<std::streamsize>(tail.size()));
    const std::size_t key = tail.rfind("/ID");
    if (!file || key == std::string::npos) {
        throw PdfError("the streamed PDF has no trailer /ID to make deterministic");
    }
    std::size_t at = key;
    for (int i = 0; i < 2; ++i) {
        const std::size_t open = tail.find('<', at);
        const std::size_t close = tail.find('>', open);
        if (open == std::string::npos || close == std::string::npos ||
            close - open - 1 != id_hex.size()) {
            throw PdfError("unexpected trailer /ID in the streamed PDF");
        }
        tail.replace(open + 1, id_hex.size(), id_hex);
        at = close + 1;
    }
    file.seekp(tail_start);
    file.write(tail.data(), static_cast<std::streamsize>(tail.size()));
    if (!file) {
        throw IoError("cannot write " + path.string());
    }
}

} // namespace

struct StreamedPdfWriter::Impl {
    std::filesystem::path path;
    std::filesystem::path temporary;
    PdfOptions options;
    std::vector<text::FontResource> fonts;
    FontEmbedders embedders; // one per font of the table, stable codes
    std::unique_ptr<StreamedDocument> pdf;
    PdfObject* resources = nullptr; // shared by every page; fonts filled in by finish()
    PdfReference pages_root;
    std::vector<PdfReference> pages;
    std::vector<PdfReference> front_pages;
    Sha256 hash;
    bool finished = false;

    PdfReference write_page(const PreparedPage& page) {
        PoDoFo::PdfVecObjects& objects = *pdf->GetObjects();
        // Keys first: the streamed document writes the dictionary when the stream starts.
        PdfObject* contents = objects.CreateObject();
        set_flate_stream(*contents, page.content);

        PdfObject* object = objects.CreateObject("Page");
        PdfDictionary& dict = object->GetDictionary();
        dict.AddKey("Parent", pages_root);
        dict.AddKey("MediaBox", media_box(page.width, page.height));
        dict.AddKey("Resources", resources->Reference());
        dict.AddKey("Contents", contents->Reference());

        hash_page(hash, page.width, page.height, page.content);
        return object->Reference();
    }

    void write_catalog(const StreamedFinish& finish) {
        PdfDictionary& catalog = pdf->GetCatalog()->GetDictionary();
        catalog.AddKey("Lang", PdfString("zh-CN"));
        PdfDictionary viewer_preferences;
        viewer_preferences.AddKey("DisplayDocTitle", PdfVariant(true));
        catalog.AddKey("ViewerPreferences", viewer_preferences);
        const std::size_t total = front_pages.size() + pages.size();
        if (!finish.outlines.empty() && total > 0) {
            catalog.AddKey("PageMode", PdfName("UseOutlines"));
        }
        if (!finish.page_labels.empty()) {
            PdfArray nums;
            for (const PageLabelRange& range : finish.page_labels) {
                nums.push_back(PdfObject(static_cast<pdf_int64>(range.first_page)));
                PdfDictionary label;
                if (!range.style.empty()) {
                    label.AddKey("S", PdfName(range.style));
                }
                if (!range.prefix.empty()) {
                    label.AddKey("P", PdfString(reinterpret_cast<const PoDoFo::pdf_utf8*>(
                                          range.prefix.c_str())));
                }
                if (range.start != 1) {
                    label.AddKey("St", PdfObject(static_cast<pdf_int64>(range.start)));
                }
                nums.push_back(label);
                hash.update_field(std::to_string(range.first_page) + range.style + range.prefix +
                                  std::to_string(range.start));
            }
            PdfDictionary labels;
            labels.AddKey("Nums", nums);
            catalog.AddKey("PageLabels", labels);
        }
    }

    void write_page_tree() {
        PdfObject* root = pdf->GetObjects()->GetObject(pages_root);
        PdfArray kids;
        for (const PdfReference& page : front_pages) {
            kids.push_back(page);
        }
        for (const PdfReference& page : pages) {
            kids.push_back(page);
        }
        root->GetDictionary().AddKey("Kids", kids);
        root->GetDictionary().AddKey(
            "Count", PdfObject(static_cast<pdf_int64>(front_pages.size() + pages.size())));
    }

    // Every used font's subset, each on a thread of its own: the body font's (~7 ms for the 662
    // glyphs of the 41 seed forms) is most of finish(), and the page tree, the outline and the
    // other fonts need not wait for it.
    std::vector<std::future<FontEmbedder::SubsetProgram>> start_subsets() const {
        std::vector<std::future<FontEmbedder::SubsetProgram>> subsets(embedders.size());
        for (text::FontId id = 0; id < embedders.size(); ++id) {
            const FontEmbedder* font = embedders[id].get();
            if (font->is_used()) {
                subsets[id] = std::async(std::launch::async, [font, gids = font->glyph_ids()] {
                    return font->make_subset(gids);
                });
            }
        }
        return subsets;
    }

    void write_fonts(std::vector<std::future<FontEmbedder::SubsetProgram>>& subsets) {
        PdfDictionary font_dict;
        for (text::FontId id = 0; id < embedders.size(); ++id) {
            FontEmbedder& font = *embedders[id];
            if (!font.is_used()) {
                continue;
            }
            FontEmbedder::SubsetProgram program = subsets.at(id).get();
            font.subset(&program);
            hash_font(hash, font);
            font_dict.AddKey(PdfName(font_resource_name(id)), font.embed(*pdf->GetObjects()));
        }
        resources->GetDictionary().AddKey("Font", font_dict);
    }

    void write_info(const StreamedFinish& finish, const std::string& content_hash) {
        PoDoFo::PdfInfo* info = pdf->GetInfo();
        if (!finish.title.empty()) {
            info->SetTitle(
                PdfString(reinterpret_cast<const PoDoFo::pdf_utf8*>(finish.title.c_str())));
        }
        info->SetProducer(
            PdfString(reinterpret_cast<const PoDoFo::pdf_utf8*>(options.producer.c_str())));
        const PdfString date(pdf_date(options.creation_time));
        info->GetObject()->GetDictionary().AddKey("CreationDate", date);
        info->GetObject()->GetDictionary().AddKey("ModDate", date);
        info->SetCustomKey(PdfName("X-formpdf-ContentHash"), PdfString(content_hash));
    }
};

StreamedPdfWriter::StreamedPdfWriter(const std::filesystem::path& path,
                                     std::vector<text::FontResource> fonts,
                                     const PdfOptions& options)
    : impl_(std::make_unique<Impl>()) {
    Impl& impl = *impl_;
    impl.path = path;
    impl.temporary = path;
    impl.temporary += ".partial";
    impl.options = options;
    impl.fonts = std::move(fonts);
    try {
        for (const text::FontResource& resource : impl.fonts) {
            impl.embedders.push_back(std::make_unique<FontEmbedder>(resource));
            impl.embedders.back()->use_stable_codes();
        }
        {
            const auto lock = document_creation_lock();
            impl.pdf =
                std::make_unique<StreamedDocument>(impl.temporary.c_str(), PoDoFo::ePdfVersion_1_7);
        }
        impl.resources = impl.pdf->GetObjects()->CreateObject();
        impl.pages_root = impl.pdf->GetCatalog()->GetDictionary().GetKey("Pages")->GetReference();
    } catch (const PoDoFo::PdfError& error) {
        if (error.GetError() == PoDoFo::ePdfError_FileNotFound) {
            throw IoError("cannot write " + impl.temporary.string());
        }
        throw PdfError(podofo_message(error));
    }
    impl.hash.update_field(options.producer);
    impl.hash.update_field(std::to_string(options.creation_time));
}

StreamedPdfWriter::~StreamedPdfWriter() {
    if (!impl_->finished) {
        impl_->pdf.reset();
        std::error_code ignored;
        std::filesystem::remove(impl_->temporary, ignored);
    }
}

PreparedPart StreamedPdfWriter::prepare(const layout::Document& part) const {
    PreparedPart prepared;
    prepared.pages.reserve(part.pages.size());
    try {
        for (const layout::Page& page : part.pages) {
            PageContent content = build_page_content(page, impl_->embedders);
            prepared.pages.push_back({page.width, page.height,
                                      deflate_bytes(content.operators, kTextFlateLevel),
                                      std::move(content.fonts)});
        }
        prepared.glyphs = collect_glyph_uses(part);
        // The glyphs' share of the fonts' subsets, done here on the worker: the subsets at the
        // end, on the serial path, then only assemble.
        for (std::size_t id = 0; id < prepared.glyphs.size() && id < impl_->embedders.size();
             ++id) {
            impl_->embedders[id]->prepare_glyphs(prepared.glyphs[id]);
        }
    } catch (const PoDoFo::PdfError& error) {
        throw PdfError(podofo_message(error));
    }
    return prepared;
}

int StreamedPdfWriter::add_pages(PreparedPart part) {
    const int first = static_cast<int>(impl_->pages.size());
    try {
        record_glyph_uses(part.glyphs, impl_->fonts, impl_->embedders);
        for (const PreparedPage& page : part.pages) {
            impl_->pages.push_back(impl_->write_page(page));
        }
    } catch (const PoDoFo::PdfError& error) {
        throw PdfError(podofo_message(error));
    }
    return first;
}

int StreamedPdfWriter::page_count() const {
    return static_cast<int>(impl_->pages.size());
}

void StreamedPdfWriter::add_front_pages(const layout::Document& part) {
    const PreparedPart prepared = prepare(part);
    try {
        record_glyph_uses(prepared.glyphs, impl_->fonts, impl_->embedders);
        for (const PreparedPage& page : prepared.pages) {
            impl_->front_pages.push_back(impl_->write_page(page));
        }
    } catch (const PoDoFo::PdfError& error) {
        throw PdfError(podofo_message(error));
    }
}

void StreamedPdfWriter::finish(const StreamedFinish& finish) {
    Impl& impl = *impl_;
    try {
        auto subsets = impl.start_subsets();
        impl.write_page_tree();
        std::vector<PdfReference> all_pages = impl.front_pages;
        all_pages.insert(all_pages.end(), impl.pages.begin(), impl.pages.end());
        write_outline_tree(*impl.pdf->GetObjects(), *impl.pdf->GetCatalog(), finish.outlines,
                           all_pages);
        impl.write_catalog(finish);
        impl.write_fonts(subsets);
        impl.hash.update_field(finish.title);
        hash_outlines(impl.hash, finish.outlines);
        const std::string content_hash = to_hex(impl.hash.digest());
        impl.write_info(finish, content_hash);
        impl.pdf->Close();
        impl.pdf.reset();
        replace_trailer_id(impl.temporary, content_hash.substr(0, 32));
        std::filesystem::rename(impl.temporary, impl.path);
        impl.finished = true;
    } catch (const PoDoFo::PdfError& error) {
        throw PdfError(podofo_message(error));
    } catch (const std::filesystem::filesystem_error& error) {
        throw IoError("cannot write " + impl.path.string() + ": " + error.code().message());
    }
}

} // namespace formpdf::pdf
