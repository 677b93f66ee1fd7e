#pragma once

#include <optional>
#include <string_view>

namespace formpdf::load {

// The Chinese type sizes (字号) in points, as typesetting and GB/T 9704 use them: 初号 42, 小初 36,
// 一号 26, 小一 24, 二号 22, 小二 18, 三号 16, 小三 15, 四号 14, 小四 12, 五号 10.5, 小五 9,
// 六号 7.5, 小六 6.5, 七号 5.5, 八号 5. "小四号" is read as "小四". nullopt for any other text.
std::optional<double> chinese_font_size_pt(std::string_view name);

// "初号, 小初, 一号, …, 八号": for hints.
const char* chinese_font_size_names();

} // namespace formpdf::load
