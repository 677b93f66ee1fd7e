#pragma once

#include "pdf/font_subset.h"
#include "pdf/hb_handles.h"
#include "text/font_resource.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace PoDoFo {
class PdfVecObjects;
class PdfReference;
} // namespace PoDoFo

namespace formpdf::pdf {

// One font face of the document on its way into the PDF: records which glyphs the pages use and
// what text they stand for, subsets the face once to exactly those glyphs, and then writes the
// Type0 font (Identity-H) with its CIDFont, FontDescriptor, font program and ToUnicode CMap.
//
// Life cycle: use_glyph() for every glyph of every page, then subset(), then code()/width() while
// the page contents are built, then embed().
class CidCffFont;

class FontEmbedder {
public:
    // Opens resource.path / face_index with HarfBuzz. Throws DiagnosticError at the font file's
    // path when it cannot be read or its CFF table is damaged (cff_check.h).
    explicit FontEmbedder(const text::FontResource& resource);

    // Forgets the font files mapped so far in this process (for the fuzz target, which rewrites
    // one file many times a second). No FontEmbedder may be alive.
    static void forget_cached_files();

    // Throws DiagnosticError (damaged font) for a gid past the face's glyph count.
    // Records that `gid` is drawn standing for `text` (UTF-8; "" for the second and later glyphs
    // of a cluster). A ToUnicode CMap maps each code to one text, so the first non-empty text
    // seen for a gid wins: pages are walked in order, which keeps the choice deterministic, and
    // a glyph that stands for two texts (a compatibility ideograph drawn with its unified
    // glyph, say) can only extract as one of them anyway.
    void use_glyph(std::uint32_t gid, std::string_view text);
    bool is_used() const { return !glyph_texts_.empty(); }
    // The recorded glyphs and the text each stands for, by gid.
    const std::map<std::uint32_t, std::string>& glyph_texts() const { return glyph_texts_; }

    // Fixes each glyph's code before the glyph set is known, for a writer that draws pages before
    // it can subset (the streamed combined file, streamed_pdf_writer.h): a CID-keyed CFF glyph's
    // CID from the font's own charset, else the gid (a name-keyed CFF font is then subset with its
    // gids retained). subset() keeps these codes. Call first. Throws PdfError.
    void use_stable_codes();
    // True when use_stable_codes() would give every glyph the code subset() gives it anyway:
    // TrueType (the gid) and CID-keyed CFF (the CID). Not for name-keyed CFF, whose codes are the
    // subset's gids unless the gids are retained. Parses the CFF charset once.
    bool has_subset_independent_codes();

    // The font program of a subset, made apart from subset() so that it can run on another
    // thread: a pure function of the glyph set that only reads the face. Throws DiagnosticError at
    // the font file's path when the face cannot be subset (a damaged font).
    struct SubsetProgram {
        std::set<std::uint32_t> gids;
        FontSubset subset;
        std::string stream; // the program Flate-compressed, as stored
    };
    SubsetProgram make_subset(std::set<std::uint32_t> gids) const;
    // Does ahead, on the calling thread, the per-glyph part of a later make_subset() for these
    // glyphs (a CID-keyed CFF glyph's flattening, cid_cff_font.h); nothing for other fonts.
    // Thread-safe.
    void prepare_glyphs(const std::map<std::uint32_t, std::string>& glyphs) const;
    std::set<std::uint32_t> glyph_ids() const; // the recorded glyphs; PdfError past 0xFFFF

    // Subsets the face to the recorded glyphs and fixes the code of each; takes `ready` when it
    // was made for exactly these glyphs, else makes its own. Throws PdfError.
    void subset(SubsetProgram* ready = nullptr);

    // After subset(): the 2-byte code that draws `gid` (a recorded glyph) in the content stream.
    // CFF, CID-keyed: the glyph's CID (hb-subset keeps CIDs; equals the gid for Noto CJK).
    // CFF, name-keyed: the gid in the subset (readers use the code as the gid).
    // TrueType: the original gid; the CIDToGIDMap stream maps it to the gid in the subset.
    std::uint16_t code(std::uint32_t gid) const;

    // The glyph's default advance, in font units and as written to /W (1/1000 em, rounded).
    std::int32_t advance_units(std::uint32_t gid) const;
    int width(std::uint32_t gid) const;
    int units_per_em() const { return units_per_em_; }

    // After subset(): the font program as stored in the PDF, Flate-compressed (hashed into the
    // document /ID: the compressed bytes are fewer to hash and just as content-dependent).
    const std::string& font_file_stream() const { return font_file_stream_; }

    // After subset(): "ABCDEF+NotoSerifCJKsc-Regular".
    const std::string& base_font() const { return base_font_; }

    // Writes the font's objects; returns the reference of the Type0 font dictionary.
    PoDoFo::PdfReference embed(PoDoFo::PdfVecObjects& objects) const;

private:
    SubsetProgram make_subset_unchecked(std::set<std::uint32_t> gids) const;

    text::FontResource resource_;
    unsigned glyph_count_ = 0;
    HbBlob blob_;
    HbFace face_;
    HbFont font_;
    int units_per_em_ = 1000;
    std::map<std::uint32_t, std::string> glyph_texts_; // ordered: deterministic iteration
    FontSubset subset_;
    std::string font_file_stream_; // subset_.font_program compressed, set by subset()
    std::map<std::uint32_t, std::uint16_t> codes_; // gid -> code, filled by subset()
    std::string base_font_;
    // "ABCDEF+PostScriptName": the subset's name in /BaseFont, /FontName and its CFF Name INDEX.
    std::string subset_font_name(const std::set<std::uint32_t>& gids) const;
    void read_cids();

    const CidCffFont* cid_cff_ = nullptr; // CID-keyed CFF: subset here, not by hb-subset
    bool stable_codes_ = false;
    bool cids_read_ = false;
    using CidTable = std::vector<std::uint16_t>;  // gid -> CID; empty: not CID-keyed
    std::shared_ptr<const CidTable> stable_cids_; // CFF, once read: shared by every document
};

} // namespace formpdf::pdf
