#pragma once

// The font scan behind FontLibrary: which faces exist in which directories, and which one answers
// a request. Private to the text stage.

#include "text/font_face.h"
#include "text/font_library.h"

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace formpdf::text {

struct CatalogFace {
    std::string path;
    FaceSummary summary;
};

// A font file the scan could not use (damaged, unreadable, too large), or a folder where the scan
// stopped; reported by FontLibrary::load when it may have mattered.
struct SkippedFont {
    std::string path;
    std::string reason;  // in the user's language: "FreeType cannot open it (broken table)"
    bool partly = false; // some faces of a collection were read, others were not
};

// Font directories in tiers: each search directory is a tier of its own, in the order given, and
// the system font directories together form the last tier. A family found in an earlier tier hides
// the same family in later tiers (a project's own copy of a font wins), so later tiers are scanned
// only when an earlier one lacks the family. Each tier is scanned at most once.
class FontCatalog {
public:
    FontCatalog(std::vector<std::filesystem::path> search_dirs, bool include_system_dirs,
                FontScanLimits limits = {});

    // The best face of the family (case-insensitive, any of the face's family names) in the first
    // tier that has the family: usable outlines first, then nearest weight (ties: the heavier for
    // requests of 400 and up, the lighter below), then upright, then normal width, then path order.
    // Null when no tier has the family; else *tier_index (when given) is the tier it was found in.
    const CatalogFace* find(std::string_view family, int weight, std::size_t* tier_index = nullptr);

    // What the scan of the first tier_count tiers skipped, in search order (tiers not scanned yet
    // contribute nothing).
    std::vector<SkippedFont> skipped(std::size_t tier_count) const;

    // Forgets the per-process cache of file summaries (for the fuzz target, which rewrites one
    // file faster than its modification time changes).
    static void forget_cached_files();

    // Up to max_count families that look most like `family` (relative edit distance, then common
    // prefix), over all tiers, each named once by its display name; when a name in another
    // language was closer it follows in parentheses: "WenQuanYi Micro Hei (文泉驿微米黑)".
    // Scans every tier.
    std::vector<std::string> nearest_families(std::string_view family, std::size_t max_count);

    // The display family of every face found, over all tiers, sorted, each once. Scans every tier.
    std::vector<std::string> families();

    // Every face of every tier, in search order (scans every tier).
    std::vector<CatalogFace> faces();

    // Every directory that is searched, in search order, existing or not.
    std::vector<std::filesystem::path> directories() const;

private:
    struct Tier {
        std::vector<std::filesystem::path> dirs;
        std::vector<CatalogFace> faces; // in path order, then face index
        std::vector<SkippedFont> skipped;
        bool scanned = false;
    };
    void scan(Tier& tier);

    std::vector<Tier> tiers_;
    FontScanLimits limits_;
};

// The system font directories, in search order: /usr/share/fonts, /usr/local/share/fonts,
// ~/.local/share/fonts, ~/.fonts (the last two only when HOME is set).
std::vector<std::filesystem::path> system_font_dirs();

// ASCII case folding, locale-free, for family name comparison.
std::string ascii_lower(std::string_view text);

} // namespace formpdf::text
