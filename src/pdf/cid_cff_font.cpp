#include "pdf/cid_cff_font.h"

#include "pdf/cff_charset.h"
#include "pdf/cff_table.h"
#include "pdf/charstring_flattener.h"
#include "pdf/pdf_writer.h"

#include <algorithm>
#include <cstddef>
#include <iterator>

namespace formpdf::pdf {
namespace {

using cff::DictEntry;
using cff::find;
using cff::index_size;
using cff::IndexView;
using cff::kOpCharset;
using cff::kOpCharStrings;
using cff::kOpCharstringType;
using cff::kOpEncoding;
using cff::kOpFdArray;
using cff::kOpFdSelect;
using cff::kOpPrivate;
using cff::kOpRos;
using cff::kOpSubrs;
using cff::last_value;
using cff::Malformed;
using cff::parse_dict;
using cff::put_be;
using cff::put_index;
using cff::put_integer_operand;
using cff::put_offset_operand;
using cff::put_operator;
using cff::read_be;
using cff::read_index;
using cff::table_offset;

// Operators whose operands are string ids (SIDs); ROS's third operand is a number.
bool takes_string_ids(int op) {
    return op <= 4 /* version, Notice, FullName, FamilyName, Weight */ ||
           op == 1200 /* Copyright */ || op == 1221 /* PostScript */ ||
           op == 1222 /* BaseFontName */ || op == kOpRos || op == 1238 /* FontName */;
}
// SIDs below this name the standard strings; the String INDEX holds the others.
constexpr long kStandardStrings = 391;

struct FontDictInfo {
    std::vector<DictEntry> font_dict;
    std::vector<DictEntry> private_dict;
    IndexView subrs; // local subroutines (count 0 when none)
};

} // namespace

struct CidCffFont::Structure {
    std::string_view name; // the font's name, from the Name INDEX
    std::vector<DictEntry> top;
    IndexView strings;
    IndexView global_subrs;
    IndexView char_strings;
    // FDSelect as ranges: the first gid of each run of glyphs of one Font DICT, and that FD.
    std::vector<std::pair<std::uint32_t, std::uint8_t>> fd_ranges;

