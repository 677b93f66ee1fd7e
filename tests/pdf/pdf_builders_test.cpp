// Exact-string tests of the pure PDF building blocks (in the manner of Skia's PDFPrimitivesTest).

#include "pdf/cid_widths.h"
#include "pdf/content_stream.h"
#include "pdf/flate.h"
#include "pdf/pdf_date.h"
#include "pdf/subset_tag.h"
#include "pdf/to_unicode_cmap.h"

#include <gtest/gtest.h>

#include <locale>

#include <clocale>
#include <cmath>
#include <cstdio>
#include <string>

namespace formpdf::pdf {
namespace {

const std::string kCmapHeader = "/CIDInit /ProcSet findresource begin\n"
                                "12 dict begin\n"
                                "begincmap\n"
                                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 "
                                ">> def\n"
                                "/CMapName /Adobe-Identity-UCS def\n"
                                "/CMapType 2 def\n"
                                "1 begincodespacerange\n"
                                "<0000> <FFFF>\n"
                                "endcodespacerange\n";
const std::string kCmapTrailer = "endcmap\n"
                                 "CMapName currentdict /CMap defineresource pop\n"
                                 "end\n"
                                 "end\n";

TEST(ToUnicodeCmap, SingleGlyph) {
    EXPECT_EQ(to_unicode_cmap({{0x25c5, "中"}}),
              kCmapHeader + "1 beginbfchar\n<25C5> <4E2D>\nendbfchar\n" + kCmapTrailer);
}

TEST(ToUnicodeCmap, NonBmpBecomesSurrogatePair) {
    EXPECT_EQ(utf16be_hex("𠮷"), "D842DFB7");
    EXPECT_EQ(to_unicode_cmap({{7, "𠀀"}}),
              kCmapHeader + "1 beginbfchar\n<0007> <D840DC00>\nendbfchar\n" + kCmapTrailer);
}

TEST(ToUnicodeCmap, ClusterTextAndEmptyEntries) {
    // A ligature's whole text maps to its glyph; glyphs without text are left out.
    EXPECT_EQ(to_unicode_cmap({{1, "ffi"}, {2, ""}, {3, "≥%"}}),
              kCmapHeader + "2 beginbfchar\n<0001> <006600660069>\n<0003> <22650025>\nendbfchar\n" +
                  kCmapTrailer);
}

TEST(ToUnicodeCmap, SplitsIntoBlocksOfAtMost100SortedByCode) {
    std::map<std::uint16_t, std::string> texts;
    for (std::uint16_t code = 250; code > 0; --code) { // inserted out of order on purpose
        texts.emplace(code, std::string(1, 'A'));
    }
    const std::string cmap = to_unicode_cmap(texts);
    EXPECT_NE(cmap.find("100 beginbfchar\n<0001> <0041>\n"), std::string::npos);
    EXPECT_NE(cmap.find("<0064> <0041>\nendbfchar\n100 beginbfchar\n<0065> <0041>\n"),
              std::string::npos);
    EXPECT_NE(cmap.find("<00C8> <0041>\nendbfchar\n50 beginbfchar\n<00C9> <0041>\n"),
              std::string::npos);
    EXPECT_NE(cmap.find("<00FA> <0041>\nendbfchar\nendcmap"), std::string::npos);
}

text::ShapedGlyph glyph(std::uint32_t gid, std::uint32_t cluster) {
    text::ShapedGlyph g;
    g.gid = gid;
    g.cluster = cluster;
    return g;
}

TEST(GlyphTexts, ClusterTextGoesToItsFirstGlyphOnly) {
    // "中" (3 bytes), a two-glyph cluster "é" (e + combining acute, 3 bytes), "。" (3 bytes).
    const std::string text = "中e\u0301。";
    const auto texts = glyph_texts(text, {glyph(10, 0), glyph(11, 3), glyph(12, 3), glyph(13, 6)});
    ASSERT_EQ(texts.size(), 4u);
    EXPECT_EQ(texts[0], "中");
    EXPECT_EQ(texts[1], "e\u0301");
    EXPECT_EQ(texts[2], "");
    EXPECT_EQ(texts[3], "。");
}

TEST(GlyphTexts, LigatureCoversSeveralCharacters) {
    const auto texts = glyph_texts("ffi!", {glyph(1, 0), glyph(2, 3)});
    EXPECT_EQ(texts, (std::vector<std::string_view>{"ffi", "!"}));
}

TEST(GlyphTexts, ClustersOutOfOrderEndAtTheNearestLargerCluster) {
    // Right-to-left order: the clusters decrease, so each ends where the next larger one begins.
    const auto texts = glyph_texts("abcdef", {glyph(1, 4), glyph(2, 2), glyph(3, 2), glyph(4, 0)});
    EXPECT_EQ(texts, (std::vector<std::string_view>{"ef", "cd", "", "ab"}));
}

TEST(Flate, ZlibFormatDeterministicAndSmallerForText) {
    std::string text;
    {
        ContentWriter writer(text);
        for (int i = 0; i < 200; ++i) {
            writer.fill_rect(Rect{i * 1.5, 20, 30, 40}, Color{0.85, 0.85, 0.85});
        }
    }
    for (int level : {kFontProgramFlateLevel, kTextFlateLevel}) {
        const std::string compressed = deflate_bytes(text, level);
        ASSERT_GE(compressed.size(), 6u);
        EXPECT_EQ(static_cast<unsigned char>(compressed[0]), 0x78); // zlib, 32 KB window
        EXPECT_EQ(((static_cast<unsigned char>(compressed[0]) << 8) |
                   static_cast<unsigned char>(compressed[1])) %
                      31,
                  0); // header check bits
        EXPECT_LT(compressed.size(), text.size() / 4);
        EXPECT_EQ(deflate_bytes(text, level), compressed);
    }
    EXPECT_FALSE(deflate_bytes("", kTextFlateLevel).empty()); // an empty stream is still zlib
}

TEST(CidWidths, OmitsDefaultAndMergesConsecutiveCodes) {
    const CidWidths widths{{1, 1000}, {3, 500}, {4, 600}, {5, 1000},
                           {6, 250},  {7, 250}, {9, 333}, {10, 1000}};
    EXPECT_EQ(most_common_width(widths), 1000);
    const auto runs = width_runs(widths, 1000);
    EXPECT_EQ(runs, (std::vector<WidthRun>{{3, {500, 600}}, {6, {250, 250}}, {9, {333}}}));
    EXPECT_EQ(width_array_text(runs), "[3 [500 600] 6 [250 250] 9 [333]]");
}

TEST(CidWidths, DefaultIsTheMostCommonWidthTiesToSmaller) {
    EXPECT_EQ(most_common_width({{1, 500}, {2, 500}, {3, 1000}}), 500);
    EXPECT_EQ(most_common_width({{1, 600}, {2, 500}}), 500);
    EXPECT_EQ(most_common_width({}), 1000);
    EXPECT_EQ(width_array_text(width_runs({{1, 500}, {2, 500}}, 500)), "[]");
}

TEST(ContentStream, FilledRectAndStrokedLine) {
    std::string out;
    {
        ContentWriter writer(out);
        writer.fill_rect(Rect{10, 20.5, 30.25, 40}, Color{0.85, 0.85, 0.85});
        writer.stroke_line(Point{1, 2}, Point{3.5, 2}, 0.5, Color{0, 0, 1});
    }
    EXPECT_EQ(out, "0.85 0.85 0.85 rg\n10 20.5 30.25 40 re\nf\n"
                   "0.5 w\n0 0 1 RG\n1 2 m 3.5 2 l\nS\n");
}

TEST(ContentStream, RulesOfOnePenAreOnePathStrokedOnce) {
    std::string out;
    ContentWriter writer(out);
    writer.stroke_line(Point{0, 0}, Point{10, 0}, 0.5, Color{});
    writer.stroke_line(Point{0, 5}, Point{10, 5}, 0.5, Color{});
    writer.stroke_line(Point{0, 9}, Point{10, 9}, 1, Color{}); // a heavier rule: new width
    writer.stroke_line(Point{0, 12}, Point{10, 12}, 1, Color{1, 0, 0});
    writer.finish();
    EXPECT_EQ(out, "0.5 w\n0 0 0 RG\n0 0 m 10 0 l\n0 5 m 10 5 l\nS\n"
                   "1 w\n0 9 m 10 9 l\nS\n"
                   "1 0 0 RG\n0 12 m 10 12 l\nS\n");
}

TEST(ContentStream, FillsOfOneColourAreOnePathAndColoursChangeOnlyWhenNeeded) {
    std::string out;
    ContentWriter writer(out);
    const Color grey{0.85, 0.85, 0.85};
    writer.fill_rect(Rect{0, 0, 1, 1}, grey);
    writer.fill_rect(Rect{2, 0, 1, 1}, grey);
    writer.fill_rect(Rect{4, 0, 1, 1}, Color{});
    writer.finish();
    EXPECT_EQ(out, "0.85 0.85 0.85 rg\n0 0 1 1 re\n2 0 1 1 re\nf\n0 0 0 rg\n4 0 1 1 re\nf\n");
}

TEST(ContentStream, TextLinesShareOneTextObjectAndMoveWithExactTd) {
    std::string out;
    {
        ContentWriter writer(out);
        writer.text_line(
            10.5, Color{}, 700.125,
            {FontRun{"F0", 72, {{0x25c5, 0}, {0x7bd2, 0}}}, FontRun{"F1", 93.0004, {{0x0024, 0}}}});
        writer.text_line(10.5, Color{}, 685.9996, {FontRun{"F1", 72.0004, {{0x0025, 0}}}});
    }
    // Relative moves in exact thousandths: 93 - 72 = 21; then back to 72 and down to 686.
    EXPECT_EQ(out, "BT\n0 0 0 rg\n/F0 10.5 Tf\n72 700.125 Td <25C57BD2> Tj\n"
                   "/F1 10.5 Tf\n21 0 Td <0024> Tj\n"
                   "-21 -14.125 Td <0025> Tj\nET\n");
}

TEST(ContentStream, RelativeMovesNeverDriftFromTheAbsolutePositions) {
    std::string out;
    ContentWriter writer(out);
    std::vector<double> baselines;
    for (int i = 0; i < 500; ++i) {
        baselines.push_back(800 - i * 14.1733333); // a line pitch that is not a whole thousandth
        writer.text_line(10.5, Color{}, baselines.back(), {FontRun{"F0", 51.0237, {{1, 0}}}});
    }
    writer.finish();
    // Sum the Td moves as a reader does and compare with each line's own position.
    std::size_t at = 0;
    double x = 0;
    double y = 0;
    for (double expected : baselines) {
        at = out.find(" Td", at);
        ASSERT_NE(at, std::string::npos);
        const std::size_t line_start = out.rfind('\n', at) + 1;
        double dx = 0;
        double dy = 0;
        ASSERT_EQ(std::sscanf(out.c_str() + line_start, "%lf %lf", &dx, &dy), 2);
        x += dx;
        y += dy;
        EXPECT_NEAR(x, 51.024, 1e-9);
        EXPECT_NEAR(y, std::round(expected * 1000) / 1000, 1e-6);
        ++at;
    }
}

TEST(ContentStream, TextLineWithAdjustmentsUsesTJ) {
    std::string out;
    ContentWriter writer(out);
    writer.text_line(12, Color{1, 0, 0}, 50,
                     {FontRun{"F2", 10, {{1, 0}, {2, 12.5}, {3, 0}, {4, -40}}}});
    writer.finish();
    EXPECT_EQ(out, "BT\n1 0 0 rg\n/F2 12 Tf\n10 50 Td [<00010002> 12.5 <00030004> -40] TJ\nET\n");
}

TEST(ContentStream, PathsNeverOpenInsideATextObject) {
    std::string out;
    ContentWriter writer(out);
    writer.text_line(12, Color{}, 50, {FontRun{"F0", 10, {{1, 0}}}});
    writer.fill_rect(Rect{0, 0, 1, 1}, Color{});
    writer.text_line(12, Color{}, 40, {FontRun{"F0", 10, {{1, 0}}}});
    writer.finish();
    // The second text object starts from the identity again (BT resets the line matrix), and
    // the font and colour, which BT does not reset, are not repeated.
    EXPECT_EQ(out, "BT\n0 0 0 rg\n/F0 12 Tf\n10 50 Td <0001> Tj\nET\n0 0 1 1 re\nf\n"
                   "BT\n10 40 Td <0001> Tj\nET\n");
}

// A numpunct that writes 10,5: what a user locale such as de_DE does to iostreams.
struct CommaDecimal : std::numpunct<char> {
    char do_decimal_point() const override { return ','; }
};

std::string sample_content() {
    std::string out;
    ContentWriter writer(out);
    writer.fill_rect(Rect{10.5, 0.25, 1.125, 2}, Color{0.5, 0.5, 0.5});
    writer.text_line(10.5, Color{}, 1.5, {FontRun{"F0", 2.5, {{1, 0.5}}}});
    writer.finish();
    return out;
}

TEST(ContentStream, NumbersIgnoreTheLocale) {
    // The C++ global locale (iostreams) with a decimal comma: always available.
    const std::locale saved_cxx =
        std::locale::global(std::locale(std::locale::classic(), new CommaDecimal));
    const std::string with_cxx_locale = sample_content();
    std::locale::global(saved_cxx);
    EXPECT_EQ(with_cxx_locale.find(','), std::string::npos) << with_cxx_locale;
    EXPECT_NE(with_cxx_locale.find("10.5 0.25 1.125 2 re"), std::string::npos) << with_cxx_locale;

    // The C locale (printf) too, where a German or French locale is installed.
    const char* previous = std::setlocale(LC_ALL, nullptr);
    const std::string saved = previous != nullptr ? previous : "C";
    if (std::setlocale(LC_ALL, "de_DE.UTF-8") || std::setlocale(LC_ALL, "fr_FR.UTF-8")) {
        const std::string with_c_locale = sample_content();
        std::setlocale(LC_ALL, saved.c_str());
        EXPECT_EQ(with_c_locale, with_cxx_locale);
    }
}

TEST(SubsetTag, SixUpperCaseLettersStableAndGlyphSetDependent) {
    const std::string tag = subset_tag("NotoSerifCJKsc-Regular", {1, 2, 3});
    ASSERT_EQ(tag.size(), 6u);
    for (char c : tag) {
        EXPECT_TRUE(c >= 'A' && c <= 'Z') << tag;
    }
    EXPECT_EQ(subset_tag("NotoSerifCJKsc-Regular", {3, 2, 1}), tag);
    EXPECT_NE(subset_tag("NotoSerifCJKsc-Regular", {1, 2, 4}), tag);
    EXPECT_NE(subset_tag("NotoSansCJKsc-Regular", {1, 2, 3}), tag);
}

TEST(PdfDate, FormatsUtcSeconds) {
    EXPECT_EQ(pdf_date(0), "D:19700101000000+00'00'");
    EXPECT_EQ(pdf_date(1704067200), "D:20240101000000+00'00'");
    EXPECT_EQ(pdf_date(951782400 + 3661), "D:20000229010101+00'00'"); // leap day
}

} // namespace
} // namespace formpdf::pdf
