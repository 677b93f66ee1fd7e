#pragma once

#include "core/diagnostic.h"
#include "core/source_location.h"
#include "text/font_resource.h"

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace formpdf::text {

class LineCache;

// What a layout asks for: a family name and a weight (400 regular, 700 bold).
struct FontRequest {
    std::string family;
    int weight = 400;
    SourceLoc loc; // where the layout names it, for "unknown font" diagnostics
};

// Bounds of the font scan's walk of each search folder, so that a folder of a million files, or
// one that reaches a huge tree, cannot make every render slow. No real font folder comes near them:
// a Debian desktop with every fonts-* package has about 3,000 font files, 4 levels deep. A walk
// that reaches a bound stops there and says so (a note, see load()).
struct FontScanLimits {
    int max_depth = 8;               // folder levels below a search folder
    std::size_t max_entries = 20000; // files and folders listed, per search folder
};

// Finds fonts by family name and owns the loaded faces.
//
// Search order: each directory of search_dirs in the order given (the project's fonts/, a layout's
// own folder), then the system font directories (/usr/share/fonts, /usr/local/share/fonts,
// ~/.local/share/fonts, ~/.fonts). Files are visited in sorted path order, so the choice is the
// same on every run. In a collection, the face is chosen by its family name, never by a fixed
// index. FreeType reads every face of every file once (freetype_font.h; what it found is cached
// for the process and on disk, font_scan_cache.h); only the faces loaded are memory-mapped.
//
// Thread-safety: load() is not thread-safe; once loaded, resources() and shaping are read-only.
class FontLibrary {
public:
    explicit FontLibrary(std::vector<std::filesystem::path> search_dirs,
                         bool include_system_dirs = true, FontScanLimits limits = {});
    ~FontLibrary();
    FontLibrary(const FontLibrary&) = delete;
    FontLibrary& operator=(const FontLibrary&) = delete;

    // Loads (once) the face that matches the request: same family, nearest weight. A family of
    // Chinese official documents (仿宋_GB2312, 黑体, ...) is also found under its other names
    // (FangSong, SimHei, ...), and when none is installed a stand-in of the same style prints in
    // its place, with a note to `diagnostics` naming both (official_font_names.h). Throws
    // DiagnosticError at request.loc when no face has that family, with a hint that lists the
    // nearest family names found, and at the font file's path when the face chosen is damaged
    // (font_file_check.h, or FreeType cannot open it now). Font files the scan skipped (FreeType
    // cannot open them, unreadable, too large) in the
    // tiers up to the one the family was found in are reported to `diagnostics`, once each: a
    // warning for an earlier tier (it may have been meant to provide the family), a note for the
    // same tier.
    FontId load(const FontRequest& request, Diagnostics* diagnostics = nullptr);

    // The family of every face on the search path, sorted, each once (scans every folder).
    std::vector<std::string> families() const;

    // A face on the search path (`formpdf fonts`).
    struct FaceListing {
        std::string family; // the face's display family
        int weight = 400;
        bool italic = false;
        std::string path;
        unsigned face_index = 0;
    };
    // Every face on the search path, in search order (scans every folder).
    std::vector<FaceListing> faces() const;

    // The face load() takes for the request, without loading it; `stand_in_for` is the family
    // asked for when the face is a stand-in for an official document font that is not installed
    // (official_font_names.h), else empty. nullopt: load() would fail (no such family).
    struct FaceChoice {
        FaceListing face;
        std::string stand_in_for;
    };
    std::optional<FaceChoice> choose(const FontRequest& request) const;

    // Forgets what this process has read of font files (the scan's per-file summaries, and the
    // disk cache as read), for the fuzz target, which rewrites one file many times a second, and
    // for tests and the benchmark, to start as a new process does.
    static void forget_cached_files();

    const FontResource& resource(FontId id) const;
    const std::vector<FontResource>& resources() const;

    // True when the face has a glyph for the code point (cmap lookup).
    bool has_glyph(FontId id, char32_t code_point) const;

    // Shaped and broken lines of text seen before, for this library's faces (line_cache.h).
    LineCache& line_cache() const;

    struct Impl; // HarfBuzz handles; defined in the text stage only
    Impl& impl() const { return *impl_; }

private:
    std::unique_ptr<Impl> impl_;
};

} // namespace formpdf::text
