#include "pdf/cff_charset.h"

#include "pdf/pdf_writer.h"

#include <cstddef>

namespace formpdf::pdf {
namespace {

// Bounds-checked big-endian reader over the CFF table (Adobe TN #5176).
class CffReader {
public:
    explicit CffReader(std::string_view data) : data_(data) {}

    std::uint32_t read(std::size_t offset, int size) const {
        if (size < 1 || size > 4 || offset + size > data_.size()) {
            throw PdfError("malformed CFF table: read past its end at offset " +
                           std::to_string(offset));
        }
        std::uint32_t value = 0;
        for (int i = 0; i < size; ++i) {
            value = (value << 8) | static_cast<unsigned char>(data_[offset + i]);
        }
        return value;
    }

    // An INDEX at `offset`: returns the offset just past it, and the bounds of its first element.
    std::size_t index_end(std::size_t offset, std::size_t* first_begin = nullptr,
                          std::size_t* first_end = nullptr,
                          std::uint32_t* count_out = nullptr) const {
        const std::uint32_t count = read(offset, 2);
        if (count_out != nullptr) {
            *count_out = count;
        }
        if (count == 0) {
            return offset + 2;
        }
        const int off_size = static_cast<int>(read(offset + 2, 1));
        const std::size_t offsets = offset + 3;
        const std::size_t data_base = offsets + (count + 1) * off_size - 1;
        if (first_begin != nullptr) {
            *first_begin = data_base + read(offsets, off_size);
            *first_end = data_base + read(offsets + off_size, off_size);
        }
        return data_base + read(offsets + count * off_size, off_size);
    }

private:
    std::string_view data_;
};

struct TopDict {
    bool has_ros = false;
    long charset = 0;
    long char_strings = 0;
};

// Reads the Top DICT operators we need: ROS (12 30), charset (15), CharStrings (17).
TopDict parse_top_dict(const CffReader& cff, std::size_t begin, std::size_t end) {
    TopDict dict;
    long operands[48];
    int count = 0;
    std::size_t pos = begin;
    while (pos < end) {
        const std::uint32_t b0 = cff.read(pos, 1);
        if (b0 <= 21) { // operator
            std::uint32_t op = b0;
            ++pos;
            if (b0 == 12) {
                op = 1200 + cff.read(pos, 1);
                ++pos;
            }
            if (op == 1230) {
                dict.has_ros = true;
            } else if (op == 15 && count > 0) {
                dict.charset = operands[count - 1];
            } else if (op == 17 && count > 0) {
                dict.char_strings = operands[count - 1];
            }
            count = 0;
            continue;
        }
        long value = 0;
        if (b0 == 28) {
            value = static_cast<std::int16_t>(cff.read(pos + 1, 2));
            pos += 3;
        } else if (b0 == 29) {
            value = static_cast<std::int32_t>(cff.read(pos + 1, 4));
            pos += 5;
        } else if (b0 == 30) { // real number: nibbles up to an 0xf nibble; value unused here
            ++pos;
            for (;;) {
                const std::uint32_t byte = cff.read(pos++, 1);
                if ((byte & 0x0f) == 0x0f || (byte & 0xf0) == 0xf0) {
                    break;
                }
            }
        } else if (b0 >= 32 && b0 <= 246) {
            value = static_cast<long>(b0) - 139;
            ++pos;
        } else if (b0 >= 247 && b0 <= 250) {
            value = (static_cast<long>(b0) - 247) * 256 + cff.read(pos + 1, 1) + 108;
            pos += 2;
        } else if (b0 >= 251 && b0 <= 254) {
            value = -(static_cast<long>(b0) - 251) * 256 - cff.read(pos + 1, 1) - 108;
            pos += 2;
        } else {
            throw PdfError("malformed CFF table: bad Top DICT byte " + std::to_string(b0));
        }
        if (count < 48) {
            operands[count++] = value;
        }
    }
    return dict;
}

} // namespace

std::optional<std::vector<std::uint16_t>> cff_glyph_cids(std::string_view data) {
    const CffReader cff(data);
    const std::size_t header_size = cff.read(2, 1);
    const std::size_t top_dict_index = cff.index_end(header_size); // skip the Name INDEX
    std::size_t dict_begin = 0;
    std::size_t dict_end = 0;
    std::uint32_t dict_count = 0;
    cff.index_end(top_dict_index, &dict_begin, &dict_end, &dict_count);
    if (dict_count == 0) {
        throw PdfError("malformed CFF table: empty Top DICT INDEX");
    }
    const TopDict top = parse_top_dict(cff, dict_begin, dict_end);
    if (!top.has_ros) {
        return std::nullopt;
    }
    std::uint32_t glyph_count = 0;
    cff.index_end(static_cast<std::size_t>(top.char_strings), nullptr, nullptr, &glyph_count);
    if (top.charset <= 2) {
        throw PdfError("malformed CFF table: a CID-keyed font without a custom charset");
    }

    std::vector<std::uint16_t> cids;
    cids.reserve(glyph_count);
    cids.push_back(0); // .notdef is CID 0 and has no charset entry
    std::size_t pos = static_cast<std::size_t>(top.charset);
    const std::uint32_t format = cff.read(pos++, 1);
    while (cids.size() < glyph_count) {
        if (format == 0) {
            cids.push_back(static_cast<std::uint16_t>(cff.read(pos, 2)));
            pos += 2;
        } else if (format == 1 || format == 2) {
            const std::uint32_t first = cff.read(pos, 2);
            const std::uint32_t left = cff.read(pos + 2, format == 1 ? 1 : 2);
            pos += format == 1 ? 3 : 4;
            for (std::uint32_t cid = first; cid <= first + left && cids.size() < glyph_count;
                 ++cid) {
                cids.push_back(static_cast<std::uint16_t>(cid));
            }
        } else {
            throw PdfError("malformed CFF table: unknown charset format " + std::to_string(format));
        }
    }
    return cids;
}

} // namespace formpdf::pdf
