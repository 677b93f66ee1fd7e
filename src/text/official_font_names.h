#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace formpdf::text {

// The fonts of Chinese official documents (GB/T 9704: 仿宋_GB2312 for the body, 方正小标宋简体 for
// titles, 黑体 and 楷体_GB2312 for headings, 宋体 for tables) as a layout names them, and what may
// print in their place. A Windows machine has SimSun, SimHei, FangSong, KaiTi; a Debian or UOS
// machine usually has none of them but Noto CJK and AR PL fonts.
struct OfficialFontNames {
    // Other names of the same typeface (English and Chinese, with and without _GB2312): tried in
    // turn, silently, when the name written is not installed.
    std::vector<std::string_view> same_typeface;
    // Other typefaces of the same style, tried in turn when no name of the typeface is installed;
    // printing with one is reported (a note naming both).
    std::vector<std::string_view> stand_ins;
};

// The names for a family written in a layout (compared ignoring ASCII case, spaces, '-' and '_'),
// or nullptr when it is not one of the official document fonts.
const OfficialFontNames* official_font_names(std::string_view family);

} // namespace formpdf::text
