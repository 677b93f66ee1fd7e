#pragma once

#include <string>
#include <string_view>

namespace formpdf::workbook {

// A number cell as a spreadsheet shows it, through its number format code (docs/import.md,
// "Numbers and dates"): `0.00` shows 849 as "849.00", `#,##0.00` as "1,866.00", `0%` 0.5 as
// "50%", `yyyy"年"m"月"d"日"` a date serial as "2024年1月15日", General as Excel does ("849",
// "0.333333333", "4.40304E+20"). Literal text, [$¥-804] currency tags and _x/ *x spacing are kept
// in their place around the number; colours and conditions are ignored.
std::string format_number(double value, std::string_view format_code, bool date1904 = false);

// The format code of a built-in number format id (0-49 and the Chinese 27-36, 50-58); the
// General format for ids it does not know. Dates as a Chinese Excel shows them (14: yyyy/m/d).
std::string_view builtin_number_format(int id);

} // namespace formpdf::workbook
