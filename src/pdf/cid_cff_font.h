#pragma once

#include "pdf/font_subset.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace formpdf::pdf {

// A CID-keyed CFF font program (the 'CFF ' table of Noto CJK and of most CJK OpenType fonts),
// read once per process and subset by flattening glyphs one at a time (Adobe TN #5176, the CFF
// format, and TN #5177, Type 2 charstrings).
//
// Why not hb-subset, which the other fonts still use: hb-subset makes a subset in one call from
// the whole glyph set, and most of its time is spent interpreting the glyphs' charstrings to
// inline their subroutines (1.6 ms of the 2.4 ms of a form's PDF; 5-7 ms for the body font of a
// 41-form combined file, which cannot start before the last form is laid out). Here each glyph
// is flattened once per process, by whichever thread draws it first, and cached; a subset is then
// only assembled from the cached glyphs. The output is what hb-subset gives with
// HB_SUBSET_FLAGS_DESUBROUTINIZE: glyphs renumbered in gid order, each keeping its CID, no
// subroutines, only the Font DICTs the glyphs use.
//
// Thread-safe after open(): every member is const; the cache is read without a lock.
class CidCffFont {
public:
    // Reads the table's structure. std::nullopt when the program is not CID-keyed (no ROS), uses
    // a charstring type other than 2, or is malformed: the caller then uses hb-subset, which
    // reports what is wrong. `cff` must outlive the object (a view of the mapped font file).
    // With `read_range`, a glyph's charstring is read through it (bytes [offset, offset + size)
    // of the table into `out`, false when it cannot) instead of through `cff`: the charstrings
    // are ~22 MB of a Noto CJK face, and the glyphs of a batch are scattered over them, so that
    // reading them through the mapping made ~9 MB of the font file resident (the kernel maps
    // 64 KB around each page touched) for ~0.5 MB of glyphs.
    using RangeReader = std::function<bool(std::size_t offset, std::size_t size, std::string& out)>;
    static std::unique_ptr<CidCffFont> open(std::string_view cff, RangeReader read_range = {});
    ~CidCffFont();
    CidCffFont(const CidCffFont&) = delete;
    CidCffFont& operator=(const CidCffFont&) = delete;

    std::uint32_t glyph_count() const { return glyph_count_; }
    // gid -> CID, from the charset.
    const std::vector<std::uint16_t>& cids() const { return cids_; }

    // The glyph's charstring with every subroutine call inlined, made on first use and cached.
    // nullptr when it cannot be flattened here (an operator we do not inline, such as the
    // arithmetic ones that Type 2 deprecates, or a malformed charstring) or gid is out of range.
    const std::string* flattened(std::uint32_t gid) const;

    // The subset program for `gids` plus .notdef, named `font_name` in its Name INDEX (the
    // program's own name when empty); std::nullopt when a glyph cannot be flattened (the caller
    // falls back to hb-subset).
    std::optional<FontSubset> subset(const std::set<std::uint32_t>& gids,
                                     std::string_view font_name = {}) const;

    struct Structure; // the parsed table: INDEXes, DICTs, FDSelect

private:
    CidCffFont() = default;
    std::unique_ptr<Structure> structure_;
    RangeReader read_range_;
    std::uint32_t glyph_count_ = 0;
    std::vector<std::uint16_t> cids_;
    // The flattened glyphs, in chunks of kChunkGlyphs slots made on first use (a 65,000-glyph
    // face would otherwise cost 0.5 MB of slots to clear when opened): a slot is nullptr until
    // its glyph is flattened, then the glyph, or a marker when it cannot be flattened. Read
    // without a lock; written once each, under mutex_, which also guards the owners.
    static constexpr std::uint32_t kChunkGlyphs = 256;
    struct CacheChunk {
        std::atomic<const std::string*> glyphs[kChunkGlyphs] = {};
    };
    std::unique_ptr<std::atomic<CacheChunk*>[]> chunks_;
    mutable std::mutex mutex_;
    mutable std::vector<std::unique_ptr<CacheChunk>> owned_chunks_;
    mutable std::vector<std::unique_ptr<std::string>> owned_glyphs_;
};

} // namespace formpdf::pdf
