#pragma once

// What the font scan learnt of each font file, kept on disk between runs: FreeType opening every
// face of every system font costs ~20 ms (the Noto CJK collections: 0.4 ms a face), against
// ~0.3 ms for reading the cache and checking each file's identity (docs/performance.md, "Font
// discovery"). Private to the text stage.
//
// The file: $XDG_CACHE_HOME/formpdf/font-scan-v2, else $HOME/.cache/formpdf/font-scan-v2; no
// cache when neither is an absolute path. Its version changes with what it stores (version 2: a
// file's damage as facts, so that runs in Chinese and in English can share it; version 1 kept
// English words), under a new name, so that two versions of formpdf do not rewrite one file in
// turn. It is written whole to a temporary and renamed into
// place (core/output_file.h), so a reader sees the old file or the new one. Reading trusts
// nothing: a file that is not exactly what this version writes (any malformed line, a count or
// number out of range, a missing end line, more than kMaxCacheBytes) is ignored as a whole and
// the scan reads the fonts again. An entry is used only for the file of the same path, device,
// inode, size, modification and change time; the face a layout uses is read again by FreeType
// when it is loaded, so a stale or forged entry can at worst pick another font file of the
// folders searched, which the same user can write anyway.

#include "text/freetype_font.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace formpdf::text {

// What identifies one version of a file: stat(2) of its path (links followed).
struct FontFileStamp {
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    std::uint64_t size = 0;
    std::int64_t modified_ns = 0;
    std::int64_t changed_ns = 0;
    bool operator==(const FontFileStamp&) const = default;
};

std::optional<FontFileStamp> stamp_of(const std::string& path);

class FontScanCache {
public:
    // The cache file this process uses now (from the environment), or nothing.
    static std::optional<std::filesystem::path> default_file();

    // The entries of `file`; none when it is absent, unreadable or not exactly well formed.
    static FontScanCache read(const std::filesystem::path& file);

    const FontFileFaces* find(const std::string& path, const FontFileStamp& stamp) const;
    void put(const std::string& path, const FontFileStamp& stamp, const FontFileFaces& faces);
    bool changed() const { return changed_; }

    // Writes the entries whose files still have their stamp (entries of removed or replaced files
    // are dropped), creating the folder (mode 0700) if need be. Best effort: a cache that cannot
    // be written costs the next run time, nothing else, so failures are ignored.
    void write(const std::filesystem::path& file);

    // The text written (for tests), and its reading.
    std::string serialize() const;
    static FontScanCache parse(std::string_view text);

private:
    struct Entry {
        FontFileStamp stamp;
        FontFileFaces faces;
    };
    std::map<std::string, Entry> entries_;
    bool changed_ = false;
};

} // namespace formpdf::text
