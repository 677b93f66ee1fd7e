#pragma once

#include <string>

namespace formpdf {

// Locale-free decimal text for PDF operands and JSON: at most max_decimals digits after the point,
// trailing zeros and a trailing point removed, never "-0", never an exponent.
// format_number(12.5) == "12.5", format_number(3.0) == "3", format_number(0.1234, 3) == "0.123".
std::string format_number(double value, int max_decimals = 3);
void append_number(std::string& out, double value, int max_decimals = 3);

} // namespace formpdf
