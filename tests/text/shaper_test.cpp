#include "text/font_library.h"
#include "text/shaper.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace formpdf::text {
namespace {

// Uses the system's Noto CJK and DejaVu fonts (scripts/install-deps installs them).
class ShaperTest : public ::testing::Test {
protected:
    ShaperTest() : fonts(std::vector<std::filesystem::path>{}) {
        serif = fonts.load({"Noto Serif CJK SC", 400, {}});
        latin = fonts.load({"DejaVu Sans", 400, {}});
    }

    std::vector<std::uint32_t> clusters(const ShapedText& shaped) {
        std::vector<std::uint32_t> out;
        for (const ShapedGlyph& glyph : shaped.glyphs) {
            out.push_back(glyph.cluster);
        }
        return out;
    }

    FontLibrary fonts;
    FontId serif = 0;
    FontId latin = 0;
};

TEST_F(ShaperTest, ShapesMixedChineseAndNumbersOneGlyphPerCharacter) {
    const std::string text = "项目资金1,200.00万元";
    const ShapedText shaped = shape_text(fonts, text, FontChain{{serif}}, 10.5);
    EXPECT_EQ(shaped.text, text);
    EXPECT_EQ(shaped.size_pt, 10.5);
    ASSERT_EQ(shaped.glyphs.size(), 14u);
    // Clusters are byte offsets: Han characters take three bytes, ASCII one.
    const std::vector<std::uint32_t> expected = {0,  3,  6,  9,  12, 13, 14,
                                                 15, 16, 17, 18, 19, 20, 23};
    EXPECT_EQ(clusters(shaped), expected);
    for (const ShapedGlyph& glyph : shaped.glyphs) {
        EXPECT_EQ(glyph.font, serif);
        EXPECT_NE(glyph.gid, 0u);
        EXPECT_DOUBLE_EQ(glyph.advance_pt, glyph.advance_units * 10.5 / 1000);
    }
    for (const std::size_t han : {0, 1, 2, 3, 12, 13}) {
        EXPECT_EQ(shaped.glyphs[han].advance_units, 1000) << "glyph " << han;
        EXPECT_DOUBLE_EQ(shaped.glyphs[han].advance_pt, 10.5);
    }
    // Digits and the comma are proportional, not full-width.
    EXPECT_LT(shaped.glyphs[4].advance_units, 1000);
    EXPECT_GT(shaped.glyphs[4].advance_units, 0);
    EXPECT_LT(shaped.glyphs[5].advance_units, shaped.glyphs[4].advance_units);
}

TEST_F(ShaperTest, FullWidthPunctuationIsOneEmWide) {
    const ShapedText shaped = shape_text(fonts, "目标，完成。（是）", FontChain{{serif}}, 12);
    ASSERT_EQ(shaped.glyphs.size(), 9u);
    for (const ShapedGlyph& glyph : shaped.glyphs) {
        EXPECT_EQ(glyph.advance_units, 1000);
    }
}

TEST_F(ShaperTest, FallsBackPerCharacterToTheNextFaceOfTheChain) {
    // DejaVu Sans has no Han; those characters come from Noto, the rest from DejaVu.
    const std::string text = "A项目1 B";
    const ShapedText shaped = shape_text(fonts, text, FontChain{{latin, serif}}, 10);
    ASSERT_EQ(shaped.glyphs.size(), 6u);
    const std::vector<FontId> expected_fonts = {latin, serif, serif, latin, latin, latin};
    const std::vector<std::uint32_t> expected_clusters = {0, 1, 4, 7, 8, 9};
    EXPECT_EQ(clusters(shaped), expected_clusters);
    for (std::size_t i = 0; i < shaped.glyphs.size(); ++i) {
        EXPECT_EQ(shaped.glyphs[i].font, expected_fonts[i]) << "glyph " << i;
        EXPECT_NE(shaped.glyphs[i].gid, 0u);
    }
    // DejaVu has 2048 units per em: advance_pt converts with the glyph's own face.
    const ShapedGlyph& a = shaped.glyphs[0];
    EXPECT_DOUBLE_EQ(a.advance_pt, a.advance_units * 10.0 / 2048);
    EXPECT_DOUBLE_EQ(shaped.glyphs[1].advance_pt, 10.0);
}

TEST_F(ShaperTest, TheFirstFaceWinsWhenBothHaveTheCharacter) {
    const ShapedText shaped = shape_text(fonts, "1", FontChain{{serif, latin}}, 10);
    ASSERT_EQ(shaped.glyphs.size(), 1u);
    EXPECT_EQ(shaped.glyphs[0].font, serif);
}

TEST_F(ShaperTest, ACharacterNoFaceHasIsAMissingGlyphError) {
    // U+E000 (private use) is in none of the installed fonts; it starts at byte 6.
    const std::string text = "项目\uE000";
    try {
        shape_text(fonts, text, FontChain{{latin, serif}}, 10);
        FAIL() << "expected MissingGlyphError";
    } catch (const MissingGlyphError& error) {
        EXPECT_EQ(error.code_point(), U'\uE000');
        EXPECT_EQ(error.byte_offset(), 6u);
        EXPECT_NE(std::string(error.what()).find("U+E000"), std::string::npos) << error.what();
    }
}

TEST_F(ShaperTest, AnEmojiOnlyTheLatinFaceHasIsMissingFromAChainWithoutIt) {
    const std::string text = "A\U0001F600";
    EXPECT_EQ(shape_text(fonts, text, FontChain{{serif, latin}}, 10).glyphs.at(1).font, latin);
    try {
        shape_text(fonts, text, FontChain{{serif}}, 10);
        FAIL() << "expected MissingGlyphError";
    } catch (const MissingGlyphError& error) {
        EXPECT_EQ(error.code_point(), U'\U0001F600');
        EXPECT_EQ(error.byte_offset(), 1u);
    }
}

TEST_F(ShaperTest, ControlCharactersProduceNoGlyph) {
    const std::string text = "项目\n资金\t1\r\n";
    const ShapedText shaped = shape_text(fonts, text, FontChain{{serif}}, 10);
    const std::vector<std::uint32_t> expected = {0, 3, 7, 10, 14};
    EXPECT_EQ(clusters(shaped), expected);
    EXPECT_TRUE(shape_text(fonts, "\n\t", FontChain{{serif}}, 10).glyphs.empty());
    EXPECT_TRUE(shape_text(fonts, "", FontChain{{serif}}, 10).glyphs.empty());
}

TEST_F(ShaperTest, ZeroWidthCharactersNeedNoGlyphAndLeaveNone) {
    // Noto has no U+200B or U+FEFF; they are default-ignorable, so they vanish instead of failing.
    const ShapedText shaped = shape_text(fonts, "项\u200B目\uFEFF", FontChain{{serif}}, 10);
    const std::vector<std::uint32_t> expected = {0, 6};
    EXPECT_EQ(clusters(shaped), expected);
}

TEST_F(ShaperTest, ShapesTheSameOnSeveralThreads) {
    const std::string text = "绩效目标：产出指标≥95.5%，满意度（群众）达到“90%”。Budget 2024";
    const FontChain chain{{serif, latin}};
    const ShapedText reference = shape_text(fonts, text, chain, 9);
    std::vector<std::thread> threads;
    std::vector<int> mismatches(4, 0);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 50; ++i) {
                const ShapedText shaped = shape_text(fonts, text, chain, 9);
                bool same = shaped.glyphs.size() == reference.glyphs.size();
                for (std::size_t g = 0; same && g < shaped.glyphs.size(); ++g) {
                    same = shaped.glyphs[g].gid == reference.glyphs[g].gid &&
                           shaped.glyphs[g].cluster == reference.glyphs[g].cluster &&
                           shaped.glyphs[g].advance_units == reference.glyphs[g].advance_units;
                }
                mismatches[t] += same ? 0 : 1;
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

} // namespace
} // namespace formpdf::text
