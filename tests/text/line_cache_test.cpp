#include "text/font_library.h"
#include "text/line_breaker.h"
#include "text/line_cache.h"
#include "text/shaper.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace formpdf::text {
namespace {

// Uses the system's Noto CJK fonts (scripts/install-deps installs them).
class LineCacheTest : public ::testing::Test {
protected:
    LineCacheTest() : fonts(std::vector<std::filesystem::path>{}) {
        chain.fonts.push_back(fonts.load({"Noto Serif CJK SC", 400, {}}));
    }

    std::vector<TextLine> uncached(const std::string& text, double width) {
        return break_lines(shape_text(fonts, text, chain, 10.5), width);
    }

    static void expect_same_lines(const std::vector<TextLine>& a, const std::vector<TextLine>& b) {
        ASSERT_EQ(a.size(), b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            EXPECT_EQ(a[i].text, b[i].text);
            EXPECT_EQ(a[i].width_pt, b[i].width_pt);
            ASSERT_EQ(a[i].glyphs.size(), b[i].glyphs.size());
            for (std::size_t g = 0; g < a[i].glyphs.size(); ++g) {
                EXPECT_EQ(a[i].glyphs[g].gid, b[i].glyphs[g].gid);
                EXPECT_EQ(a[i].glyphs[g].cluster, b[i].glyphs[g].cluster);
                EXPECT_EQ(a[i].glyphs[g].advance_pt, b[i].glyphs[g].advance_pt);
            }
        }
    }

    FontLibrary fonts;
    FontChain chain;
    const std::string remark =
        "备注：1.置灰部分由系统自动生成，无需填写；2.指标值应可衡量、可考核。";
};

TEST_F(LineCacheTest, AHitGivesExactlyTheLinesOfAFreshShape) {
    LineCache cache;
    const SharedLines first = cache.lines(fonts, remark, chain, 10.5, 120);
    const SharedLines second = cache.lines(fonts, remark, chain, 10.5, 120);
    EXPECT_EQ(first.get(), second.get()); // the second call is a hit
    EXPECT_EQ(cache.size(), 1u);
    expect_same_lines(*second, uncached(remark, 120));
    EXPECT_GT(second->size(), 1u);
}

TEST_F(LineCacheTest, WidthSizeAndFontsArePartOfTheKey) {
    LineCache cache;
    const SharedLines narrow = cache.lines(fonts, remark, chain, 10.5, 80);
    const SharedLines wide = cache.lines(fonts, remark, chain, 10.5, 300);
    const SharedLines larger = cache.lines(fonts, remark, chain, 14, 300);
    FontChain bold;
    bold.fonts.push_back(fonts.load({"Noto Sans CJK SC", 700, {}}));
    const SharedLines other_font = cache.lines(fonts, remark, bold, 10.5, 300);
    EXPECT_EQ(cache.size(), 4u);
    expect_same_lines(*narrow, uncached(remark, 80));
    expect_same_lines(*wide, uncached(remark, 300));
    EXPECT_NE(wide->front().width_pt, larger->front().width_pt);
    EXPECT_NE(wide->front().glyphs.front().font, other_font->front().glyphs.front().font);
}

TEST_F(LineCacheTest, StaysWithinItsByteLimitAndStillAnswersCorrectly) {
    LineCache cache(2000); // room for a handful of short paragraphs
    for (int i = 0; i < 200; ++i) {
        const std::string text = "指标" + std::to_string(i) + "：完成率≥95%";
        expect_same_lines(*cache.lines(fonts, text, chain, 10.5, 60), uncached(text, 60));
        EXPECT_LE(cache.size(), 10u);
    }
}

TEST_F(LineCacheTest, AMissingCharacterThrowsAndIsNotCached) {
    LineCache cache;
    EXPECT_THROW(cache.lines(fonts, "甲\U00013000乙", chain, 10.5, 100), MissingGlyphError);
    EXPECT_EQ(cache.size(), 0u);
}

TEST_F(LineCacheTest, ThreadsSharingTheCacheGetTheSameLines) {
    LineCache cache;
    std::vector<std::string> texts;
    for (int i = 0; i < 50; ++i) {
        texts.push_back(remark + std::to_string(i % 10));
    }
    std::vector<std::vector<SharedLines>> results(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < results.size(); ++t) {
        threads.emplace_back([&, t] {
            for (const std::string& text : texts) {
                results[t].push_back(cache.lines(fonts, text, chain, 10.5, 150));
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(cache.size(), 10u);
    for (std::size_t i = 0; i < texts.size(); ++i) {
        for (std::size_t t = 1; t < results.size(); ++t) {
            expect_same_lines(*results[t][i], *results[0][i]);
        }
    }
}

TEST_F(LineCacheTest, TheLibraryOwnsOneCacheForEveryCaller) {
    const SharedLines a = shape_and_break(fonts, remark, chain, 10.5, 120);
    const SharedLines b = shape_and_break(fonts, remark, chain, 10.5, 120);
    EXPECT_EQ(a.get(), b.get());
    EXPECT_EQ(&fonts.line_cache(), &fonts.line_cache());
}

} // namespace
} // namespace formpdf::text
