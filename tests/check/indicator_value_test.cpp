#include "check/decimal_text.h"
#include "check/indicator_value.h"

#include <gtest/gtest.h>

namespace formpdf::check {
namespace {

load::IndicatorValueGrammar grammar() {
    load::IndicatorValueGrammar g;
    g.comparators = {"≥", "≤", ">", "<", "="};
    g.alternatives = {"或"};
    g.qualitative = {"及时", "有效", "不适用"};
    return g;
}

TEST(IndicatorValue, MeasuredValuesOfTheSeed) {
    for (const char* value : {"≥10人", "≥ 90%", "> 95%", "100%", "≤ 2%", "0起", "180万人",
                              "2天或16小时", "≥ 153个系统", "24小时内", "≥1000万条", "1,300套"}) {
        EXPECT_EQ(classify_indicator_value(value, grammar()), IndicatorValueShape::Measured)
            << value;
    }
}

TEST(IndicatorValue, KnownTermsNumbersWithoutUnitsAndTheRest) {
    EXPECT_EQ(classify_indicator_value("及时", grammar()), IndicatorValueShape::Qualitative);
    EXPECT_EQ(classify_indicator_value("不适用", grammar()), IndicatorValueShape::Qualitative);
    EXPECT_EQ(classify_indicator_value("0", grammar()), IndicatorValueShape::NumberWithoutUnit);
    EXPECT_EQ(classify_indicator_value("≥ 85", grammar()), IndicatorValueShape::NumberWithoutUnit);
    for (const char* value : {"全区", "每季度末", "该指标主要考察", "≥",
                              "90%以上的全部单位都要达标", "2天或", "12 个月", ""}) {
        EXPECT_EQ(classify_indicator_value(value, grammar()), IndicatorValueShape::Other) << value;
    }
}

TEST(DecimalText, AmountsWithTwoDecimalsAndThousandsSeparators) {
    EXPECT_EQ(parse_amount("0.00", 2), 0);
    EXPECT_EQ(parse_amount("849.00", 2), 84900);
    EXPECT_EQ(parse_amount("2,351.10", 2), 235110);
    EXPECT_EQ(parse_amount("5,068.37", 2), 506837);
    EXPECT_EQ(parse_amount("1,234,567.89", 2), 123456789);
    for (const char* bad : {"1866", "1866.0", "1,86.00", "1866.000", "-1.00", "1.5e3", "",
                            "１８６６.００", "1,866.00万", ",866.00", "1,866,.00", " 1.00"}) {
        EXPECT_FALSE(parse_amount(bad, 2).has_value()) << bad;
    }
    EXPECT_EQ(parse_amount("1,866", 0), 1866);
    EXPECT_EQ(parse_whole_number("3"), 3);
    EXPECT_FALSE(parse_whole_number("2.5").has_value());
    EXPECT_FALSE(parse_whole_number("3年").has_value());
}

} // namespace
} // namespace formpdf::check
