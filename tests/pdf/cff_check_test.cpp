// The checks of a font's CFF table before it is subset (pdf/cff_check.h): the table of Noto Sans
// CJK SC Bold passes; copies of it damaged the ways scripts/font-mutation-run found are refused
// with what is wrong.

#include "pdf/cff_check.h"
#include "pdf/cff_table.h"
#include "support/damaged_fonts.h"

#include <gtest/gtest.h>

#include <string>

namespace formpdf::pdf {
namespace {
using formpdf::testing::find_table;
using formpdf::testing::get_be;
using formpdf::testing::put_be;

// Noto Sans CJK SC Bold (face 2 of its collection): its CFF table and maxp's glyph count.
struct NotoCff {
    std::string cff;
    std::uint32_t glyphs = 0;
};
const NotoCff& noto() {
    static const NotoCff font = [] {
        const std::string file = formpdf::testing::read_binary(formpdf::testing::kNotoSansBoldFile);
        const auto cff = find_table(file, "CFF ", 2);
        return NotoCff{file.substr(cff.offset, cff.length),
                       get_be(file, find_table(file, "maxp", 2).offset + 4, 2)};
    }();
    return font;
}

// The Top DICT of a CFF table, and an offset it gives.
std::size_t top_dict_offset(const std::string& cff, int op) {
    const cff::IndexView names = cff::read_index(cff, get_be(cff, 2, 1));
    const cff::IndexView tops = cff::read_index(cff, names.end);
    return static_cast<std::size_t>(cff::last_value(cff::parse_dict(tops.at(0)), op));
}

std::string damage_of(const std::string& cff) {
    return find_cff_damage(cff, noto().glyphs).value_or("(none)");
}

TEST(CffCheck, TheInstalledFontPasses) {
    ASSERT_GT(noto().glyphs, 60000u);
    EXPECT_EQ(find_cff_damage(noto().cff, noto().glyphs), std::nullopt);
}

TEST(CffCheck, AGlyphCountOtherThanMaxpsIsRefused) {
    EXPECT_EQ(find_cff_damage(noto().cff, noto().glyphs - 1).value_or("(none)"),
              "its CFF table has 65535 glyphs, and its maxp table says 65534");
}

TEST(CffCheck, AHeaderOrIndexThatDoesNotHoldTogetherIsRefused) {
    std::string cff = noto().cff;
    cff[0] = 2;
    EXPECT_EQ(damage_of(cff), "its CFF table does not start with major version 1");
    cff = noto().cff;
    cff[2] = 0;
    EXPECT_EQ(damage_of(cff), "its CFF header gives a size of 0 bytes");
    cff = noto().cff;
    cff.resize(1000);
    EXPECT_EQ(damage_of(cff), "its Global Subr INDEX runs past the end of the table");
}

TEST(CffCheck, CharStringsOffsetsOutOfOrderAreRefused) {
    std::string cff = noto().cff;
    const std::size_t at = top_dict_offset(cff, cff::kOpCharStrings);
    const int off_size = static_cast<int>(get_be(cff, at + 2, 1));
    put_be(cff, at + 3 + 5 * off_size, 0, off_size); // glyph 4 ends before it starts
    EXPECT_EQ(damage_of(cff), "its CharStrings INDEX has element 4 ending before it starts");
}

TEST(CffCheck, AnFdSelectThatNamesNoFontDictIsRefused) {
    std::string cff = noto().cff;
    const std::size_t at = top_dict_offset(cff, cff::kOpFdSelect);
    ASSERT_EQ(cff[at], 3); // format 3: ranges of (first gid, FD)
    cff[at + 3 + 2] = static_cast<char>(200);
    EXPECT_EQ(damage_of(cff), "its FDSelect range 0 does not hold together");
    cff[at] = 7;
    EXPECT_EQ(damage_of(cff), "its FDSelect has the unknown format 7");
}

TEST(CffCheck, ACharsetPastTheEndIsRefused) {
    std::string cff = noto().cff;
    const std::size_t at = top_dict_offset(cff, cff::kOpCharset);
    cff.resize(at + 3);
    // cut there, the table also loses what follows the charset: the first INDEX it misses
    const std::string damage = damage_of(cff);
    EXPECT_TRUE(damage.find("runs past the end of the table") != std::string::npos) << damage;
}

} // namespace
} // namespace formpdf::pdf
