// The fonts of official documents are found under any of their names, and where none is installed
// a font of the same style prints in its place, with a note (never silently).

#include "text/font_library.h"
#include "text/official_font_names.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace formpdf::text {
namespace {

bool has(const std::vector<std::string_view>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

TEST(OfficialFontNames, EveryNameOfATypefaceFindsTheSameEntry) {
    const OfficialFontNames* fangsong = official_font_names("仿宋_GB2312");
    ASSERT_NE(fangsong, nullptr);
    EXPECT_EQ(official_font_names("FangSong_GB2312"), fangsong);
    EXPECT_EQ(official_font_names("fangsong gb2312"), fangsong);
    EXPECT_EQ(official_font_names("仿宋"), fangsong);
    EXPECT_TRUE(has(fangsong->same_typeface, "FangSong"));
    EXPECT_EQ(official_font_names("SimHei"), official_font_names("黑体"));
    EXPECT_EQ(official_font_names("KaiTi_GB2312"), official_font_names("楷体_GB2312"));
    EXPECT_EQ(official_font_names("FZXiaoBiaoSong-B05S"), official_font_names("方正小标宋简体"));
    EXPECT_EQ(official_font_names("SimSun"), official_font_names("宋体"));
    EXPECT_NE(official_font_names("宋体"), official_font_names("黑体"));
    EXPECT_EQ(official_font_names("Noto Sans CJK SC"), nullptr);
    EXPECT_EQ(official_font_names("Comic Sans"), nullptr);
}

TEST(OfficialFontNames, AStandInOfTheSameStylePrintsWithANote) {
    FontLibrary library({}, true);
    // 黑体 is a sans (Hei) face: Noto Sans CJK SC stands in where SimHei is not installed.
    const auto hei = library.choose({"黑体", 700, {"l.yaml", 3, 3}});
    ASSERT_TRUE(hei.has_value());
    if (hei->stand_in_for.empty()) {
        GTEST_SKIP() << "this machine has 黑体 itself: " << hei->face.path;
    }
    EXPECT_EQ(hei->face.family, "Noto Sans CJK SC");
    EXPECT_EQ(hei->stand_in_for, "黑体");
    const auto fangsong = library.choose({"仿宋_GB2312", 400, {"l.yaml", 2, 3}});
    ASSERT_TRUE(fangsong.has_value());
    EXPECT_EQ(fangsong->face.family, "Noto Serif CJK SC"); // a Song (Ming) face

    Diagnostics diagnostics;
    const FontId id = library.load({"仿宋_GB2312", 400, {"l.yaml", 2, 3}}, &diagnostics);
    EXPECT_EQ(library.resource(id).family, "Noto Serif CJK SC");
    ASSERT_EQ(diagnostics.items().size(), 1u);
    EXPECT_EQ(diagnostics.items()[0].severity, Severity::Note);
    EXPECT_EQ(diagnostics.items()[0].loc.line, 2);
    EXPECT_NE(diagnostics.items()[0].message.find("\"仿宋_GB2312\" is not installed"),
              std::string::npos)
        << diagnostics.items()[0].message;
}

TEST(OfficialFontNames, AnUnknownFamilyIsStillNotFound) {
    FontLibrary library({}, true);
    EXPECT_FALSE(library.choose({"Foo Sans", 400, {}}).has_value());
    EXPECT_THROW(library.load({"Foo Sans", 400, {}}), DiagnosticError);
}

} // namespace
} // namespace formpdf::text
