#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace formpdf::app {

// How the texts of a batch's sort key compare (docs/batch.md, "Order").
enum class SortCollation {
    Text, // by code point (UTF-8 bytes): stable and locale-free
    Pinyin, // 拼音 order, ICU's collator for "zh" (text/collation.h): 北京 < 重庆 < 广州 < 上海
};

// The order of the forms, given each form's sort key in input order: the indices of `keys`,
// sorted by key, ties (and keys of the `input` order, all empty) in input order. With `amounts`,
// keys compare as decimal numbers (exactly: "9.5" < "10.00"); keys that are not numbers follow,
// by text.
std::vector<std::size_t> sorted_order(const std::vector<std::string>& keys, SortCollation collation,
                                      bool amounts);

} // namespace formpdf::app
