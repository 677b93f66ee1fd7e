#include "pdf/streamed_pdf_writer.h"

#include "core/file_io.h"
#include "core/number_format.h"
#include "core/output_file.h"
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
#include <future>
#include <map>
#include <ostream>
#include <streambuf>

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

// The stream PoDoFo writes the file through, into the OutputFile (an exclusively created
// temporary, core/output_file.h). PoDoFo does not look at a stream's state, and its own file
// device loses the errors of buffered writes (a full disk gave a file without a trailer), so this
// buffer keeps the first error and the writer checks it after every part and before the rename.
class OutputFileBuffer : public std::streambuf {
public:
    explicit OutputFileBuffer(OutputFile& file) : file_(file), buffer_(256 * 1024) { reset(); }

    // Writes what is buffered; throws the first IoError met.
    void check() {
        write_buffered();
        if (!error_.empty()) {
            throw IoError(error_);
        }
    }

protected:
    int_type overflow(int_type c) override {
        if (!write_buffered()) {
            return traits_type::eof();
        }
        if (!traits_type::eq_int_type(c, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(c);
            pbump(1);
        }
        return traits_type::not_eof(c);
    }
    int sync() override { return write_buffered() ? 0 : -1; }

    // PoDoFo's device seeks the stream (to where it already is, mostly): writing goes on there.
    pos_type seekoff(off_type offset, std::ios_base::seekdir way,
                     std::ios_base::openmode which) override {
        if (!(which & std::ios_base::out) || !write_buffered()) {
            return pos_type(off_type(-1));
        }
        off_type base = static_cast<off_type>(position_);
        if (way == std::ios_base::beg) {
            base = 0;
        } else if (way == std::ios_base::end) {
            base = static_cast<off_type>(file_.size());
        }
        if (base + offset < 0) {
            return pos_type(off_type(-1));
        }
        position_ = static_cast<std::uint64_t>(base + offset);
        return pos_type(static_cast<off_type>(position_));
    }
    pos_type seekpos(pos_type position, std::ios_base::openmode which) override {
        return seekoff(off_type(position), std::ios_base::beg, which);
    }

private:
    void reset() { setp(buffer_.data(), buffer_.data() + buffer_.size()); }

    bool write_buffered() {
        if (error_.empty() && pptr() > pbase()) {
            const std::string_view bytes(pbase(), static_cast<std::size_t>(pptr() - pbase()));
            try {
                file_.write_at(position_, bytes);
                position_ += bytes.size();
            } catch (const IoError& error) {
                error_ = error.what();
            }
        }
        reset();
        return error_.empty();
    }

    OutputFile& file_;
    std::uint64_t position_ = 0; // where the buffer's first byte goes in the file
    std::vector<char> buffer_;
    std::string error_;
};

// PdfImmediateWriter derives the trailer /ID from the Info dictionary as it is when the document
// is created, clock-stamped CreationDate included, and offers no way to set it. Replace the two
// 32-digit strings in place (same length, so no offset moves) with the content hash.
void replace_trailer_id(OutputFile& file, const std::string& id_hex) {
    const std::uint64_t size = file.size();
    const std::uint64_t tail_start = size > 4096 ? size - 4096 : 0;
    std::string tail = file.read_at(tail_start, static_cast<std::size_t>(size - tail_start));
    const std::size_t key = tail.rfind("/ID");
    if (key == std::string::npos) {
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
    file.write_at(tail_start, tail);
}

} // namespace

struct StreamedPdfWriter::Impl {
    std::filesystem::path path;
    PdfOptions options;
    std::vector<text::FontResource> fonts;
    FontEmbedders embedders; // one per font of the table, stable codes
    // Destroyed from the document down to the file (the temporary is removed unless finished).
    std::unique_ptr<OutputFile> file;
    std::unique_ptr<OutputFileBuffer> buffer;
    std::unique_ptr<std::ostream> stream;
    std::unique_ptr<PoDoFo::PdfOutputDevice> device;
    std::unique_ptr<StreamedDocument> pdf;
    PdfObject* resources = nullptr; // shared by every page; fonts filled in by finish()
    PdfReference pages_root;
    std::vector<PdfReference> pages;
    std::vector<PdfReference> front_pages;
    Sha256 hash;

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
    impl.file = std::make_unique<OutputFile>(path); // IoError when it cannot be created
    impl.buffer = std::make_unique<OutputFileBuffer>(*impl.file);
    impl.stream = std::make_unique<std::ostream>(impl.buffer.get());
    impl.options = options;
    impl.fonts = std::move(fonts);
    try {
        for (const text::FontResource& resource : impl.fonts) {
            impl.embedders.push_back(std::make_unique<FontEmbedder>(resource));
            impl.embedders.back()->use_stable_codes();
        }
        {
            const auto lock = document_creation_lock();
            impl.device = std::make_unique<PoDoFo::PdfOutputDevice>(impl.stream.get());
            impl.pdf =
                std::make_unique<StreamedDocument>(impl.device.get(), PoDoFo::ePdfVersion_1_7);
        }
        impl.resources = impl.pdf->GetObjects()->CreateObject();
        impl.pages_root = impl.pdf->GetCatalog()->GetDictionary().GetKey("Pages")->GetReference();
    } catch (const PoDoFo::PdfError& error) {
        throw PdfError(podofo_message(error));
    }
    impl.hash.update_field(options.producer);
    impl.hash.update_field(std::to_string(options.creation_time));
}

StreamedPdfWriter::~StreamedPdfWriter() = default; // OutputFile removes an unfinished temporary

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
    impl_->buffer->check(); // a full disk stops the file here, not at the end
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
        impl.device.reset();
        impl.buffer->check();
        replace_trailer_id(*impl.file, content_hash.substr(0, 32));
        // Flushed to disk with the batch's other files (flush_file_system).
        impl.file->commit(Durability::Deferred);
    } catch (const PoDoFo::PdfError& error) {
        impl.buffer->check(); // a write that failed first is the cause
        throw PdfError(podofo_message(error));
    }
}

} // namespace formpdf::pdf
