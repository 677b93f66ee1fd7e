#include "pdf/cid_cff_font.h"

#include "pdf/cff_charset.h"
#include "pdf/pdf_writer.h"

#include <algorithm>
#include <cstddef>
#include <iterator>

namespace formpdf::pdf {
namespace {

// Operators (TN #5176 Table 9 and 23; two-byte ones as 1200 + second byte).
constexpr int kOpPrivate = 18;
constexpr int kOpSubrs = 19;
constexpr int kOpCharset = 15;
constexpr int kOpEncoding = 16;
constexpr int kOpCharStrings = 17;
constexpr int kOpCharstringType = 1206;
constexpr int kOpRos = 1230;
constexpr int kOpFdArray = 1236;
constexpr int kOpFdSelect = 1237;

// Operators whose operands are string ids (SIDs); ROS's third operand is a number.
bool takes_string_ids(int op) {
    return op <= 4 /* version, Notice, FullName, FamilyName, Weight */ ||
           op == 1200 /* Copyright */ || op == 1221 /* PostScript */ ||
           op == 1222 /* BaseFontName */ || op == kOpRos || op == 1238 /* FontName */;
}
// SIDs below this name the standard strings; the String INDEX holds the others.
constexpr long kStandardStrings = 391;

// Type 2 charstring nesting limit (TN #5177 Appendix B) and operand stack size.
constexpr int kMaxSubrDepth = 10;
constexpr int kMaxStack = 48;

// Thrown while reading the table; open() turns it into "not ours to subset".
struct Malformed {};

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

// An INDEX read in place: elements are found through its offset array when asked for.
struct IndexView {
    std::string_view data; // the whole table
    std::uint32_t count = 0;
    int off_size = 0;
    std::size_t offsets = 0;   // where the offset array starts
    std::size_t data_base = 0; // element offsets are relative to this + 1
    std::size_t end = 0;       // just past the INDEX

    std::string_view at(std::uint32_t i) const {
        const std::size_t begin = read_be(data, offsets + std::size_t(i) * off_size, off_size);
        const std::size_t finish =
            read_be(data, offsets + (std::size_t(i) + 1) * off_size, off_size);
        if (begin < 1 || finish < begin || data_base + finish > end) {
            throw Malformed{};
        }
        return data.substr(data_base + begin, finish - begin);
    }
};

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

// Subroutine numbers are biased by the size of their INDEX (TN #5177 4.7).
int subr_bias(std::uint32_t count) {
    return count < 1240 ? 107 : count < 33900 ? 1131 : 32768;
}

// One DICT entry: its operator, its operands as written, and their integer values (0 for reals).
struct DictEntry {
    int op = 0;
    std::string_view operands;
    std::vector<long> values;
};

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

// --- writing ---

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

// An offset operand in its 5-byte form: its size does not depend on its value, so a DICT's size
// is known before the offsets it holds.
void put_offset_operand(std::string& out, std::size_t value) {
    out.push_back(29);
    put_be(out, static_cast<std::uint32_t>(value), 4);
}

// An integer operand in its shortest DICT form (TN #5176 Table 3).
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

// An INDEX of `items` (TN #5176 5).
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

std::size_t index_size(std::size_t count, std::size_t total) {
    return count == 0 ? 2 : 3 + (count + 1) * offset_size(total + 1) + total;
}

struct FontDictInfo {
    std::vector<DictEntry> font_dict;
    std::vector<DictEntry> private_dict;
    IndexView subrs; // local subroutines (count 0 when none)
};

} // namespace

struct CidCffFont::Structure {
    std::string_view data;
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

// Inlines a glyph's subroutine calls. Operands and operators are copied byte for byte; only
// callsubr/callgsubr, their subroutine number and return disappear. Hint masks follow their
// operator with one bit per stem, so stems are counted as the charstring is read.
class Flattener {
public:
    Flattener(const CidCffFont::Structure& cff, const FontDictInfo& fd) : cff_(cff), fd_(fd) {}

    bool flatten(std::string_view charstring) { return run(charstring, 0) && ended_; }
    std::string take() { return std::move(out_); }

private:
    struct Operand {
        std::size_t start; // where it begins in out_
        long value;
        bool integer;
    };

