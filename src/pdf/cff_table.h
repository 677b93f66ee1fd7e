#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The building blocks of the CFF format (Adobe TN #5176): INDEXes and DICTs read in place with
// every offset bounds-checked, and written back. Shared by the CFF readers of the PDF stage
// (cff_charset.h, cid_cff_font.h).
namespace formpdf::pdf::cff {

// Thrown for a table that does not hold together (an offset or a length past its end, an unknown
// DICT byte); each caller says what that means for it.
struct Malformed {};

// DICT operators (TN #5176 Tables 9 and 23; a two-byte operator is 1200 + its second byte).
constexpr int kOpCharset = 15;
constexpr int kOpEncoding = 16;
constexpr int kOpCharStrings = 17;
constexpr int kOpPrivate = 18;
constexpr int kOpSubrs = 19;
constexpr int kOpCharstringType = 1206;
constexpr int kOpRos = 1230;
constexpr int kOpFdArray = 1236;
constexpr int kOpFdSelect = 1237;

// `size` (1-4) bytes at `offset`, big-endian. Throws Malformed past the end.
std::uint32_t read_be(std::string_view data, std::size_t offset, int size);

// An INDEX read in place: elements are found through its offset array when asked for.
struct IndexView {
    std::string_view data; // the whole table
    std::uint32_t count = 0;
    int off_size = 0;
    std::size_t offsets = 0;   // where the offset array starts
    std::size_t data_base = 0; // element offsets are relative to this + 1
    std::size_t end = 0;       // just past the INDEX

    std::string_view at(std::uint32_t i) const; // throws Malformed
    // Where element i is in `data` (offset, size), without reading it. Throws Malformed.
    std::pair<std::size_t, std::size_t> span(std::uint32_t i) const;
};

// The INDEX at `offset` of `data`. Throws Malformed.
IndexView read_index(std::string_view data, std::size_t offset);

// One DICT entry: its operator, its operands as written, and their integer values (0 for reals).
struct DictEntry {
    int op = 0;
    std::string_view operands;
    std::vector<long> values;
};

std::vector<DictEntry> parse_dict(std::string_view dict);          // throws Malformed
const DictEntry* find(const std::vector<DictEntry>& dict, int op); // nullptr when absent
// The last operand of `op`, which must be there. Throws Malformed.
long last_value(const std::vector<DictEntry>& dict, int op);
// `value` as an offset into `data`. Throws Malformed when it points outside.
std::size_t table_offset(long value, std::string_view data);

void put_be(std::string& out, std::uint32_t value, int size);
void put_operator(std::string& out, int op);
// An offset operand in its 5-byte form: its size does not depend on its value, so a DICT's size
// is known before the offsets it holds.
void put_offset_operand(std::string& out, std::size_t value);
// An integer operand in its shortest DICT form (TN #5176 Table 3).
void put_integer_operand(std::string& out, long value);

// The smallest offset size (1-4 bytes) that holds `largest`.
int offset_size(std::size_t largest);

// Writes an INDEX of `items` (TN #5176 5): strings or string_views.
template <typename Items> void put_index(std::string& out, const Items& items) {
    put_be(out, static_cast<std::uint32_t>(items.size()), 2);
    if (items.empty()) {
        return;
    }
    std::size_t total = 0;
    for (const auto& item : items) {
        total += item.size();
    }
    const int off_size = offset_size(total + 1);
    out.push_back(static_cast<char>(off_size));
    std::size_t offset = 1;
    put_be(out, static_cast<std::uint32_t>(offset), off_size);
    for (const auto& item : items) {
        offset += item.size();
        put_be(out, static_cast<std::uint32_t>(offset), off_size);
    }
    for (const auto& item : items) {
        out.append(item.data(), item.size());
    }
}

// The size of an INDEX of `count` items of `total` bytes.
std::size_t index_size(std::size_t count, std::size_t total);

} // namespace formpdf::pdf::cff
