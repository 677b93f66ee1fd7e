#include "pdf/cff_check.h"

#include "core/messages.h"
#include "pdf/cff_table.h"

namespace formpdf::pdf {
namespace {

using cff::DictEntry;
using cff::IndexView;
using cff::read_be;

struct Damage {
    std::string what;
};

// The INDEX at `offset`, with every element's offsets in order and inside the table.
IndexView checked_index(std::string_view data, long offset, const char* name) {
    try {
        const IndexView index = cff::read_index(data, cff::table_offset(offset, data));
        if (index.count == 0) {
            return index;
        }
        if (index.off_size < 1 || index.off_size > 4) {
            throw Damage{tr("its {0} INDEX has offsets of {1} bytes",
                            {name, std::to_string(index.off_size)})};
        }
        // read_index() checked the last offset; the array before it is read here, in one pass
        // (65,536 offsets for a CJK font's CharStrings: a call per offset cost ~0.5 ms).
        const std::size_t array_size = (std::size_t{index.count} + 1) * index.off_size;
        if (index.offsets > data.size() || data.size() - index.offsets < array_size) {
            throw cff::Malformed{};
        }
        const auto* bytes = reinterpret_cast<const unsigned char*>(data.data() + index.offsets);
        const auto offset_at = [&](std::size_t i) {
            std::uint32_t value = 0;
            for (int b = 0; b < index.off_size; ++b) {
                value = (value << 8) | bytes[i * index.off_size + b];
            }
            return value;
        };
        std::uint32_t previous = offset_at(0);
        if (previous != 1) {
            throw Damage{tr("its {0} INDEX does not start at offset 1", {name})};
        }
        for (std::uint32_t i = 1; i <= index.count; ++i) {
            const std::uint32_t next = offset_at(i);
            if (next < previous) {
                throw Damage{tr("its {0} INDEX has element {1} ending before it starts",
                                {name, std::to_string(i - 1)})};
            }
            previous = next;
        }
        return index;
    } catch (const cff::Malformed&) {
        throw Damage{tr("its {0} INDEX runs past the end of the table", {name})};
    }
}

std::vector<DictEntry> checked_dict(std::string_view dict, const char* name) {
    try {
        return cff::parse_dict(dict);
    } catch (const cff::Malformed&) {
        throw Damage{tr("its {0} cannot be read", {name})};
    }
}

// `what`: an N_() marked phrase, translated when it is missing.
long required_value(const std::vector<DictEntry>& dict, int op, const char* what) {
    const DictEntry* entry = cff::find(dict, op);
    if (entry == nullptr || entry->values.empty()) {
        throw Damage{tr("its {0} is missing", {tr(what)})};
    }
    return entry->values.back();
}

// A Private DICT ([size offset] in its Font or Top DICT) and the Subrs INDEX it points to.
void check_private(std::string_view data, const std::vector<DictEntry>& dict) {
    const DictEntry* priv = cff::find(dict, cff::kOpPrivate);
    if (priv == nullptr) {
        return; // allowed: a font without hints
    }
    if (priv->values.size() != 2 || priv->values[0] < 0 || priv->values[1] < 0 ||
        static_cast<std::uint64_t>(priv->values[1]) > data.size() ||
        data.size() - static_cast<std::uint64_t>(priv->values[1]) <
            static_cast<std::uint64_t>(priv->values[0])) {
        throw Damage{tr("its Private DICT lies outside the table")};
    }
    const auto offset = static_cast<std::size_t>(priv->values[1]);
    const std::vector<DictEntry> private_dict = checked_dict(
        data.substr(offset, static_cast<std::size_t>(priv->values[0])), "Private DICT");
    if (const DictEntry* subrs = cff::find(private_dict, cff::kOpSubrs); subrs != nullptr) {
        if (subrs->values.size() != 1 || subrs->values[0] < 0) {
            throw Damage{tr("its Private DICT's Subrs offset cannot be read")};
        }
        checked_index(data, static_cast<long>(offset) + subrs->values[0], "local Subrs");
    }
}

void check_charset(std::string_view data, long offset, std::uint32_t glyphs) {
    if (offset <= 2) {
        return; // a predefined charset
    }
    try {
        std::size_t pos = cff::table_offset(offset, data);
        const std::uint32_t format = read_be(data, pos++, 1);
        std::uint32_t covered = 1; // .notdef
        while (covered < glyphs) {
            if (format == 0) {
                read_be(data, pos, 2);
                pos += 2;
                ++covered;
            } else if (format == 1 || format == 2) {
                read_be(data, pos, 2);
                covered += 1 + read_be(data, pos + 2, format == 1 ? 1 : 2);
                pos += format == 1 ? 3 : 4;
            } else {
                throw Damage{
                    tr("its charset has the unknown format {0}", {std::to_string(format)})};
            }
        }
    } catch (const cff::Malformed&) {
        throw Damage{tr("its charset runs past the end of the table")};
    }
}

void check_fd_select(std::string_view data, long offset, std::uint32_t glyphs, std::uint32_t fds) {
    try {
        std::size_t pos = cff::table_offset(offset, data);
        const std::uint32_t format = read_be(data, pos++, 1);
        if (format == 0) {
            for (std::uint32_t gid = 0; gid < glyphs; ++gid) {
                if (read_be(data, pos + gid, 1) >= fds) {
                    throw Damage{
                        tr("its FDSelect gives glyph {0} a Font DICT that the FDArray lacks",
                           {std::to_string(gid)})};
                }
            }
        } else if (format == 3) {
            const std::uint32_t ranges = read_be(data, pos, 2);
            std::uint32_t expected_first = 0;
            for (std::uint32_t r = 0; r < ranges; ++r) {
                const std::size_t range = pos + 2 + 3 * std::size_t{r};
                const std::uint32_t first = read_be(data, range, 2);
                const std::uint32_t fd = read_be(data, range + 2, 1);
                const std::uint32_t next = read_be(data, range + 3, 2);
                if (first != expected_first || next < first || next > glyphs || fd >= fds) {
                    throw Damage{
                        tr("its FDSelect range {0} does not hold together", {std::to_string(r)})};
                }
                expected_first = next;
            }
            if (expected_first != glyphs) {
                throw Damage{tr("its FDSelect covers {0} of {1} glyphs",
                                {std::to_string(expected_first), std::to_string(glyphs)})};
            }
        } else {
            throw Damage{tr("its FDSelect has the unknown format {0}", {std::to_string(format)})};
        }
    } catch (const cff::Malformed&) {
        throw Damage{tr("its FDSelect runs past the end of the table")};
    }
}

void check_cff(std::string_view data, std::uint32_t glyph_count) {
    std::uint32_t header_size = 0;
    try {
        if (read_be(data, 0, 1) != 1) {
            throw Damage{tr("its CFF table does not start with major version 1")};
        }
        header_size = read_be(data, 2, 1);
    } catch (const cff::Malformed&) {
        throw Damage{tr("its CFF table is cut short")};
    }
    if (header_size < 4) {
        throw Damage{tr("its CFF header gives a size of {0} bytes", {std::to_string(header_size)})};
    }
    const IndexView names = checked_index(data, header_size, "Name");
    const IndexView top_dicts = checked_index(data, static_cast<long>(names.end), "Top DICT");
    if (names.count != 1 || top_dicts.count != 1) {
        throw Damage{
            tr("its CFF table holds {0} fonts instead of one", {std::to_string(top_dicts.count)})};
    }
    const IndexView strings = checked_index(data, static_cast<long>(top_dicts.end), "String");
    checked_index(data, static_cast<long>(strings.end), "Global Subr");
    std::vector<DictEntry> top;
    try {
        top = checked_dict(top_dicts.at(0), "Top DICT");
    } catch (const cff::Malformed&) {
        throw Damage{tr("its Top DICT INDEX runs past the end of the table")};
    }
    if (const DictEntry* type = cff::find(top, cff::kOpCharstringType);
        type != nullptr && (type->values.size() != 1 || type->values[0] != 2)) {
        throw Damage{tr("its Top DICT gives a charstring type other than 2")};
    }
    const IndexView char_strings = checked_index(
        data, required_value(top, cff::kOpCharStrings, N_("CharStrings offset")), "CharStrings");
    if (char_strings.count != glyph_count) {
        throw Damage{tr("its CFF table has {0} glyphs, and its maxp table says {1}",
                        {std::to_string(char_strings.count), std::to_string(glyph_count)})};
    }
    const DictEntry* charset = cff::find(top, cff::kOpCharset);
    if (charset != nullptr && !charset->values.empty()) {
        check_charset(data, charset->values.back(), glyph_count);
    }
    if (cff::find(top, cff::kOpRos) == nullptr) {
        check_private(data, top);
        return;
    }
    const IndexView fd_array =
        checked_index(data, required_value(top, cff::kOpFdArray, N_("FDArray offset")), "FDArray");
    if (fd_array.count == 0) {
        throw Damage{tr("its FDArray is empty")};
    }
    for (std::uint32_t i = 0; i < fd_array.count; ++i) {
        try {
            check_private(data, checked_dict(fd_array.at(i), "Font DICT"));
        } catch (const cff::Malformed&) {
            throw Damage{tr("its FDArray runs past the end of the table")};
        }
    }
    check_fd_select(data, required_value(top, cff::kOpFdSelect, N_("FDSelect offset")), glyph_count,
                    fd_array.count);
}

} // namespace

std::optional<std::string> find_cff_damage(std::string_view cff, std::uint32_t glyph_count) {
    try {
        check_cff(cff, glyph_count);
    } catch (const Damage& damage) {
        return damage.what;
    }
    return std::nullopt;
}

} // namespace formpdf::pdf
