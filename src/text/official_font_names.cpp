#include "text/official_font_names.h"

#include <array>

namespace formpdf::text {

namespace {

// Lower-case ASCII, without spaces, '-' and '_': "FangSong_GB2312" and "fangsong gb2312" are one.
std::string folded(std::string_view name) {
    std::string out;
    for (const char c : name) {
        if (c == ' ' || c == '-' || c == '_') {
            continue;
        }
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

struct Entry {
    std::vector<std::string_view> names; // every name of the typeface; a layout may use any
    OfficialFontNames alternatives;
};

const std::vector<Entry>& entries() {
    // Stand-ins, nearest in style first: a Song (Ming) face for 宋体 and 仿宋, a Hei (Gothic) face
    // for 黑体, a Kai (brush) face for 楷体; Noto CJK is last because every formpdf install has it.
    static const std::vector<Entry> table = {
        {{"宋体", "SimSun", "Songti SC", "STSong", "宋体_GB2312"},
         {{}, {"Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN", "AR PL SungtiL GB"}}},
        {{"黑体", "SimHei", "Heiti SC", "STHeiti"},
         {{},
          {"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei"}}},
        {{"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "华文仿宋"},
         {{}, {"Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN"}}},
        {{"楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti", "华文楷体"},
         {{}, {"AR PL UKai CN", "AR PL KaitiM GB", "Noto Serif CJK SC"}}},
        {{"方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05",
          "小标宋"},
         {{}, {"Noto Serif CJK SC", "Source Han Serif SC"}}},
    };
    return table;
}

// Each entry's alternatives with `same_typeface` filled from its names.
std::vector<Entry> with_names() {
    std::vector<Entry> table = entries();
    for (Entry& entry : table) {
        entry.alternatives.same_typeface = entry.names;
    }
    return table;
}

} // namespace

const OfficialFontNames* official_font_names(std::string_view family) {
    static const std::vector<Entry> table = with_names();
    const std::string key = folded(family);
    for (const Entry& entry : table) {
        for (const std::string_view name : entry.names) {
            if (folded(name) == key) {
                return &entry.alternatives;
            }
        }
    }
    return nullptr;
}

} // namespace formpdf::text
