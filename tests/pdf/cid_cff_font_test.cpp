// Our own subset of CID-keyed CFF fonts (pdf/cid_cff_font.h), checked the way a PDF reader uses
// it: FreeType (what poppler and most viewers draw CFF with) opens the bare CFF program of the
// subset and of the original and must find the same outline, advance and CID for every glyph.

#include "pdf/cff_table.h"
#include "pdf/cid_cff_font.h"
#include "pdf/font_subset.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_CID_H
#include <gtest/gtest.h>
#include <hb.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace formpdf::pdf {
namespace {

struct FontCase {
    const char* path;
    unsigned face_index;
};

// The faces our layouts use: Noto Serif CJK SC Regular (body) and Noto Sans CJK SC Bold (titles).
const FontCase kSerifRegular{"/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2};
const FontCase kSansBold{"/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2};

// The face's 'CFF ' table, copied.
std::string cff_table(const FontCase& font, hb_face_t** face_out = nullptr) {
    hb_blob_t* blob = hb_blob_create_from_file_or_fail(font.path);
    if (blob == nullptr) {
        return {};
    }
    hb_face_t* face = hb_face_create(blob, font.face_index);
    hb_blob_destroy(blob);
    hb_blob_t* table = hb_face_reference_table(face, HB_TAG('C', 'F', 'F', ' '));
    unsigned length = 0;
    const char* data = hb_blob_get_data(table, &length);
    std::string bytes(data == nullptr ? "" : data, length);
    hb_blob_destroy(table);
    if (face_out != nullptr) {
        *face_out = face;
    } else {
        hb_face_destroy(face);
    }
    return bytes;
}

// A glyph as FreeType reads it from a bare CFF program, unscaled and unhinted.
struct Glyph {
    std::vector<FT_Vector> points;
    std::vector<char> tags;
    std::vector<short> contours;
    FT_Pos advance = 0;

    bool operator==(const Glyph& other) const {
        if (points.size() != other.points.size()) {
            return false;
        }
        for (std::size_t i = 0; i < points.size(); ++i) {
            if (points[i].x != other.points[i].x || points[i].y != other.points[i].y) {
                return false;
            }
        }
        return tags == other.tags && contours == other.contours && advance == other.advance;
    }
};

class FreeTypeCff {
public:
    explicit FreeTypeCff(const std::string& program) : program_(program) {
        FT_Init_FreeType(&library_);
        error_ = FT_New_Memory_Face(library_, reinterpret_cast<const FT_Byte*>(program_.data()),
                                    static_cast<FT_Long>(program_.size()), 0, &face_);
    }
    ~FreeTypeCff() {
        if (error_ == 0) {
            FT_Done_Face(face_);
        }
        FT_Done_FreeType(library_);
    }
    bool ok() const { return error_ == 0; }

    // `index` is a CID: FreeType addresses a CID-keyed CFF's glyphs by CID.
    bool load(std::uint32_t index, Glyph* glyph) const {
        if (FT_Load_Glyph(face_, index, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) != 0) {
            return false;
        }
        const FT_Outline& outline = face_->glyph->outline;
        glyph->points.assign(outline.points, outline.points + outline.n_points);
        glyph->tags.assign(outline.tags, outline.tags + outline.n_points);
        glyph->contours.assign(outline.contours, outline.contours + outline.n_contours);
        glyph->advance = face_->glyph->metrics.horiAdvance;
        return true;
    }
    // The CID of the glyph at `gid` in the program's own order (its charset).
    FT_UInt cid_of(std::uint32_t gid) const {
        FT_UInt cid = 0;
        return FT_Get_CID_From_Glyph_Index(face_, gid, &cid) == 0 ? cid : 0xFFFFFFFF;
    }

private:
    std::string program_;
    FT_Library library_ = nullptr;
    FT_Face face_ = nullptr;
    FT_Error error_ = 0;
};

// A spread of glyphs over the whole font: the first ones (Latin, punctuation, digits), every
// 29th after them (ideographs of every Font DICT), and the last.
std::set<std::uint32_t> sample_glyphs(std::uint32_t count) {
    std::set<std::uint32_t> gids;
    for (std::uint32_t gid = 1; gid < 400 && gid < count; ++gid) {
        gids.insert(gid);
    }
    for (std::uint32_t gid = 400; gid < count; gid += 29) {
        gids.insert(gid);
    }
    gids.insert(count - 1);
    return gids;
}

class CidCffFontTest : public ::testing::TestWithParam<FontCase> {};

TEST_P(CidCffFontTest, SubsetGlyphsDrawExactlyAsInTheOriginal) {
    const std::string original = cff_table(GetParam());
    if (original.empty()) {
        GTEST_SKIP() << GetParam().path << " is not installed";
    }
    const auto font = CidCffFont::open(original);
    ASSERT_NE(font, nullptr) << "Noto CJK's CFF is CID-keyed";
    const std::set<std::uint32_t> gids = sample_glyphs(font->glyph_count());
    const std::optional<FontSubset> subset = font->subset(gids);
    ASSERT_TRUE(subset.has_value());

    const FreeTypeCff before(original);
    const FreeTypeCff after(subset->font_program);
    ASSERT_TRUE(before.ok());
    ASSERT_TRUE(after.ok()) << "FreeType cannot open the subset";

    ASSERT_EQ(subset->old_to_new.size(), gids.size());
    std::uint32_t expected_new = 1;
    int compared = 0;
    for (std::uint32_t gid : gids) {
        const std::uint32_t new_gid = subset->old_to_new.at(gid);
        EXPECT_EQ(new_gid, expected_new++) << "glyphs keep their order";
        // A reader of a CIDFontType0 font asks for glyphs by CID, and so does FreeType for a
        // bare CID-keyed CFF: the subset must draw every CID as the original does.
        const std::uint32_t cid = font->cids()[gid];
        Glyph was;
        Glyph is;
        ASSERT_TRUE(before.load(cid, &was)) << "gid " << gid;
        ASSERT_TRUE(after.load(cid, &is)) << "gid " << gid << " -> " << new_gid;
        EXPECT_TRUE(was == is) << "gid " << gid
                               << " draws differently in the subset: " << was.points.size()
                               << " points, advance " << was.advance << " -> " << is.points.size()
                               << " points, advance " << is.advance;
        EXPECT_EQ(after.cid_of(new_gid), cid) << "gid " << gid << " keeps its CID";
        EXPECT_EQ(before.cid_of(gid), cid);
        ++compared;
    }
    EXPECT_GT(compared, 2000);
}

TEST_P(CidCffFontTest, SubsetIsNoLargerThanHbSubsetMakes) {
    hb_face_t* face = nullptr;
    const std::string original = cff_table(GetParam(), &face);
    if (original.empty()) {
        GTEST_SKIP() << GetParam().path << " is not installed";
    }
    const auto font = CidCffFont::open(original);
    ASSERT_NE(font, nullptr);
    // A form's worth of glyphs: what a per-form PDF embeds.
    std::set<std::uint32_t> gids;
    for (std::uint32_t gid = 10000; gid < 40000; gid += 97) {
        gids.insert(gid);
    }
    const std::optional<FontSubset> ours = font->subset(gids);
    ASSERT_TRUE(ours.has_value());
    const HbFace reduced = reduced_face(face, true);
    const FontSubset theirs = subset_font(reduced.get(), true, gids);
    hb_face_destroy(face);
    EXPECT_EQ(ours->old_to_new, theirs.old_to_new);
    EXPECT_LE(ours->font_program.size(), theirs.font_program.size() * 102 / 100)
        << "ours " << ours->font_program.size() << " bytes, hb-subset "
        << theirs.font_program.size();
}

// The glyphs the 41 seed forms draw from a face: every character of their declarations and of the
// Shenzhen layout (labels, title, footer), mapped through the face's cmap. The forms are Chinese
// and Latin text with no substitutions that matter to the subsetter (it takes glyph ids either
// way).
std::set<std::uint32_t> seed_form_glyphs(hb_face_t* face) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files = {fs::path(FORMPDF_SOURCE_DIR) /
                                   "layouts/shenzhen-l2-project.yaml"};
    for (const auto& entry :
         fs::directory_iterator(fs::path(FORMPDF_SOURCE_DIR) / "inputs/declarations")) {
        files.push_back(entry.path());
    }
    hb_font_t* font = hb_font_create(face);
    std::set<std::uint32_t> gids;
    for (const fs::path& file : files) {
        std::ifstream in(file, std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)), {});
        hb_buffer_t* buffer = hb_buffer_create();
        hb_buffer_add_utf8(buffer, text.data(), static_cast<int>(text.size()), 0, -1);
        unsigned length = 0;
        const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &length);
        for (unsigned i = 0; i < length; ++i) {
            hb_codepoint_t gid = 0;
            if (hb_font_get_nominal_glyph(font, infos[i].codepoint, &gid) && gid != 0) {
                gids.insert(gid);
            }
        }
        hb_buffer_destroy(buffer);
    }
    hb_font_destroy(font);
    return gids;
}

