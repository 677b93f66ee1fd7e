// Why the font scan skipped a file, kept as facts and put in words when shown
// (text/font_file_damage.h): the English words, FreeType's own for its errors. The Chinese words
// are tested through the program (tests/cli/messages_fonts_test.cpp).

#include "text/font_file_damage.h"

#include "support/font_file_damage_facts.h"

#include <gtest/gtest.h>

namespace formpdf::text {
namespace {

using Kind = FontFileDamage::Kind;

// A damage of `kind` with the facts given.
using formpdf::testing::damage_facts;

TEST(FontFileDamage, InEnglishWords) {
    EXPECT_EQ(describe(FontFileDamage{}), "");
    EXPECT_EQ(describe(damage_facts(Kind::CannotOpen)), "it cannot be opened");
    EXPECT_EQ(describe(damage_facts(Kind::NotRegularFile)), "it is not a regular file");
    EXPECT_EQ(describe(damage_facts(Kind::TooLarge, 0, (std::uint64_t{300} << 20) + 5)),
              "it is 300 MiB, more than the 256 MiB a font file may have");
    EXPECT_EQ(describe(damage_facts(Kind::FreeTypeNotStarted)), "FreeType could not be started");
    EXPECT_EQ(describe(damage_facts(Kind::FreeTypeRefuses, 8)),
              "FreeType cannot open it (broken table)");
    EXPECT_EQ(describe(damage_facts(Kind::NoFaceOpens, 2, 0, 3)),
              "FreeType cannot open any of its 3 faces (unknown file format)");
    EXPECT_EQ(describe(damage_facts(Kind::SomeFacesDoNotOpen, 0x54, 0, 0, {2, 5})),
              "FreeType cannot open its face 2, 5 (face 2: invalid stream read)");
    EXPECT_EQ(describe(damage_facts(Kind::SomeFacesDoNotOpen, 8, 0, 0, {1, 2, 3, 4, 5, 6, 7, 9})),
              "FreeType cannot open its face 1, 2, 3, 4, 5 and 3 more (face 1: broken table)");
    EXPECT_EQ(describe(damage_facts(Kind::NoFaceNamed)),
              "none of its faces has a family name that can be read");
    EXPECT_EQ(describe(damage_facts(Kind::SomeFacesUnnamed, 0, 0, 0, {1})),
              "its face 1 has no family name that can be read");
}

// Each FreeType error the program words itself is worded as FreeType does (FT_ERRORS_H): the
// msgids are FreeType's own English text.
TEST(FontFileDamage, FreeTypesErrorsInItsOwnEnglishWords) {
    EXPECT_STREQ(freetype_error_text(0x08), "broken table");
    EXPECT_STREQ(freetype_error_text(0x02), "unknown file format");
    EXPECT_STREQ(freetype_error_text(0x0F), "unknown error"); // no such code
    for (int error = 0; error < 0x100; ++error) {
        EXPECT_EQ(freetype_error_words(error), freetype_error_text(error)) << error;
    }
}

TEST(FontFileDamage, EveryKindHasAName) {
    for (const Kind kind : {Kind::None, Kind::CannotOpen, Kind::NotRegularFile, Kind::TooLarge,
                            Kind::FreeTypeNotStarted, Kind::FreeTypeRefuses, Kind::NoFaceOpens,
                            Kind::SomeFacesDoNotOpen, Kind::NoFaceNamed, Kind::SomeFacesUnnamed}) {
        Kind read = Kind::None;
        EXPECT_TRUE(parse_kind_name(kind_name(kind), read)) << kind_name(kind);
        EXPECT_EQ(read, kind);
    }
    Kind read = Kind::None;
    EXPECT_FALSE(parse_kind_name("FreeType cannot open it (broken table)", read));
}

} // namespace
} // namespace formpdf::text
