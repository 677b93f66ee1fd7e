// The combined file's title and bookmarks (app/combined_navigation.h).

#include "app/combined_navigation.h"

#include <gtest/gtest.h>

namespace formpdf::app {
namespace {

const std::string kForm = "二级项目支出绩效目标申报表";

TEST(CombinedNavigation, OneUnitTitlesTheFileAndItsBookmarksAreFlat) {
    const std::vector<CombinedForm> forms = {
        {"福田区政务服务数据管理局", "4403 办公设备", kForm, 0},
        {"福田区政务服务数据管理局", "4404 数据平台", kForm, 2}};
    EXPECT_EQ(combined_unit(forms), "福田区政务服务数据管理局");
    EXPECT_EQ(combined_title(forms), "福田区政务服务数据管理局 " + kForm + "（2份）");
    const std::vector<layout::Outline> outlines = combined_outlines(forms, 1);
    ASSERT_EQ(outlines.size(), 3u);
    EXPECT_EQ(outlines[0].title, "目录");
    EXPECT_EQ(outlines[0].page_index, 0);
    EXPECT_EQ(outlines[1].title, "4403 办公设备");
    EXPECT_EQ(outlines[1].page_index, 1) << "after the contents page";
    EXPECT_EQ(outlines[2].page_index, 3);
    EXPECT_TRUE(outlines[1].children.empty());
}

TEST(CombinedNavigation, SeveralUnitsGroupTheBookmarksInTheOrderTheyCome) {
    const std::vector<CombinedForm> forms = {{"乙单位", "b1", kForm, 0},
                                             {"", "x", "其他表", 1},
                                             {"乙单位", "b2", kForm, 3},
                                             {"甲单位", "a1", kForm, 4}};
    EXPECT_EQ(combined_unit(forms), "");
    EXPECT_EQ(combined_title(forms), "申报表（4份）") << "no unit, several layouts' titles";
    const std::vector<layout::Outline> outlines = combined_outlines(forms, 0);
    ASSERT_EQ(outlines.size(), 3u);
    EXPECT_EQ(outlines[0].title, "乙单位");
    ASSERT_EQ(outlines[0].children.size(), 2u);
    EXPECT_EQ(outlines[0].children[1].title, "b2");
    EXPECT_EQ(outlines[0].page_index, 0) << "a unit's bookmark opens its first form";
    EXPECT_EQ(outlines[1].title, "（未填单位）");
    EXPECT_EQ(outlines[1].page_index, 1);
    EXPECT_EQ(outlines[2].title, "甲单位");
    EXPECT_EQ(outlines[2].page_index, 4);
}

} // namespace
} // namespace formpdf::app