// The CharStrings INDEX of a bare CFF program: header, Name INDEX, Top DICT INDEX, then the
// CharStrings offset (operator 17) of the Top DICT.
cff::IndexView char_strings(std::string_view program) {
    const cff::IndexView names = cff::read_index(program, cff::read_be(program, 2, 1));
    const cff::IndexView top_dicts = cff::read_index(program, names.end);
    const std::vector<cff::DictEntry> top = cff::parse_dict(top_dicts.at(0));
    return cff::read_index(program, cff::table_offset(cff::last_value(top, 17), program));
}

// hb-subset is the reference for subsetting (docs/architecture.md): our own subsetter is kept only
// while it writes, for every glyph the seed forms use, the very charstring hb-subset writes with
// HB_SUBSET_FLAGS_DESUBROUTINIZE, in the same order.
TEST_P(CidCffFontTest, CharStringsAreHbSubsetsByteForByteForEveryGlyphOfTheSeedForms) {
    hb_face_t* face = nullptr;
    const std::string original = cff_table(GetParam(), &face);
    if (original.empty()) {
        GTEST_SKIP() << GetParam().path << " is not installed";
    }
    const std::set<std::uint32_t> gids = seed_form_glyphs(face);
    ASSERT_GT(gids.size(), 700u) << "the seed forms draw about 760 distinct glyphs";
    const auto font = CidCffFont::open(original);
    ASSERT_NE(font, nullptr);
    const std::optional<FontSubset> ours = font->subset(gids);
    ASSERT_TRUE(ours.has_value());
    const HbFace reduced = reduced_face(face, true);
    const FontSubset theirs = subset_font(reduced.get(), true, gids);
    hb_face_destroy(face);
    ASSERT_EQ(ours->old_to_new, theirs.old_to_new);
    const cff::IndexView our_glyphs = char_strings(ours->font_program);
    const cff::IndexView their_glyphs = char_strings(theirs.font_program);
    ASSERT_EQ(our_glyphs.count, their_glyphs.count);
    ASSERT_EQ(our_glyphs.count, gids.size() + 1) << ".notdef and every glyph asked for";
    std::uint32_t differing = 0;
    for (std::uint32_t i = 0; i < our_glyphs.count; ++i) {
        if (our_glyphs.at(i) != their_glyphs.at(i)) {
            ADD_FAILURE() << "glyph " << i << " of the subset differs from hb-subset's";
            if (++differing == 5) {
                break;
            }
        }
    }
}

