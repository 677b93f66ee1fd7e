// A layout's `format:` template read in its parts the one way the print, the checks and the import
// all read it.

#include "load/format_template.h"

#include <gtest/gtest.h>

#include <string>

namespace formpdf::load {
namespace {

// "T:text" and "F:id" for each part, in order.
std::string parts(std::string_view format) {
    std::string out;
    for_each_template_part(
        format, [&](std::string_view text) { out += "T:" + std::string(text) + "|"; },
        [&](std::string_view id) { out += "F:" + std::string(id) + "|"; });
    return out;
}

TEST(FormatTemplate, TextAndPlaceholdersInOrder) {
    EXPECT_EQ(parts("{prior_year_1}年实际执行数"), "F:prior_year_1|T:年实际执行数|");
    EXPECT_EQ(parts("总额：{total}万元"), "T:总额：|F:total|T:万元|");
    EXPECT_EQ(parts("{a}{b}"), "F:a|F:b|");
    EXPECT_EQ(parts("合计"), "T:合计|");
    EXPECT_EQ(parts(""), "");
}

TEST(FormatTemplate, ABraceWithoutItsCloseIsText) {
    EXPECT_EQ(parts("a{b"), "T:a{b|");
    EXPECT_EQ(parts("x}{y}"), "T:x}|F:y|");
    EXPECT_EQ(parts("{a{b}c"), "F:a{b|T:c|");
}

} // namespace
} // namespace formpdf::load
