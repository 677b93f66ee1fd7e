#pragma once

#include <string>
#include <string_view>

namespace formpdf::text {

// Chinese sort order (ICU's collator for the locale "zh": 拼音 order, so 北京 < 重庆 < 广州 < 上海,
// where code-point order puts 上海 before 重庆), for the code outside the text stage that sorts
// names (the batch's `--sort name --collation pinyin`). ICU stays inside the text stage.

// A key whose byte order (std::string's <) is the pinyin order of the texts. Input is UTF-8;
// invalid bytes sort as U+FFFD.
std::string pinyin_sort_key(std::string_view utf8);

} // namespace formpdf::text