    std::uint8_t fd_of(std::uint32_t gid) const {
        auto it =
            std::upper_bound(fd_ranges.begin(), fd_ranges.end(), gid,
                             [](std::uint32_t g, const auto& range) { return g < range.first; });
        return std::prev(it)->second; // fd_ranges starts at gid 0
    }
    std::vector<FontDictInfo> fds;
};

namespace {

// Marks a glyph that cannot be flattened here, in the cache.
const std::string kUnflattenable;

} // namespace

std::unique_ptr<CidCffFont> CidCffFont::open(std::string_view data, RangeReader read_range) {
    std::unique_ptr<CidCffFont> font(new CidCffFont());
    font->read_range_ = std::move(read_range);
    auto cff = std::make_unique<Structure>();
    try {
        if (read_be(data, 0, 1) != 1) {
            return nullptr; // CFF2 or not CFF
        }
        const IndexView names = read_index(data, read_be(data, 2, 1));
        const IndexView top_dicts = read_index(data, names.end);
        if (names.count != 1 || top_dicts.count != 1) {
            return nullptr; // a FontSet of several fonts: not in an OpenType table
        }
        cff->name = names.at(0);
        cff->top = parse_dict(top_dicts.at(0));
        if (cff->top.empty() || cff->top.front().op != kOpRos) {
            return nullptr; // name-keyed (no ROS, which must come first)
        }
        if (const DictEntry* type = find(cff->top, kOpCharstringType);
            type != nullptr && (type->values.size() != 1 || type->values[0] != 2)) {
            return nullptr;
        }
        cff->strings = read_index(data, top_dicts.end);
        cff->global_subrs = read_index(data, cff->strings.end);
        cff->char_strings =
            read_index(data, table_offset(last_value(cff->top, kOpCharStrings), data));
        const std::uint32_t glyph_count = cff->char_strings.count;
        if (glyph_count == 0 || glyph_count > 0x10000) {
            return nullptr;
        }

        const IndexView fd_array =
            read_index(data, table_offset(last_value(cff->top, kOpFdArray), data));
        if (fd_array.count == 0 || fd_array.count > 256) {
            return nullptr;
        }
        for (std::uint32_t i = 0; i < fd_array.count; ++i) {
            FontDictInfo fd;
            fd.font_dict = parse_dict(fd_array.at(i));
            const DictEntry* priv = find(fd.font_dict, kOpPrivate);
            if (priv == nullptr || priv->values.size() != 2) {
                throw Malformed{};
            }
            const std::size_t size = static_cast<std::size_t>(priv->values[0]);
            const std::size_t offset = table_offset(priv->values[1], data);
            if (priv->values[0] < 0 || data.size() - offset < size) {
                throw Malformed{};
            }
            fd.private_dict = parse_dict(data.substr(offset, size));
            fd.subrs.data = data;
            if (const DictEntry* subrs = find(fd.private_dict, kOpSubrs); subrs != nullptr) {
                if (subrs->values.size() != 1 || subrs->values[0] < 0) {
                    throw Malformed{};
                }
                fd.subrs = read_index(
                    data, table_offset(static_cast<long>(offset) + subrs->values[0], data));
            }
            cff->fds.push_back(std::move(fd));
        }

        std::size_t pos = table_offset(last_value(cff->top, kOpFdSelect), data);
        const std::uint32_t format = read_be(data, pos++, 1);
        const auto add_range = [&](std::uint32_t first, std::uint32_t fd) {
            if (fd >= cff->fds.size()) {
                throw Malformed{};
            }
            if (cff->fd_ranges.empty() || cff->fd_ranges.back().second != fd) {
                cff->fd_ranges.emplace_back(first, static_cast<std::uint8_t>(fd));
            }
        };
        if (format == 0) {
            for (std::uint32_t gid = 0; gid < glyph_count; ++gid) {
                add_range(gid, read_be(data, pos + gid, 1));
            }
        } else if (format == 3) {
            const std::uint32_t ranges = read_be(data, pos, 2);
            pos += 2;
            std::uint32_t expected_first = 0;
            for (std::uint32_t r = 0; r < ranges; ++r) {
                const std::uint32_t first = read_be(data, pos + 3 * r, 2);
                const std::uint32_t fd = read_be(data, pos + 3 * r + 2, 1);
                const std::uint32_t next = read_be(data, pos + 3 * r + 3, 2); // or the sentinel
                if (first != expected_first || next < first || next > glyph_count) {
                    throw Malformed{};
                }
                add_range(first, fd);
                expected_first = next;
            }
            if (expected_first != glyph_count) {
                throw Malformed{};
            }
        } else {
            return nullptr;
        }

        const long charset = last_value(cff->top, kOpCharset);
        if (charset <= 2) {
            return nullptr; // a predefined charset: not a CID-keyed font's
        }
        font->cids_ = cff_charset_cids(data, table_offset(charset, data), glyph_count);
        font->glyph_count_ = glyph_count;
    } catch (const Malformed&) {
        return nullptr;
    } catch (const PdfError&) { // from cff_charset_cids
        return nullptr;
    }
    font->structure_ = std::move(cff);
    font->chunks_ = std::make_unique<std::atomic<CacheChunk*>[]>(
        (font->glyph_count_ + kChunkGlyphs - 1) / kChunkGlyphs);
    return font;
}

CidCffFont::~CidCffFont() = default;

const std::string* CidCffFont::flattened(std::uint32_t gid) const {
    if (gid >= glyph_count_) {
        return nullptr;
    }
    std::atomic<CacheChunk*>& chunk_slot = chunks_[gid / kChunkGlyphs];
    if (const CacheChunk* chunk = chunk_slot.load(std::memory_order_acquire)) {
        const std::string* cached =
            chunk->glyphs[gid % kChunkGlyphs].load(std::memory_order_acquire);
        if (cached != nullptr) {
            return cached == &kUnflattenable ? nullptr : cached;
        }
    }
    // First use: flattened outside the lock, then published once (a thread that flattened the
    // same glyph meanwhile keeps the first one's).
    const Structure& cff = *structure_;
    std::optional<std::string> flat;
    try {
        std::string_view charstring;
        thread_local std::string copy;
        if (read_range_) {
            const auto [offset, size] = cff.char_strings.span(gid);
            if (!read_range_(offset, size, copy)) {
                throw Malformed{}; // the file is shorter than when it was opened
            }
            charstring = copy;
        } else {
            charstring = cff.char_strings.at(gid);
        }
        flat = flatten_charstring(charstring, cff.fds[cff.fd_of(gid)].subrs, cff.global_subrs);
    } catch (const Malformed&) {
        // its CharStrings entry does not hold together: refused, like a glyph not flattened
    }
    const std::lock_guard<std::mutex> lock(mutex_);
    CacheChunk* chunk = chunk_slot.load(std::memory_order_relaxed);
    if (chunk == nullptr) {
        chunk = owned_chunks_.emplace_back(std::make_unique<CacheChunk>()).get();
        chunk_slot.store(chunk, std::memory_order_release);
    }
    std::atomic<const std::string*>& slot = chunk->glyphs[gid % kChunkGlyphs];
    const std::string* cached = slot.load(std::memory_order_relaxed);
    if (cached == nullptr) {
        cached =
            flat ? owned_glyphs_.emplace_back(std::make_unique<std::string>(std::move(*flat))).get()
                 : &kUnflattenable;
        slot.store(cached, std::memory_order_release);
    }
    return cached == &kUnflattenable ? nullptr : cached;
}

std::optional<FontSubset> CidCffFont::subset(const std::set<std::uint32_t>& requested,
                                             std::string_view font_name) const {
    const Structure& cff = *structure_;
    std::vector<std::uint32_t> gids;
    gids.reserve(requested.size() + 1);
    gids.push_back(0);
    for (std::uint32_t gid : requested) {
        if (gid != 0) {
            gids.push_back(gid);
        }
    }
    std::vector<std::string_view> glyphs;
    glyphs.reserve(gids.size());
    std::vector<int> new_fd(cff.fds.size(), -1);
    for (std::uint32_t gid : gids) {
        const std::string* glyph = flattened(gid);
        if (glyph == nullptr) {
            return std::nullopt;
        }
        glyphs.emplace_back(*glyph);
        new_fd[cff.fd_of(gid)] = 0;
    }
    std::vector<std::size_t> kept_fds; // original FD indexes, in their order
    for (std::size_t fd = 0; fd < new_fd.size(); ++fd) {
        if (new_fd[fd] == 0) {
            new_fd[fd] = static_cast<int>(kept_fds.size());
            kept_fds.push_back(fd);
        }
    }
    const std::size_t n = gids.size();

    // charset: each glyph keeps its CID. Format 2 (ranges) when shorter than format 0.
    std::string charset;
    {
        std::vector<std::pair<std::uint16_t, std::uint16_t>> ranges; // first CID, glyphs left
        for (std::size_t i = 1; i < n; ++i) {
            const std::uint16_t cid = cids_[gids[i]];
            if (!ranges.empty() && ranges.back().second < 0xffff &&
                std::uint32_t(ranges.back().first) + ranges.back().second + 1 == cid) {
                ++ranges.back().second;
            } else {
                ranges.emplace_back(cid, 0);
            }
        }
        if (4 * ranges.size() < 2 * (n - 1)) {
            charset.push_back(2);
            for (const auto& [first, left] : ranges) {
                put_be(charset, first, 2);
                put_be(charset, left, 2);
            }
        } else {
            charset.push_back(0);
            for (std::size_t i = 1; i < n; ++i) {
                put_be(charset, cids_[gids[i]], 2);
            }
        }
    }

    // FDSelect: format 3 (ranges) when shorter than format 0.
    std::string fd_select;
    {
        std::vector<std::pair<std::uint16_t, std::uint8_t>> ranges; // first new gid, FD
        for (std::size_t i = 0; i < n; ++i) {
            const auto fd = static_cast<std::uint8_t>(new_fd[cff.fd_of(gids[i])]);
            if (ranges.empty() || ranges.back().second != fd) {
                ranges.emplace_back(static_cast<std::uint16_t>(i), fd);
            }
        }
        if (4 + 3 * ranges.size() < n) {
            fd_select.push_back(3);
            put_be(fd_select, static_cast<std::uint32_t>(ranges.size()), 2);
            for (const auto& [first, fd] : ranges) {
                put_be(fd_select, first, 2);
                fd_select.push_back(static_cast<char>(fd));
            }
            put_be(fd_select, static_cast<std::uint32_t>(n), 2);
        } else {
            fd_select.push_back(0);
            for (std::size_t i = 0; i < n; ++i) {
                fd_select.push_back(static_cast<char>(new_fd[cff.fd_of(gids[i])]));
            }
        }
    }

    // Strings: only those the kept DICTs name, renumbered in the order they are met.
    std::vector<std::string_view> strings;
    std::vector<long> new_sid(cff.strings.count, -1);
    bool strings_ok = true;
    const auto append_entry = [&](std::string& dict, const DictEntry& entry) {
        if (!takes_string_ids(entry.op)) {
            dict.append(entry.operands);
        } else {
            for (std::size_t i = 0; i < entry.values.size(); ++i) {
                long value = entry.values[i];
                const bool is_sid = !(entry.op == kOpRos && i == 2);
                if (is_sid && value >= kStandardStrings) {
                    const long custom = value - kStandardStrings;
                    if (custom >= static_cast<long>(cff.strings.count)) {
                        strings_ok = false;
                        return;
                    }
                    if (new_sid[custom] < 0) {
                        new_sid[custom] = kStandardStrings + static_cast<long>(strings.size());
                        strings.push_back(cff.strings.at(static_cast<std::uint32_t>(custom)));
                    }
                    value = new_sid[custom];
                }
                put_integer_operand(dict, value);
            }
        }
        put_operator(dict, entry.op);
    };
    // Top DICT entries in their order (ROS first), without the offsets written below.
    std::string top_entries;
    for (const DictEntry& entry : cff.top) {
        if (entry.op != kOpCharset && entry.op != kOpEncoding && entry.op != kOpCharStrings &&
            entry.op != kOpPrivate && entry.op != kOpFdArray && entry.op != kOpFdSelect) {
            append_entry(top_entries, entry);
        }
    }
    // Private DICTs without their Subrs; Font DICTs without their Private, added below.
    std::vector<std::string> privates;
    std::vector<std::string> font_entries;
    for (std::size_t fd : kept_fds) {
        std::string dict;
        for (const DictEntry& entry : cff.fds[fd].private_dict) {
            if (entry.op != kOpSubrs) { // no string ids in a Private DICT
                dict.append(entry.operands);
                put_operator(dict, entry.op);
            }
        }
        privates.push_back(std::move(dict));
        dict.clear();
        for (const DictEntry& entry : cff.fds[fd].font_dict) {
            if (entry.op != kOpPrivate) {
                append_entry(dict, entry);
            }
        }
        font_entries.push_back(std::move(dict));
    }
    if (!strings_ok) {
        return std::nullopt;
    }
    std::size_t string_bytes = 0;
    for (std::string_view string : strings) {
        string_bytes += string.size();
    }

    const auto font_dict = [&](std::size_t kept, std::size_t private_offset) {
        std::string dict = font_entries[kept];
        put_offset_operand(dict, privates[kept].size());
        put_offset_operand(dict, private_offset);
        put_operator(dict, kOpPrivate);
        return dict;
    };
    const auto top_dict = [&](std::size_t charset_at, std::size_t fd_select_at,
                              std::size_t char_strings_at, std::size_t fd_array_at) {
        std::string dict = top_entries;
        put_offset_operand(dict, charset_at);
        put_operator(dict, kOpCharset);
        put_offset_operand(dict, fd_select_at);
        put_operator(dict, kOpFdSelect);
        put_offset_operand(dict, char_strings_at);
        put_operator(dict, kOpCharStrings);
        put_offset_operand(dict, fd_array_at);
        put_operator(dict, kOpFdArray);
        return dict;
    };

    // Sizes first (offsets are 5-byte operands, so no size depends on an offset), then bytes.
    const std::size_t top_dict_size = top_dict(0, 0, 0, 0).size();
    std::size_t glyph_bytes = 0;
    for (std::string_view glyph : glyphs) {
        glyph_bytes += glyph.size();
    }
    std::vector<std::size_t> font_dict_sizes;
    std::size_t font_dict_bytes = 0;
    for (std::size_t kept = 0; kept < kept_fds.size(); ++kept) {
        font_dict_sizes.push_back(font_dict(kept, 0).size());
        font_dict_bytes += font_dict_sizes.back();
    }
    const std::size_t header_size = 4;
    // The Name INDEX says what the PDF's /BaseFont says (a reader, or Ghostscript's pdfwrite, that
    // takes the program's own name otherwise names the subset after another face of a collection).
    const std::string_view name = font_name.empty() ? cff.name : font_name;
    const std::size_t charset_at = header_size + index_size(1, name.size()) +
                                   index_size(1, top_dict_size) +
                                   index_size(strings.size(), string_bytes) + index_size(0, 0);
    const std::size_t fd_select_at = charset_at + charset.size();
    const std::size_t char_strings_at = fd_select_at + fd_select.size();
    const std::size_t fd_array_at = char_strings_at + index_size(n, glyph_bytes);
    std::size_t private_at = fd_array_at + index_size(kept_fds.size(), font_dict_bytes);

    std::vector<std::string> font_dicts;
    for (std::size_t kept = 0; kept < kept_fds.size(); ++kept) {
        font_dicts.push_back(font_dict(kept, private_at));
        private_at += privates[kept].size();
    }

    FontSubset subset;
    std::string& out = subset.font_program;
    out.reserve(private_at);
    out.push_back(1); // major
    out.push_back(0); // minor
    out.push_back(static_cast<char>(header_size));
    out.push_back(4); // offSize of absolute offsets
    put_index(out, std::vector<std::string_view>{name});
    put_index(out, std::vector<std::string>{
                       top_dict(charset_at, fd_select_at, char_strings_at, fd_array_at)});
    put_index(out, strings);
    put_index(out, std::vector<std::string_view>{}); // no global subroutines
    out += charset;
    out += fd_select;
    put_index(out, glyphs);
    put_index(out, font_dicts);
    for (const std::string& dict : privates) {
        out += dict;
    }
    if (out.size() != private_at) {
        throw PdfError("CFF subset: " + std::to_string(out.size()) + " bytes written where " +
                       std::to_string(private_at) + " were planned");
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 || requested.count(0) != 0) {
            subset.old_to_new.emplace(gids[i], static_cast<std::uint32_t>(i));
        }
    }
    return subset;
}

} // namespace formpdf::pdf
