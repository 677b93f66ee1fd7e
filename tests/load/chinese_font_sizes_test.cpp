// Font sizes in layouts may be given as 号 (GB/T 9704): 三号 = 16 pt, 小四 = 12 pt.

#include "core/diagnostic.h"
#include "load/chinese_font_sizes.h"
#include "load/layout_loader.h"

#include <gtest/gtest.h>

namespace formpdf::load {
namespace {

TEST(ChineseFontSizes, AreThePointSizesOfGbT9704) {
    EXPECT_EQ(chinese_font_size_pt("初号"), 42);
    EXPECT_EQ(chinese_font_size_pt("小初"), 36);
    EXPECT_EQ(chinese_font_size_pt("二号"), 22);
    EXPECT_EQ(chinese_font_size_pt("三号"), 16);
    EXPECT_EQ(chinese_font_size_pt("小三"), 15);
    EXPECT_EQ(chinese_font_size_pt("四号"), 14);
    EXPECT_EQ(chinese_font_size_pt("小四"), 12);
    EXPECT_EQ(chinese_font_size_pt("小四号"), 12);
    EXPECT_EQ(chinese_font_size_pt("五号"), 10.5);
    EXPECT_EQ(chinese_font_size_pt("八号"), 5);
    EXPECT_FALSE(chinese_font_size_pt("九号"));
    EXPECT_FALSE(chinese_font_size_pt("小"));
    EXPECT_FALSE(chinese_font_size_pt("号"));
    EXPECT_FALSE(chinese_font_size_pt("12"));
}

TEST(ChineseFontSizes, ALayoutMayNameThem) {
    const LayoutSpec spec = load_layout_text("formpdf-layout: 1\nstyles: {title: {size: 二号}, "
                                             "body: {size: 小四}, note: {size: 五号}}\n",
                                             "in.yaml");
    EXPECT_DOUBLE_EQ(spec.find_style("title")->size_pt, 22);
    EXPECT_DOUBLE_EQ(spec.find_style("body")->size_pt, 12);
    EXPECT_DOUBLE_EQ(spec.find_style("note")->size_pt, 10.5);
}

TEST(ChineseFontSizes, AnUnknownNameSaysWhatIsAccepted) {
    try {
        load_layout_text("formpdf-layout: 1\nstyles: {title: {size: 大号}}\n", "in.yaml");
        FAIL() << "accepted 大号";
    } catch (const DiagnosticError& error) {
        EXPECT_EQ(error.diagnostic().loc.line, 2);
        EXPECT_NE(error.diagnostic().message.find("小四"), std::string::npos)
            << error.diagnostic().message;
    }
}

} // namespace
} // namespace formpdf::load