TEST_P(CidCffFontTest, EachGlyphIsFlattenedOnceWhateverTheThreads) {
    const std::string original = cff_table(GetParam());
    if (original.empty()) {
        GTEST_SKIP() << GetParam().path << " is not installed";
    }
    const auto font = CidCffFont::open(original);
    ASSERT_NE(font, nullptr);
    std::vector<std::vector<const std::string*>> seen(4);
    {
        std::vector<std::jthread> threads;
        for (auto& mine : seen) {
            threads.emplace_back([&font, &mine] {
                for (std::uint32_t gid = 0; gid < 3000; ++gid) {
                    mine.push_back(font->flattened(gid));
                }
            });
        }
    }
    for (std::uint32_t gid = 0; gid < 3000; ++gid) {
        ASSERT_NE(seen[0][gid], nullptr) << "gid " << gid;
        for (const auto& other : seen) {
            EXPECT_EQ(other[gid], seen[0][gid]) << "gid " << gid << " flattened twice";
        }
    }
    EXPECT_EQ(font->flattened(font->glyph_count()), nullptr);
}

INSTANTIATE_TEST_SUITE_P(NotoCjk, CidCffFontTest, ::testing::Values(kSerifRegular, kSansBold),
                         [](const auto& info) {
                             return info.index == 0 ? "SerifRegular" : "SansBold";
                         });

