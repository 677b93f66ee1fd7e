#pragma once

#include "load/form_definition.h"

#include <string_view>

namespace formpdf::check {

enum class IndicatorValueShape {
    Measured,    // a number with its unit, optionally after a comparison: ≥10人, > 90%, 0起
    Qualitative, // one of the grammar's known terms: 及时, 有效, 不适用
    NumberWithoutUnit, // "0": a number and nothing to say what it counts
    Other,             // anything else (全区, a sentence)
};

// The shape of an indicator value (指标值). Alternatives joined by a word of the grammar
// ("2天或16小时") must each be measured. Spaces between the comparison and the number are allowed
// ("≥ 90%"), as the forms write both.
IndicatorValueShape classify_indicator_value(std::string_view text,
                                             const load::IndicatorValueGrammar& grammar);

} // namespace formpdf::check
