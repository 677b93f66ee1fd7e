// Numbers as a spreadsheet shows them through their number format (docs/import.md).

#include "workbook/number_format.h"

#include <gtest/gtest.h>

namespace formpdf::workbook {
namespace {

TEST(NumberFormat, DecimalsThousandsAndPercentages) {
    EXPECT_EQ(format_number(849, "0.00"), "849.00");
    EXPECT_EQ(format_number(0, "0.00"), "0.00");
    EXPECT_EQ(format_number(1866, "#,##0.00"), "1,866.00");
    EXPECT_EQ(format_number(1234567.891, "#,##0.00"), "1,234,567.89");
    EXPECT_EQ(format_number(1234567, "#,##0"), "1,234,567");
    EXPECT_EQ(format_number(1, "0%"), "100%");
    EXPECT_EQ(format_number(0.925, "0.0%"), "92.5%");
    EXPECT_EQ(format_number(0.125, "0.00"), "0.13"); // half away from zero, as Excel shows it
    EXPECT_EQ(format_number(2.675, "0.00"), "2.68");
    EXPECT_EQ(format_number(-1866, "#,##0.00"), "-1,866.00");
    EXPECT_EQ(format_number(-5, "#,##0.00;(#,##0.00)"), "(5.00)");
    EXPECT_EQ(format_number(5, "0.0#"), "5.0");
    EXPECT_EQ(format_number(5.25, "0.0#"), "5.25");
    EXPECT_EQ(format_number(12, "000"), "012");
}

TEST(NumberFormat, LiteralTextAndCurrencyAroundTheNumber) {
    EXPECT_EQ(format_number(849, "0.00\"万元\""), "849.00万元");
    EXPECT_EQ(format_number(849, "[$¥-804]#,##0.00"), "¥849.00");
    EXPECT_EQ(format_number(849, "#,##0.00_ "), "849.00 ");
    EXPECT_EQ(format_number(849, "[Red]0.00"), "849.00");
    EXPECT_EQ(format_number(15, "0\"人\""), "15人");
}

TEST(NumberFormat, GeneralShowsWhatExcelShows) {
    EXPECT_EQ(format_number(849, "General"), "849");
    EXPECT_EQ(format_number(3, ""), "3");
    EXPECT_EQ(format_number(1.0 / 3, "General"), "0.333333333");
    EXPECT_EQ(format_number(0.1 + 0.2, "General"), "0.3");
    EXPECT_EQ(format_number(12345678901, "General"), "12345678901");
    EXPECT_EQ(format_number(440304221061500500012.0, "General"), "4.40304E+20");
    EXPECT_EQ(format_number(849, "@"), "849");
    EXPECT_EQ(format_number(1234.5, "0.00E+00"), "1.23E+03");
}

TEST(NumberFormat, DatesAsDisplayed) {
    // 45306 is 2024-01-15 (a Monday) in the 1900 date system.
    EXPECT_EQ(format_number(45306, builtin_number_format(14)), "2024/1/15");
    EXPECT_EQ(format_number(45306, "yyyy-mm-dd"), "2024-01-15");
    EXPECT_EQ(format_number(45306, builtin_number_format(31)), "2024年1月15日");
    EXPECT_EQ(format_number(45306, builtin_number_format(27)), "2024年1月");
    EXPECT_EQ(format_number(45306.75, "yyyy/m/d h:mm"), "2024/1/15 18:00");
    EXPECT_EQ(format_number(45306.75, "h:mm AM/PM"), "6:00 PM");
    EXPECT_EQ(format_number(45306, "dddd, mmmm d"), "Monday, January 15");
    EXPECT_EQ(format_number(60, "yyyy-mm-dd"), "1900-02-29"); // Excel's own leap day
    EXPECT_EQ(format_number(61, "yyyy-mm-dd"), "1900-03-01");
    EXPECT_EQ(format_number(1, "yyyy-mm-dd"), "1900-01-01");
    EXPECT_EQ(format_number(43844, "yyyy-mm-dd", true), "2024-01-15"); // the 1904 system
}

TEST(NumberFormat, BuiltInFormats) {
    EXPECT_EQ(builtin_number_format(2), "0.00");
    EXPECT_EQ(builtin_number_format(4), "#,##0.00");
    EXPECT_EQ(builtin_number_format(49), "@");
    EXPECT_EQ(builtin_number_format(0), "General");
    EXPECT_EQ(builtin_number_format(999), "General");
}

} // namespace
} // namespace formpdf::workbook
