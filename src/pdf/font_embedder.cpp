#include "pdf/font_embedder.h"

#include "core/diagnostic.h"
#include "core/mapped_file.h"
#include "core/messages.h"
#include "pdf/cff_charset.h"
#include "pdf/cff_check.h"
#include "pdf/cid_cff_font.h"
#include "pdf/cid_widths.h"
#include "pdf/flate.h"
#include "pdf/pdf_writer.h"
#include "pdf/subset_tag.h"
#include "pdf/to_unicode_cmap.h"

#include <podofo/podofo.h>

#include <cmath>
#include <mutex>

namespace formpdf::pdf {
namespace {

using PoDoFo::pdf_int64;
using PoDoFo::PdfArray;
using PoDoFo::PdfDictionary;
using PoDoFo::PdfName;
using PoDoFo::PdfObject;
using PoDoFo::PdfString;
using PoDoFo::PdfVariant;

// A PDF name should hold the PostScript name as is; drop anything that is not printable ASCII
// (a PostScript name never has spaces, but a broken font's name table might).
std::string clean_postscript_name(const text::FontResource& resource) {
    std::string name;
    const std::string& source =
        resource.postscript_name.empty() ? resource.family : resource.postscript_name;
    for (char c : source) {
        if (c > ' ' && c < 127 && c != '(' && c != ')' && c != '/' && c != '[' && c != ']' &&
            c != '<' && c != '>' && c != '{' && c != '}' && c != '%') {
            name += c;
        }
    }
    return name.empty() ? std::string("Font") : name;
}

PdfObject integer(long long value) {
    return PdfObject(static_cast<pdf_int64>(value));
}

// Font files mapped once per process and shared by the embedders of every document: mapping a
// 20 MB collection and unmapping it again per document cost ~0.7 ms per form in a batch (page
// table work in the kernel). Blobs are immutable, so sharing them between threads is safe.
struct SharedFontFile {
    std::shared_ptr<const MappedFile> file; // also read with pread (CidCffFont's charstrings)
    HbBlob blob;                            // the whole file, for HarfBuzz
};
std::mutex font_files_mutex;
std::map<std::string, SharedFontFile> font_files;

hb_blob_t* shared_font_file(const std::string& path, std::string& why_not) {
    const std::lock_guard<std::mutex> lock(font_files_mutex);
    auto found = font_files.find(path);
    if (found == font_files.end()) {
        std::shared_ptr<const MappedFile> file =
            MappedFile::open(path, text::kMaxFontFileBytes, why_not, /*keep_descriptor=*/true);
        if (!file) {
            return nullptr;
        }
        const std::string_view bytes = file->bytes();
        HbBlob blob(hb_blob_create(
            bytes.data(), static_cast<unsigned>(bytes.size()), HB_MEMORY_MODE_READONLY,
            new std::shared_ptr<const MappedFile>(file),
            [](void* owner) { delete static_cast<std::shared_ptr<const MappedFile>*>(owner); }));
        found = font_files.emplace(path, SharedFontFile{std::move(file), std::move(blob)}).first;
    }
    return hb_blob_reference(found->second.blob.get());
}

// The mapped file a table of one of shared_font_file's blobs lies in, and the table's offset in
// it; null when the table is not in it (a blob HarfBuzz copied or made itself).
std::shared_ptr<const MappedFile> file_of_table(const std::string& path, const char* table,
                                                std::uint64_t& offset) {
    const std::lock_guard<std::mutex> lock(font_files_mutex);
    const auto found = font_files.find(path);
    if (found == font_files.end() || table == nullptr) {
        return nullptr;
    }
    const std::string_view bytes = found->second.file->bytes();
    if (table < bytes.data() || table >= bytes.data() + bytes.size()) {
        return nullptr;
    }
    offset = static_cast<std::uint64_t>(table - bytes.data());
    return found->second.file;
}

[[noreturn]] void throw_damaged_font(const std::string& path, const std::string& what) {
    throw DiagnosticError(make_error(SourceLoc{path, 0, 0}, tr("damaged font file: {0}", {what}),
                                     tr("replace it with an intact copy of the font, or remove it "
                                        "to use another font")));
}

std::mutex cff_checks_mutex;
std::map<std::pair<std::string, unsigned>, std::optional<std::string>> cff_checks;

// What is wrong with a face's CFF table (cff_check.h), checked once per process and face.
std::optional<std::string> cff_damage(const std::string& path, unsigned face_index,
                                      hb_face_t* face) {
    const std::lock_guard<std::mutex> lock(cff_checks_mutex);
    auto [it, inserted] = cff_checks.try_emplace({path, face_index});
    if (inserted) {
        HbBlob table(hb_face_reference_table(face, HB_TAG('C', 'F', 'F', ' ')));
        unsigned length = 0;
        const char* data = hb_blob_get_data(table.get(), &length);
        it->second = find_cff_damage(std::string_view(data == nullptr ? "" : data, length),
                                     hb_face_get_glyph_count(face));
    }
    return it->second;
}

struct SharedCidCff {
    HbBlob table; // keeps the bytes the font reads alive
    std::unique_ptr<CidCffFont> font;
};
std::mutex cid_cff_fonts_mutex;
std::map<std::pair<std::string, unsigned>, SharedCidCff> cid_cff_fonts;

// A CFF face's gid -> CID table, for the faces CidCffFont does not take.
std::mutex cid_tables_mutex;
std::map<std::pair<std::string, unsigned>, std::shared_ptr<const std::vector<std::uint16_t>>>
    cid_tables;

// The CID-keyed CFF program of a face, read once per process with its cache of flattened glyphs
// (cid_cff_font.h), or nullptr when the face's CFF is not one we subset ourselves.
const CidCffFont* shared_cid_cff(const std::string& path, unsigned face_index, hb_face_t* face) {
    const std::lock_guard<std::mutex> lock(cid_cff_fonts_mutex);
    auto [it, inserted] = cid_cff_fonts.try_emplace({path, face_index});
    if (inserted) {
        it->second.table.reset(hb_face_reference_table(face, HB_TAG('C', 'F', 'F', ' ')));
        unsigned length = 0;
        const char* data = hb_blob_get_data(it->second.table.get(), &length);
        if (data != nullptr && length > 0) {
            std::uint64_t table_offset = 0;
            CidCffFont::RangeReader read_range;
            if (std::shared_ptr<const MappedFile> file = file_of_table(path, data, table_offset)) {
                read_range = [file = std::move(file), table_offset](
                                 std::size_t offset, std::size_t size, std::string& out) {
                    return file->read_at(table_offset + offset, size, out);
                };
            }
            it->second.font =
                CidCffFont::open(std::string_view(data, length), std::move(read_range));
        }
    }
    return it->second.font.get();
}

} // namespace

FontEmbedder::FontEmbedder(const text::FontResource& resource) : resource_(resource) {
    std::string why_not;
    blob_.reset(shared_font_file(resource.path, why_not));
    if (!blob_) {
        throw DiagnosticError(make_error(SourceLoc{resource.path, 0, 0},
                                         tr("cannot read font file: it {0}", {why_not}),
                                         tr("the file was read when the layout was set, and "
                                            "cannot be now; check that it still exists")));
    }
    if (resource.face_index >= hb_face_count(blob_.get())) {
        throw_damaged_font(resource.path,
                           tr("it has no face {0}", {std::to_string(resource.face_index)}));
    }
    face_.reset(hb_face_create(blob_.get(), resource.face_index));
    font_.reset(hb_font_create(face_.get())); // scale defaults to upem: advances in font units
    units_per_em_ = static_cast<int>(hb_face_get_upem(face_.get()));
    glyph_count_ = hb_face_get_glyph_count(face_.get());
    if (units_per_em_ <= 0 || glyph_count_ == 0) {
        throw_damaged_font(resource.path, tr("it has no units per em or no glyphs"));
    }
    if (resource_.is_cff) {
        // Before either subsetter sees it: hb-subset gives no reason for a CFF it cannot read.
        if (const std::optional<std::string> damage =
                cff_damage(resource_.path, resource_.face_index, face_.get())) {
            throw_damaged_font(resource_.path, *damage);
        }
        cid_cff_ = shared_cid_cff(resource_.path, resource_.face_index, face_.get());
    }
}

void FontEmbedder::forget_cached_files() {
    {
        const std::lock_guard<std::mutex> lock(cid_cff_fonts_mutex);
        cid_cff_fonts.clear();
    }
    {
        const std::lock_guard<std::mutex> lock(cid_tables_mutex);
        cid_tables.clear();
    }
    {
        const std::lock_guard<std::mutex> lock(cff_checks_mutex);
        cff_checks.clear();
    }
    const std::lock_guard<std::mutex> lock(font_files_mutex);
    font_files.clear();
}

void FontEmbedder::use_glyph(std::uint32_t gid, std::string_view text) {
    if (gid >= glyph_count_) {
        // HarfBuzz maps characters to whatever glyph the cmap names; a glyph past the font's
        // end would be left out of the subset.
        throw_damaged_font(resource_.path,
                           tr("it maps a character to glyph {0}, and it has only {1} glyphs",
                              {std::to_string(gid), std::to_string(glyph_count_)}));
    }
    auto [it, inserted] = glyph_texts_.try_emplace(gid, text);
    if (!inserted && it->second.empty()) {
        it->second = text;
    }
}

void FontEmbedder::use_stable_codes() {
    stable_codes_ = true;
    if (resource_.is_cff && !cids_read_) {
        read_cids();
    }
}

void FontEmbedder::read_cids() {
    cids_read_ = true;
    if (cid_cff_ != nullptr) {
        // Not owned: the CID-keyed program it belongs to lives as long as the process.
        stable_cids_ = std::shared_ptr<const CidTable>(std::shared_ptr<void>(), &cid_cff_->cids());
        return;
    }
    // A CFF face we do not subset ourselves (name-keyed, or refused by CidCffFont): its charset
    // read once per process, not once per form.
    const std::lock_guard<std::mutex> lock(cid_tables_mutex);
    auto [it, inserted] = cid_tables.try_emplace({resource_.path, resource_.face_index});
    if (inserted) {
        HbBlob cff(hb_face_reference_table(face_.get(), HB_TAG('C', 'F', 'F', ' ')));
        unsigned length = 0;
        const char* data = hb_blob_get_data(cff.get(), &length);
        auto cids = cff_glyph_cids(std::string_view(data == nullptr ? "" : data, length));
        it->second = std::make_shared<const CidTable>(cids ? std::move(*cids) : CidTable{});
    }
    stable_cids_ = it->second;
}

bool FontEmbedder::has_subset_independent_codes() {
    if (!resource_.is_cff) {
        return true;
    }
    if (!cids_read_) {
        read_cids();
    }
    return !stable_cids_->empty();
}

std::set<std::uint32_t> FontEmbedder::glyph_ids() const {
    std::set<std::uint32_t> gids;
    for (const auto& [gid, text] : glyph_texts_) {
        if (gid > 0xFFFF) {
            throw PdfError("glyph id " + std::to_string(gid) + " does not fit a 2-byte code");
        }
        gids.insert(gids.end(), gid);
    }
    return gids;
}

FontEmbedder::SubsetProgram FontEmbedder::make_subset(std::set<std::uint32_t> gids) const {
    try {
        return make_subset_unchecked(std::move(gids));
    } catch (const PdfError& error) {
        // The face passed the checks at load (text/font_file_check.h) and above, so what hb-subset
        // cannot do with it is still a property of the file, for its user to hear about.
        throw_damaged_font(resource_.path, tr("its glyphs cannot be subset ({0})", {error.what()}));
    }
}

FontEmbedder::SubsetProgram
FontEmbedder::make_subset_unchecked(std::set<std::uint32_t> gids) const {
    const bool retain_gids =
        stable_codes_ && resource_.is_cff && (!stable_cids_ || stable_cids_->empty());
    SubsetProgram program;
    std::optional<FontSubset> own = cid_cff_ != nullptr && !retain_gids
                                        ? cid_cff_->subset(gids, subset_font_name(gids))
                                        : std::nullopt;
    if (own) {
        program.subset = std::move(*own);
    } else {
        // From the face reduced to the tables we embed: hb-subset otherwise walks the whole cmap
        // of a CJK face (65,000 code points) on every call, ~4 ms per font per document, and
        // adds glyphs of layout closures that no page draws.
        const HbFace source = reduced_face(face_.get(), resource_.is_cff);
        program.subset = subset_font(source.get(), resource_.is_cff, gids, retain_gids);
    }
    program.stream = deflate_bytes(program.subset.font_program, kFontProgramFlateLevel);
    program.gids = std::move(gids);
    return program;
}

void FontEmbedder::prepare_glyphs(const std::map<std::uint32_t, std::string>& glyphs) const {
    if (cid_cff_ != nullptr) {
        for (const auto& [gid, text] : glyphs) {
            cid_cff_->flattened(gid);
        }
    }
}

std::string FontEmbedder::subset_font_name(const std::set<std::uint32_t>& gids) const {
    const std::string postscript_name = clean_postscript_name(resource_);
    return subset_tag(postscript_name, gids) + "+" + postscript_name;
}

void FontEmbedder::subset(SubsetProgram* ready) {
    std::set<std::uint32_t> gids = glyph_ids();
    SubsetProgram program =
        ready != nullptr && ready->gids == gids ? std::move(*ready) : make_subset(gids);
    subset_ = std::move(program.subset);
    font_file_stream_ = std::move(program.stream);
    base_font_ = subset_font_name(gids);

    codes_.clear();
    if (!resource_.is_cff) {
        for (std::uint32_t gid : gids) {
            codes_.emplace(gid, static_cast<std::uint16_t>(gid));
        }
        return;
    }
    std::optional<std::vector<std::uint16_t>> cids;
    try {
        cids = cff_glyph_cids(subset_.font_program);
    } catch (const PdfError& error) {
        throw_damaged_font(resource_.path,
                           tr("its subset cannot be read back ({0})", {error.what()}));
    }
    for (const auto& [old_gid, new_gid] : subset_.old_to_new) {
        if (!cids) {
            codes_.emplace(old_gid, static_cast<std::uint16_t>(new_gid));
        } else if (new_gid < cids->size()) {
            codes_.emplace(old_gid, (*cids)[new_gid]);
        } else {
            throw_damaged_font(resource_.path,
                               tr("its CFF subset lacks glyph {0}", {std::to_string(new_gid)}));
        }
    }
}

std::uint16_t FontEmbedder::code(std::uint32_t gid) const {
    if (stable_codes_) {
        if (!stable_cids_ || stable_cids_->empty()) {
            return static_cast<std::uint16_t>(gid);
        }
        if (gid < stable_cids_->size()) {
            return (*stable_cids_)[gid];
        }
    }
    const auto it = codes_.find(gid);
    if (it == codes_.end()) {
        throw PdfError("glyph " + std::to_string(gid) + " of " + resource_.path +
                       " was drawn but not recorded");
    }
    return it->second;
}

std::int32_t FontEmbedder::advance_units(std::uint32_t gid) const {
    return hb_font_get_glyph_h_advance(font_.get(), gid);
}

int FontEmbedder::width(std::uint32_t gid) const {
    return static_cast<int>(std::lround(advance_units(gid) * 1000.0 / units_per_em_));
}

PoDoFo::PdfReference FontEmbedder::embed(PoDoFo::PdfVecObjects& objects) const {
    const double scale = 1000.0 / units_per_em_;
    auto scaled = [scale](int units) { return integer(std::lround(units * scale)); };

    // Widths and texts keyed by code.
    CidWidths widths;
    std::map<std::uint16_t, std::string> code_texts;
    for (const auto& [gid, text] : glyph_texts_) {
        const std::uint16_t c = code(gid);
        widths.emplace(c, width(gid));
        code_texts.emplace(c, text);
    }
    const int default_width = most_common_width(widths);

    // Keys before the stream: a streamed document writes the dictionary when the stream starts.
    PdfObject* font_file = objects.CreateObject();
    if (resource_.is_cff) {
        font_file->GetDictionary().AddKey("Subtype", PdfName("CIDFontType0C"));
    } else {
        font_file->GetDictionary().AddKey(
            "Length1", integer(static_cast<long long>(subset_.font_program.size())));
    }
    set_flate_stream(*font_file, font_file_stream_);

    PdfObject* descriptor = objects.CreateObject("FontDescriptor");
    PdfDictionary& d = descriptor->GetDictionary();
    d.AddKey("FontName", PdfName(base_font_));
    d.AddKey("Flags", integer(4)); // symbolic: glyphs outside the standard Latin set
    PdfArray bbox;
    bbox.push_back(scaled(resource_.bbox_x_min));
    bbox.push_back(scaled(resource_.bbox_y_min));
    bbox.push_back(scaled(resource_.bbox_x_max));
    bbox.push_back(scaled(resource_.bbox_y_max));
    d.AddKey("FontBBox", bbox);
    d.AddKey("ItalicAngle", integer(std::lround(resource_.italic_angle)));
    d.AddKey("Ascent", scaled(resource_.ascender));
    d.AddKey("Descent", scaled(resource_.descender));
    d.AddKey("CapHeight",
             scaled(resource_.cap_height != 0 ? resource_.cap_height : resource_.ascender));
    // Required; the text stage's rule (FontResource::stem_v, docs/fonts.md).
    d.AddKey("StemV", integer(resource_.stem_v));
    d.AddKey(resource_.is_cff ? "FontFile3" : "FontFile2", font_file->Reference());

    PdfObject* cid_font = objects.CreateObject("Font");
    PdfDictionary& cf = cid_font->GetDictionary();
    cf.AddKey("Subtype", PdfName(resource_.is_cff ? "CIDFontType0" : "CIDFontType2"));
    cf.AddKey("BaseFont", PdfName(base_font_));
    PdfDictionary system_info;
    system_info.AddKey("Registry", PdfString("Adobe"));
    system_info.AddKey("Ordering", PdfString("Identity"));
    system_info.AddKey("Supplement", integer(0));
    cf.AddKey("CIDSystemInfo", system_info);
    cf.AddKey("FontDescriptor", descriptor->Reference());
    cf.AddKey("DW", integer(default_width));
    const std::vector<WidthRun> runs = width_runs(widths, default_width);
    if (!runs.empty()) {
        PdfArray w;
        for (const WidthRun& run : runs) {
            w.push_back(integer(run.first));
            PdfArray run_widths;
            for (int width : run.widths) {
                run_widths.push_back(integer(width));
            }
            w.push_back(run_widths);
        }
        cf.AddKey("W", w);
    }
    if (!resource_.is_cff) {
        // Codes are original gids; the subset renumbered them. 2 bytes per code 0..max.
        std::string map(2 * (static_cast<std::size_t>(codes_.rbegin()->second) + 1), '\0');
        for (const auto& [old_gid, new_gid] : subset_.old_to_new) {
            map[2 * old_gid] = static_cast<char>(new_gid >> 8);
            map[2 * old_gid + 1] = static_cast<char>(new_gid & 0xff);
        }
        PdfObject* cid_to_gid = objects.CreateObject();
        set_flate_stream(*cid_to_gid, deflate_bytes(map, kTextFlateLevel));
        cf.AddKey("CIDToGIDMap", cid_to_gid->Reference());
    }

    PdfObject* to_unicode = objects.CreateObject();
    const std::string cmap = to_unicode_cmap(code_texts);
    set_flate_stream(*to_unicode, deflate_bytes(cmap, kTextFlateLevel));

    PdfObject* type0 = objects.CreateObject("Font");
    PdfDictionary& t0 = type0->GetDictionary();
    t0.AddKey("Subtype", PdfName("Type0"));
    // ISO 32000-1 9.7.6.1: a Type 0 font's BaseFont is its CIDFont's name, a hyphen and the CMap's.
    t0.AddKey("BaseFont", PdfName(base_font_ + "-Identity-H"));
    t0.AddKey("Encoding", PdfName("Identity-H"));
    PdfArray descendants;
    descendants.push_back(cid_font->Reference());
    t0.AddKey("DescendantFonts", descendants);
    t0.AddKey("ToUnicode", to_unicode->Reference());
    return type0->Reference();
}

} // namespace formpdf::pdf