// The charstrings read through a range reader (what the embedder does, with pread, so that the
// glyphs of a batch do not make the whole font file resident): the same subset, byte for byte, as
// read in place; a reader that fails (the file shrank since) refuses the glyph, never reads past
// what it was given.
TEST_P(CidCffFontTest, CharstringsReadThroughAReaderGiveTheSameSubset) {
    const std::string original = cff_table(GetParam());
    if (original.empty()) {
        GTEST_SKIP() << GetParam().path << " is not installed";
    }
    const std::string copy = original;
    std::size_t reads = 0;
    const auto through_reader =
        CidCffFont::open(original, [&](std::size_t offset, std::size_t size, std::string& out) {
            ++reads;
            if (offset > copy.size() || copy.size() - offset < size) {
                return false;
            }
            out.assign(copy, offset, size);
            return true;
        });
    const auto in_place = CidCffFont::open(original);
    ASSERT_NE(through_reader, nullptr);
    ASSERT_NE(in_place, nullptr);
    const std::set<std::uint32_t> gids = sample_glyphs(in_place->glyph_count());
    const std::optional<FontSubset> expected = in_place->subset(gids);
    const std::optional<FontSubset> actual = through_reader->subset(gids);
    ASSERT_TRUE(expected.has_value());
    ASSERT_TRUE(actual.has_value());
    EXPECT_EQ(actual->font_program, expected->font_program);
    EXPECT_EQ(actual->old_to_new, expected->old_to_new);
    EXPECT_GE(reads, gids.size()) << "each glyph's charstring came through the reader";

    const auto failing =
        CidCffFont::open(original, [](std::size_t, std::size_t, std::string&) { return false; });
    ASSERT_NE(failing, nullptr);
    EXPECT_EQ(failing->flattened(*gids.begin()), nullptr);
    EXPECT_FALSE(failing->subset(gids).has_value()) << "the caller falls back to hb-subset";
}

// A font program that is not a CID-keyed CFF, or is damaged, is refused (the caller then uses
// hb-subset, which says what is wrong) or fails glyph by glyph: never a crash or a read out of
// bounds (run under `make sanitize`).
TEST(CidCffFontDamage, TruncatedOrCorruptedProgramsAreRefusedSafely) {
    EXPECT_EQ(CidCffFont::open(""), nullptr);
    EXPECT_EQ(CidCffFont::open("not a font at all"), nullptr);
    const std::string original = cff_table(kSerifRegular);
    if (original.empty()) {
        GTEST_SKIP() << kSerifRegular.path << " is not installed";
    }
    // Too short to hold the glyphs the Top DICT points at: refused outright.
    for (std::size_t length : {std::size_t(3), std::size_t(50), std::size_t(1000)}) {
        EXPECT_EQ(CidCffFont::open(original.substr(0, length)), nullptr) << length << " bytes";
    }
    for (std::size_t length : {original.size() / 2, original.size() - 1}) {
        const std::string truncated = original.substr(0, length);
        const auto font = CidCffFont::open(truncated);
        if (font != nullptr) { // the structure may survive; its glyphs past the end may not
            for (std::uint32_t gid = font->glyph_count() - 50; gid < font->glyph_count(); ++gid) {
                font->flattened(gid);
            }
            font->subset({1, 2, font->glyph_count() - 1});
        }
    }
    // Bytes changed all through the charstrings: each glyph flattens or is refused.
    std::string corrupted = original;
    std::uint32_t state = 12345;
    for (int i = 0; i < 20000; ++i) {
        state = state * 1103515245u + 12345u;
        corrupted[(state >> 3) % corrupted.size()] = static_cast<char>(state >> 24);
    }
    const auto font = CidCffFont::open(corrupted);
    if (font != nullptr) {
        int refused = 0;
        for (std::uint32_t gid = 0; gid < font->glyph_count(); gid += 7) {
            refused += font->flattened(gid) == nullptr ? 1 : 0;
        }
        std::set<std::uint32_t> gids;
        for (std::uint32_t gid = 1; gid < 300; ++gid) {
            gids.insert(gid);
        }
        font->subset(gids);
        SUCCEED() << refused << " glyphs refused";
    }
}

} // namespace
} // namespace formpdf::pdf
