#include "core/diagnostic.h"
#include "support/command.h"
#include "text/font_library.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace formpdf::text {
namespace {
namespace fs = std::filesystem;
using formpdf::testing::TempDir;

// These tests use the fonts the project depends on, installed by scripts/install-deps:
// fonts-noto-cjk (OpenType/CFF collections), fonts-wqy-microhei (a TrueType collection) and
// fonts-dejavu-core (single-face TrueType files).
constexpr const char* kNotoSerifRegular = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";
constexpr const char* kNotoSansBold = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
constexpr const char* kWenQuanYi = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

FontRequest request(std::string family, int weight = 400) {
    return FontRequest{std::move(family), weight, SourceLoc{"layouts/form.yaml", 12, 9}};
}

TEST(FontLibraryTest, FindsTheSimplifiedChineseFaceOfACollectionByFamilyName) {
    FontLibrary fonts({});
    const FontResource& font = fonts.resource(fonts.load(request("Noto Serif CJK SC")));
    EXPECT_EQ(font.path, kNotoSerifRegular);
    EXPECT_EQ(font.face_index, 2u); // JP, KR, SC, TC, HK
    EXPECT_EQ(font.family, "Noto Serif CJK SC");
    EXPECT_EQ(font.postscript_name, "NotoSerifCJKsc-Regular");
    EXPECT_EQ(font.weight, 400);
    EXPECT_TRUE(font.is_cff);
    EXPECT_EQ(font.units_per_em, 1000);
    // OS/2 typo metrics, not the taller hhea values (1160/-288).
    EXPECT_EQ(font.ascender, 880);
    EXPECT_EQ(font.descender, -120);
    EXPECT_GT(font.cap_height, 600);
    EXPECT_LT(font.cap_height, font.ascender);
    EXPECT_LT(font.bbox_x_min, 0);
    EXPECT_LT(font.bbox_y_min, font.descender);
    EXPECT_GT(font.bbox_x_max, font.units_per_em);
    EXPECT_GT(font.bbox_y_max, font.ascender);
    EXPECT_EQ(font.italic_angle, 0.0);
}

TEST(FontLibraryTest, DiscoversEveryFaceOfACollectionFaceByFace) {
    // FreeType opens each face of a collection: every face is found by its own family name, at
    // its own index, in the OpenType/CFF collection and in the TrueType one.
    TempDir dir;
    fs::copy_file(kNotoSerifRegular, dir / "NotoSerifCJK-Regular.ttc");
    fs::copy_file(kWenQuanYi, dir / "wqy-microhei.ttc");
    FontLibrary fonts({dir.path()}, false);
    EXPECT_EQ(fonts.families(), (std::vector<std::string>{
                                    "Noto Serif CJK HK", "Noto Serif CJK JP", "Noto Serif CJK KR",
                                    "Noto Serif CJK SC", "Noto Serif CJK TC", "WenQuanYi Micro Hei",
                                    "WenQuanYi Micro Hei Mono"}));
    const std::vector<std::pair<std::string, unsigned>> faces = {
        {"Noto Serif CJK JP", 0}, {"Noto Serif CJK KR", 1},       {"Noto Serif CJK SC", 2},
        {"Noto Serif CJK TC", 3}, {"Noto Serif CJK HK", 4},       {"WenQuanYi Micro Hei", 0},
        {"文泉驿等宽微米黑", 1},  {"WenQuanYi Micro Hei Mono", 1}};
    for (const auto& [family, index] : faces) {
        const FontResource& font = fonts.resource(fonts.load(request(family)));
        EXPECT_EQ(font.face_index, index) << family;
        EXPECT_EQ(font.is_cff, font.path.find("Noto") != std::string::npos) << family;
    }
}

TEST(FontLibraryTest, FamilyNamesCompareCaseInsensitively) {
    FontLibrary fonts({});
    const FontId exact = fonts.load(request("Noto Serif CJK SC"));
    EXPECT_EQ(fonts.load(request("noto serif cjk sc")), exact);
    EXPECT_EQ(fonts.resources().size(), 1u);
}

TEST(FontLibraryTest, NearestWeightChoosesTheBoldFile) {
    FontLibrary fonts({});
    const FontId bold = fonts.load(request("Noto Sans CJK SC", 700));
    const FontId regular = fonts.load(request("Noto Sans CJK SC", 400));
    EXPECT_NE(bold, regular);
    EXPECT_EQ(fonts.resource(bold).path, kNotoSansBold);
    EXPECT_EQ(fonts.resource(bold).face_index, 2u);
    EXPECT_EQ(fonts.resource(bold).weight, 700);
    EXPECT_EQ(fonts.resource(bold).postscript_name, "NotoSansCJKsc-Bold");
    EXPECT_EQ(fonts.resource(regular).weight, 400);
    // 600 is nearer to 700 than to 400; 500 is nearer to 400.
    EXPECT_EQ(fonts.load(request("Noto Sans CJK SC", 600)), bold);
    EXPECT_EQ(fonts.load(request("Noto Sans CJK SC", 500)), regular);
}

TEST(FontLibraryTest, EqualDistanceGoesHeavierFromRegularUpAndLighterBelow) {
    // DejaVu Sans has ExtraLight (200), Book (400) and Bold (700) faces.
    FontLibrary fonts({});
    EXPECT_EQ(fonts.resource(fonts.load(request("DejaVu Sans", 550))).weight, 700);
    EXPECT_EQ(fonts.resource(fonts.load(request("DejaVu Sans", 300))).weight, 200);
}

TEST(FontLibraryTest, PrefersTheUprightNormalWidthFaceOfAFamily) {
    // The typographic family "DejaVu Sans" also holds Oblique and Condensed faces of weight 400.
    FontLibrary fonts({});
    const FontResource& font = fonts.resource(fonts.load(request("DejaVu Sans")));
    EXPECT_EQ(fs::path(font.path).filename(), "DejaVuSans.ttf");
    EXPECT_EQ(font.postscript_name, "DejaVuSans");
    EXPECT_FALSE(font.is_cff);
    EXPECT_EQ(font.units_per_em, 2048);
}

TEST(FontLibraryTest, AcceptsTheLegacyFamilyNameToo) {
    // Name ID 1 "DejaVu Sans Condensed" under typographic family (ID 16) "DejaVu Sans".
    FontLibrary fonts({});
    const FontResource& font = fonts.resource(fonts.load(request("DejaVu Sans Condensed")));
    EXPECT_EQ(fs::path(font.path).filename(), "DejaVuSansCondensed.ttf");
    EXPECT_EQ(font.family, "DejaVu Sans");
}

TEST(FontLibraryTest, FindsATrueTypeCollectionFace) {
    FontLibrary fonts({});
    const FontResource& font = fonts.resource(fonts.load(request("WenQuanYi Micro Hei")));
    EXPECT_EQ(font.path, kWenQuanYi);
    EXPECT_EQ(font.face_index, 0u);
    EXPECT_FALSE(font.is_cff);
    EXPECT_EQ(font.postscript_name, "WenQuanYiMicroHei");

    const FontResource& mono = fonts.resource(fonts.load(request("WenQuanYi Micro Hei Mono")));
    EXPECT_EQ(mono.path, kWenQuanYi);
    EXPECT_EQ(mono.face_index, 1u);
}

TEST(FontLibraryTest, AcceptsAChineseFamilyName) {
    FontLibrary fonts({});
    const FontResource& font = fonts.resource(fonts.load(request("文泉驿微米黑")));
    EXPECT_EQ(font.path, kWenQuanYi);
    EXPECT_EQ(font.family, "WenQuanYi Micro Hei");
}

TEST(FontLibraryTest, AFontDirectoryGivenFirstWinsOverTheSystemDirectories) {
    testing::TempDir dir;
    fs::create_directories(dir / "nested");
    fs::create_symlink(kWenQuanYi, dir / "nested" / "Copy.TTC"); // extensions in any case
    FontLibrary fonts({dir.path()});
    const FontResource& font = fonts.resource(fonts.load(request("WenQuanYi Micro Hei")));
    EXPECT_EQ(font.path, (dir / "nested" / "Copy.TTC").string());
    // A family the directory lacks still comes from the system directories.
    EXPECT_EQ(fonts.resource(fonts.load(request("Noto Serif CJK SC"))).path, kNotoSerifRegular);
}

TEST(FontLibraryTest, AFamilyInAnEarlierDirectoryHidesTheSameFamilyLater) {
    // Only the regular file is in the project directory: a bold request takes it rather than
    // mixing in the system's bold file, so a project's fonts are not silently bypassed.
    testing::TempDir dir;
    fs::create_symlink("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                       dir / "NotoSansCJK-Regular.ttc");
    FontLibrary fonts({dir.path()});
    const FontResource& font = fonts.resource(fonts.load(request("Noto Sans CJK SC", 700)));
    EXPECT_EQ(font.path, (dir / "NotoSansCJK-Regular.ttc").string());
    EXPECT_EQ(font.weight, 400);
}

TEST(FontLibraryTest, WithoutSystemDirectoriesOnlyTheGivenOnesAreSearched) {
    testing::TempDir dir;
    fs::create_symlink(kWenQuanYi, dir / "wqy.ttc");
    FontLibrary fonts({dir.path()}, /*include_system_dirs=*/false);
    EXPECT_EQ(fonts.resource(fonts.load(request("WenQuanYi Micro Hei"))).path,
              (dir / "wqy.ttc").string());
    EXPECT_THROW(fonts.load(request("Noto Serif CJK SC")), DiagnosticError);
}

TEST(FontLibraryTest, UnknownFamilyIsADiagnosticWithNearestNamesAndSearchedDirectories) {
    testing::TempDir dir;
    FontLibrary fonts({dir.path()});
    try {
        fonts.load(request("Noto Serif CJK XX"));
        FAIL() << "expected a DiagnosticError";
    } catch (const DiagnosticError& error) {
        const Diagnostic& diagnostic = error.diagnostic();
        EXPECT_EQ(diagnostic.loc.file, "layouts/form.yaml");
        EXPECT_EQ(diagnostic.loc.line, 12);
        EXPECT_EQ(diagnostic.loc.col, 9);
        EXPECT_EQ(diagnostic.message, "font family \"Noto Serif CJK XX\" was not found");
        EXPECT_NE(diagnostic.hint.find("\"Noto Serif CJK SC\""), std::string::npos);
        EXPECT_NE(diagnostic.hint.find("\"Noto Serif CJK TC\""), std::string::npos);
        EXPECT_EQ(diagnostic.hint.find("DejaVu"), std::string::npos) << diagnostic.hint;
        EXPECT_NE(diagnostic.hint.find(dir.path().string()), std::string::npos);
        EXPECT_NE(diagnostic.hint.find("/usr/share/fonts"), std::string::npos);
        EXPECT_NE(diagnostic.hint.find("fonts/"), std::string::npos);
    }
}

TEST(FontLibraryTest, UnknownFamilyHintNamesAFamilyByItsClosestLocalizedName) {
    FontLibrary fonts({});
    try {
        fonts.load(request("文泉驿微米黑体"));
        FAIL() << "expected a DiagnosticError";
    } catch (const DiagnosticError& error) {
        EXPECT_NE(error.diagnostic().hint.find("\"WenQuanYi Micro Hei (文泉驿微米黑)\""),
                  std::string::npos)
            << error.diagnostic().hint;
    }
}

TEST(FontLibraryTest, HasGlyphFollowsTheCmap) {
    FontLibrary fonts({});
    const FontId noto = fonts.load(request("Noto Serif CJK SC"));
    const FontId dejavu = fonts.load(request("DejaVu Sans"));
    EXPECT_TRUE(fonts.has_glyph(noto, U'项'));
    EXPECT_TRUE(fonts.has_glyph(noto, U'，'));
    EXPECT_FALSE(fonts.has_glyph(dejavu, U'项'));
    EXPECT_TRUE(fonts.has_glyph(dejavu, U'A'));
    EXPECT_FALSE(fonts.has_glyph(noto, U'\uE000'));
}

} // namespace
} // namespace formpdf::text
