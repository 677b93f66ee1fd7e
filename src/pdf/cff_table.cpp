#include "pdf/cff_table.h"

namespace formpdf::pdf::cff {

std::uint32_t read_be(std::string_view data, std::size_t offset, int size) {
    if (size < 1 || size > 4 || offset > data.size() || data.size() - offset < std::size_t(size)) {
        throw Malformed{};
    }
    std::uint32_t value = 0;
    for (int i = 0; i < size; ++i) {
        value = (value << 8) | static_cast<unsigned char>(data[offset + i]);
    }
    return value;
}

std::pair<std::size_t, std::size_t> IndexView::span(std::uint32_t i) const {
    const std::size_t begin = read_be(data, offsets + std::size_t(i) * off_size, off_size);
    const std::size_t finish = read_be(data, offsets + (std::size_t(i) + 1) * off_size, off_size);
    if (begin < 1 || finish < begin || data_base + finish > end) {
        throw Malformed{};
    }
    return {data_base + begin, finish - begin};
}

std::string_view IndexView::at(std::uint32_t i) const {
    const auto [offset, size] = span(i);
    return data.substr(offset, size);
}

IndexView read_index(std::string_view data, std::size_t offset) {
    IndexView index;
    index.data = data;
    index.count = read_be(data, offset, 2);
    if (index.count == 0) {
        index.end = offset + 2;
        return index;
    }
    index.off_size = static_cast<int>(read_be(data, offset + 2, 1));
    index.offsets = offset + 3;
    index.data_base = index.offsets + (std::size_t(index.count) + 1) * index.off_size - 1;
    index.end =
        index.data_base +
        read_be(data, index.offsets + std::size_t(index.count) * index.off_size, index.off_size);
    if (index.end > data.size()) {
        throw Malformed{};
    }
    return index;
}

std::vector<DictEntry> parse_dict(std::string_view dict) {
    std::vector<DictEntry> entries;
    DictEntry entry;
    std::size_t operands_begin = 0;
    std::size_t pos = 0;
    while (pos < dict.size()) {
        const std::uint32_t b0 = static_cast<unsigned char>(dict[pos]);
        if (b0 <= 21) {
            entry.operands = dict.substr(operands_begin, pos - operands_begin);
            entry.op = static_cast<int>(b0);
            ++pos;
            if (b0 == 12) {
                entry.op = 1200 + static_cast<int>(read_be(dict, pos, 1));
                ++pos;
            }
            entries.push_back(std::move(entry));
            entry = DictEntry{};
            operands_begin = pos;
            continue;
        }
        long value = 0;
        if (b0 == 28) {
            value = static_cast<std::int16_t>(read_be(dict, pos + 1, 2));
            pos += 3;
        } else if (b0 == 29) {
            value = static_cast<std::int32_t>(read_be(dict, pos + 1, 4));
            pos += 5;
        } else if (b0 == 30) { // real: nibbles up to an 0xf nibble
            ++pos;
            for (;;) {
                const std::uint32_t byte = read_be(dict, pos++, 1);
                if ((byte & 0x0f) == 0x0f || (byte & 0xf0) == 0xf0) {
                    break;
                }
            }
        } else if (b0 >= 32 && b0 <= 246) {
            value = static_cast<long>(b0) - 139;
            ++pos;
        } else if (b0 >= 247 && b0 <= 250) {
            value = (static_cast<long>(b0) - 247) * 256 + read_be(dict, pos + 1, 1) + 108;
            pos += 2;
        } else if (b0 >= 251 && b0 <= 254) {
            value = -(static_cast<long>(b0) - 251) * 256 - read_be(dict, pos + 1, 1) - 108;
            pos += 2;
        } else {
            throw Malformed{};
        }
        entry.values.push_back(value);
    }
    if (pos != operands_begin) {
        throw Malformed{}; // operands without an operator
    }
    return entries;
}

const DictEntry* find(const std::vector<DictEntry>& dict, int op) {
    for (const DictEntry& entry : dict) {
        if (entry.op == op) {
            return &entry;
        }
    }
    return nullptr;
}

long last_value(const std::vector<DictEntry>& dict, int op) {
    const DictEntry* entry = find(dict, op);
    if (entry == nullptr || entry->values.empty()) {
        throw Malformed{};
    }
    return entry->values.back();
}

std::size_t table_offset(long value, std::string_view data) {
    if (value < 0 || static_cast<std::size_t>(value) >= data.size()) {
        throw Malformed{};
    }
    return static_cast<std::size_t>(value);
}

void put_be(std::string& out, std::uint32_t value, int size) {
    for (int i = size - 1; i >= 0; --i) {
        out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
    }
}

void put_operator(std::string& out, int op) {
    if (op >= 1200) {
        out.push_back(12);
        out.push_back(static_cast<char>(op - 1200));
    } else {
        out.push_back(static_cast<char>(op));
    }
}

void put_offset_operand(std::string& out, std::size_t value) {
    out.push_back(29);
    put_be(out, static_cast<std::uint32_t>(value), 4);
}

void put_integer_operand(std::string& out, long value) {
    if (value >= -107 && value <= 107) {
        out.push_back(static_cast<char>(value + 139));
    } else if (value >= 108 && value <= 1131) {
        value -= 108;
        out.push_back(static_cast<char>(247 + value / 256));
        out.push_back(static_cast<char>(value % 256));
    } else if (value >= -1131 && value <= -108) {
        value = -value - 108;
        out.push_back(static_cast<char>(251 + value / 256));
        out.push_back(static_cast<char>(value % 256));
    } else if (value >= -32768 && value <= 32767) {
        out.push_back(28);
        put_be(out, static_cast<std::uint32_t>(value) & 0xffff, 2);
    } else {
        out.push_back(29);
        put_be(out, static_cast<std::uint32_t>(value), 4);
    }
}

int offset_size(std::size_t largest) {
    return largest < 0x100 ? 1 : largest < 0x10000 ? 2 : largest < 0x1000000 ? 3 : 4;
}

std::size_t index_size(std::size_t count, std::size_t total) {
    return count == 0 ? 2 : 3 + (count + 1) * offset_size(total + 1) + total;
}

} // namespace formpdf::pdf::cff
