#pragma once

// Character classes of the CLREQ tailoring of ICU's line breaking (see docs/line-breaking.md).
// Private to the text stage: only line_breaker.cpp includes this. Header-only on purpose, so that
// it needs no entry in the stage's source list.

#include <string_view>

namespace formpdf::text::break_rules {

// Marks that must not start a line (CLREQ 3.1.7 行首禁则, plus the Japanese iteration and length
// marks that Typst issue #560 lists): closing brackets and quotes, pause and stop marks, percent
// and degree signs, middle dots, ellipsis, wave dashes.
inline constexpr std::u32string_view no_line_start = U"，。、；：？！）》」』】〕〉〗〙〛］｝”’〞〟"
                                                     U",.;:?!)]}"
                                                     U"％%‰‱℃℉°′″"
                                                     U"·・‧…‥⋯"
                                                     U"︰︶︸︺︼︾﹀﹂﹄﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞｡､．｣"
                                                     U"〃々〆〜～ーゝゞ〻ヽヾ";

// Marks that must not end a line (CLREQ 行尾禁则): opening brackets and quotes.
inline constexpr std::u32string_view no_line_end = U"（《「『【〔〈〖〘〚［｛“‘〝"
                                                   U"([{"
                                                   U"﹙﹛﹝｢";

// Comparison signs that stay with the number after them, also across spaces ("≥ 90%").
inline constexpr std::u32string_view comparison_signs = U"≥≤><=≠＞＜＝≧≦≈≒±⩾⩽≮≯≰≱";

// Symbols that are units by themselves when they follow a digit.
inline constexpr std::u32string_view unit_symbols = U"％%‰‱℃℉°′″";

// Han characters that, after a number, usually begin a two-character unit: 万元, 亿元, 千米,
// 小时, 个月, 平方米, 立方米, 公里, 毫米, 厘米. The character after them stays with the number too.
inline constexpr std::u32string_view unit_prefixes = U"万亿千百兆小个平立公毫厘";

// Runs of these are one mark (…… and ——) and are never split.
inline constexpr std::u32string_view paired_marks = U"…⋯—―⸺⸻";

inline constexpr bool contains(std::u32string_view set, char32_t c) {
    return set.find(c) != std::u32string_view::npos;
}

inline constexpr bool is_no_line_start(char32_t c) {
    return contains(no_line_start, c);
}
inline constexpr bool is_no_line_end(char32_t c) {
    return contains(no_line_end, c);
}
inline constexpr bool is_comparison_sign(char32_t c) {
    return contains(comparison_signs, c);
}
inline constexpr bool is_unit_symbol(char32_t c) {
    return contains(unit_symbols, c);
}
inline constexpr bool is_unit_prefix(char32_t c) {
    return contains(unit_prefixes, c);
}
inline constexpr bool is_paired_mark(char32_t c) {
    return contains(paired_marks, c);
}

inline constexpr bool is_digit(char32_t c) {
    return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９');
}

// What may start the number after a comparison sign: a digit, a sign, a currency symbol.
inline constexpr bool is_number_start(char32_t c) {
    return is_digit(c) || contains(U"+-−＋－±.¥￥$", c);
}

// CJK unified ideographs (all blocks) and compatibility ideographs.
inline constexpr bool is_han(char32_t c) {
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F);
}

// Space that a wrap swallows (dropped from the end of a line). The ideographic space U+3000 is
// deliberate layout in Chinese text and is kept.
inline constexpr bool is_wrap_space(char32_t c) {
    return c == U' ' || c == U'\t';
}

// Space that is invisible at a line end, skipped when asking "what does this line end with?".
inline constexpr bool is_blank(char32_t c) {
    return is_wrap_space(c) || c == 0x3000 || c == 0x00A0;
}

// Characters that end a line by themselves (UAX #14 classes BK, CR, LF, NL).
inline constexpr bool is_newline(char32_t c) {
    return c == U'\n' || c == U'\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 ||
           c == 0x2029;
}

// C0/C1 controls: the shaper gives them no glyph, so they never belong to a glyph cluster.
inline constexpr bool is_control(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

} // namespace formpdf::text::break_rules
