#include "load/chinese_font_sizes.h"

#include <array>
#include <utility>

namespace formpdf::load {

namespace {

constexpr std::array<std::pair<std::string_view, double>, 16> kSizes = {{
    {"初号", 42},
    {"小初", 36},
    {"一号", 26},
    {"小一", 24},
    {"二号", 22},
    {"小二", 18},
    {"三号", 16},
    {"小三", 15},
    {"四号", 14},
    {"小四", 12},
    {"五号", 10.5},
    {"小五", 9},
    {"六号", 7.5},
    {"小六", 6.5},
    {"七号", 5.5},
    {"八号", 5},
}};

} // namespace

std::optional<double> chinese_font_size_pt(std::string_view name) {
    constexpr std::string_view kHao = "号";
    // "小四号" is a common way of writing 小四; "初号" and "一号" keep their 号.
    if (name.size() > kHao.size() && name.starts_with("小") && name.ends_with(kHao)) {
        name.remove_suffix(kHao.size());
    }
    for (const auto& [size_name, points] : kSizes) {
        if (name == size_name) {
            return points;
        }
    }
    return std::nullopt;
}

const char* chinese_font_size_names() {
    return "初号, 小初, 一号, 小一, 二号, 小二, 三号, 小三, 四号, 小四, 五号, 小五, 六号, 小六, "
           "七号, 八号";
}

} // namespace formpdf::load