    bool run(std::string_view cs, int depth) {
        std::size_t pos = 0;
        while (pos < cs.size()) {
            const unsigned b0 = static_cast<unsigned char>(cs[pos]);
            if (b0 == 28 || b0 >= 32) {
                if (!push_operand(cs, &pos, b0)) {
                    return false;
                }
                continue;
            }
            ++pos;
            int op = static_cast<int>(b0);
            if (b0 == 12) {
                if (pos >= cs.size()) {
                    return false;
                }
                op = 1200 + static_cast<unsigned char>(cs[pos++]);
            }
            switch (op) {
            case 10:   // callsubr
            case 29: { // callgsubr
                if (stack_size_ == 0 || depth >= kMaxSubrDepth) {
                    return false;
                }
                const Operand number = stack_[--stack_size_];
                if (!number.integer) {
                    return false;
                }
                out_.resize(number.start);
                const IndexView& subrs = op == 10 ? fd_.subrs : cff_.global_subrs;
                const long index = number.value + subr_bias(subrs.count);
                if (index < 0 || index >= static_cast<long>(subrs.count)) {
                    return false;
                }
                if (!run(subrs.at(static_cast<std::uint32_t>(index)), depth + 1)) {
                    return false;
                }
                if (ended_) {
                    return true;
                }
                break;
            }
            case 11: // return
                return depth > 0;
            case 14: // endchar; 4 or 5 operands would be the seac form, not for CID fonts
                if (stack_size_ >= 4) {
                    return false;
                }
                out_.push_back(14);
                ended_ = true;
                return true;
            case 1:  // hstem
            case 3:  // vstem
            case 18: // hstemhm
            case 23: // vstemhm
                stems_ += stack_size_ / 2;
                out_.push_back(static_cast<char>(op));
                stack_size_ = 0;
                break;
            case 19: {                     // hintmask
            case 20:                       // cntrmask
                stems_ += stack_size_ / 2; // operands before a mask are an implied vstemhm
                out_.push_back(static_cast<char>(op));
                stack_size_ = 0;
                const std::size_t mask_bytes = static_cast<std::size_t>(stems_ + 7) / 8;
                if (cs.size() - pos < mask_bytes) {
                    return false;
                }
                out_.append(cs.substr(pos, mask_bytes));
                pos += mask_bytes;
                break;
            }
            case 4:
            case 5:
            case 6:
            case 7:
            case 8:
            case 21:
            case 22:
            case 24:
            case 25:
            case 26:
            case 27:
            case 30:
            case 31: // path construction
            case 1234:
            case 1235:
            case 1236:
            case 1237: // hflex, flex, hflex1, flex1
                put_operator(out_, op);
                stack_size_ = 0;
                break;
            default: // arithmetic, storage, conditionals, reserved: not inlined here
                return false;
            }
        }
        // A subroutine may end without return; a glyph must end with endchar.
        return depth > 0;
    }

    bool push_operand(std::string_view cs, std::size_t* pos, unsigned b0) {
        std::size_t length = 1;
        long value = 0;
        bool integer = true;
        const std::size_t left = cs.size() - *pos;
        if (b0 == 28) {
            length = 3;
            if (left < length) {
                return false;
            }
            value = static_cast<std::int16_t>(read_be(cs, *pos + 1, 2));
        } else if (b0 <= 246) {
            value = static_cast<long>(b0) - 139;
        } else if (b0 <= 254) {
            length = 2;
            if (left < length) {
                return false;
            }
            const long b1 = static_cast<unsigned char>(cs[*pos + 1]);
            value = b0 <= 250 ? (static_cast<long>(b0) - 247) * 256 + b1 + 108
                              : -(static_cast<long>(b0) - 251) * 256 - b1 - 108;
        } else { // 255: 16.16 fixed
            length = 5;
            if (left < length) {
                return false;
            }
            const auto fixed = static_cast<std::int32_t>(read_be(cs, *pos + 1, 4));
            value = fixed / 65536;
            integer = fixed % 65536 == 0;
        }
        if (stack_size_ == kMaxStack) {
            return false;
        }
        stack_[stack_size_++] = {out_.size(), value, integer};
        out_.append(cs.substr(*pos, length));
        *pos += length;
        return true;
    }

    const CidCffFont::Structure& cff_;
    const FontDictInfo& fd_;
    std::string out_;
    Operand stack_[kMaxStack] = {};
    int stack_size_ = 0;
    int stems_ = 0;
    bool ended_ = false;
};

// Marks a glyph that cannot be flattened here, in the cache.
const std::string kUnflattenable;

} // namespace

std::unique_ptr<CidCffFont> CidCffFont::open(std::string_view data) {
    std::unique_ptr<CidCffFont> font(new CidCffFont());
    auto cff = std::make_unique<Structure>();
    try {
        cff->data = data;
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

        std::optional<std::vector<std::uint16_t>> cids = cff_glyph_cids(data);
        if (!cids || cids->size() != glyph_count) {
            return nullptr;
        }
        font->cids_ = std::move(*cids);
        font->glyph_count_ = glyph_count;
    } catch (const Malformed&) {
        return nullptr;
    } catch (const PdfError&) { // from cff_glyph_cids
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
    Flattener flattener(cff, cff.fds[cff.fd_of(gid)]);
    bool flat = false;
    try {
        flat = flattener.flatten(cff.char_strings.at(gid));
    } catch (const Malformed&) {
        flat = false;
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
            flat ? owned_glyphs_.emplace_back(std::make_unique<std::string>(flattener.take())).get()
                 : &kUnflattenable;
        slot.store(cached, std::memory_order_release);
    }
    return cached == &kUnflattenable ? nullptr : cached;
}

std::optional<FontSubset> CidCffFont::subset(const std::set<std::uint32_t>& requested) const {
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
    const std::size_t charset_at = header_size + index_size(1, cff.name.size()) +
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
    put_index(out, std::vector<std::string_view>{cff.name});
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
