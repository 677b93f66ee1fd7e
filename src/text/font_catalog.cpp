#include "text/font_catalog.h"

#include "core/messages.h"
#include "core/utf8.h"
#include "text/font_scan_cache.h"
#include "text/freetype_font.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>
#include <system_error>
#include <tuple>

namespace formpdf::text {
namespace fs = std::filesystem;

namespace {

bool has_font_extension(const fs::path& path) {
    const std::string extension = ascii_lower(path.extension().string());
    return extension == ".otf" || extension == ".ttf" || extension == ".ttc" || extension == ".otc";
}

struct Walk {
    FontScanLimits limits;
    std::size_t entries = 0;
    std::vector<fs::path> files;
    std::vector<SkippedFont>* skipped;
    bool stopped = false;
};

// Collects the font files under dir, recursively, in the order read (sorted later). Unreadable
// directories are skipped. Directory symlinks are not followed (a link to / beside a layout would
// walk /proc and /sys), file symlinks are; only what is a regular file once links are resolved is
// collected, so a FIFO named like a font (which would block the open) is never opened.
void collect_font_files(const fs::path& dir, int depth, Walk& walk) {
    std::error_code error;
    fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, error);
    if (error) {
        return;
    }
    std::vector<fs::path> subdirs;
    for (const fs::directory_iterator end; it != end; it.increment(error)) {
        if (error) {
            break;
        }
        if (++walk.entries > walk.limits.max_entries) {
            if (!walk.stopped) {
                walk.stopped = true;
                walk.skipped->push_back(
                    {dir.string(), tr("the font scan stopped here, after {0} files and folders "
                                      "(the most one font folder may hold)",
                                      {std::to_string(walk.limits.max_entries)})});
            }
            return;
        }
        const fs::path& path = it->path();
        std::error_code status_error;
        const fs::file_status link = it->symlink_status(status_error);
        if (status_error) {
            continue;
        }
        if (fs::is_directory(link)) {
            if (depth < walk.limits.max_depth) {
                subdirs.push_back(path);
            }
        } else if (has_font_extension(path) && it->is_regular_file(status_error)) {
            walk.files.push_back(path);
        }
    }
    for (const fs::path& subdir : subdirs) {
        collect_font_files(subdir, depth + 1, walk);
    }
}

std::u32string code_points(std::string_view utf8) {
    std::u32string out;
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        char32_t cp = 0xFFFD;
        decode_utf8(utf8, pos, cp);
        out += cp;
    }
    return out;
}

std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            diagonal = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitute});
        }
    }
    return row[b.size()];
}

std::size_t common_prefix(const std::u32string& a, const std::u32string& b) {
    const auto mismatch = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
    return static_cast<std::size_t>(mismatch.first - a.begin());
}

// The faces of each font file, kept for the whole process (a program that renders many forms
// builds a FontLibrary for each) and on disk between runs (font_scan_cache.h): FreeType opening
// every face of the system fonts again would cost ~20 ms per run. An entry is reused only while
// the file keeps its stamp (device, inode, size, modification and change time), so a replaced
// font is read again.
std::mutex summary_mutex;
std::map<std::string, std::pair<FontFileStamp, FontFileFaces>> summary_cache;
struct DiskCache {
    std::optional<fs::path> file; // the cache file `cache` was read from
    FontScanCache cache;
    bool read = false;
};
DiskCache disk_cache;

// Under summary_mutex: the disk cache of the file the environment names now.
FontScanCache* disk_cache_now() {
    const std::optional<fs::path> file = FontScanCache::default_file();
    if (!disk_cache.read || disk_cache.file != file) {
        disk_cache.file = file;
        disk_cache.cache = file ? FontScanCache::read(*file) : FontScanCache{};
        disk_cache.read = true;
    }
    return file ? &disk_cache.cache : nullptr;
}

FontFileFaces summarize_file(const fs::path& file) {
    const std::string path = file.string();
    const std::optional<FontFileStamp> stamp = stamp_of(path);
    if (!stamp) {
        return read_font_file_faces(path); // unstat-able: read it (or fail to) without caching
    }
    {
        const std::lock_guard<std::mutex> lock(summary_mutex);
        const auto cached = summary_cache.find(path);
        if (cached != summary_cache.end() && cached->second.first == *stamp) {
            return cached->second.second;
        }
        if (FontScanCache* disk = disk_cache_now()) {
            if (const FontFileFaces* faces = disk->find(path, *stamp)) {
                summary_cache[path] = {*stamp, *faces};
                return *faces;
            }
        }
    }
    FontFileFaces faces = read_font_file_faces(path);
    const std::lock_guard<std::mutex> lock(summary_mutex);
    summary_cache[path] = {*stamp, faces};
    if (FontScanCache* disk = disk_cache_now()) {
        disk->put(path, *stamp, faces);
    }
    return faces;
}

// After a scan: the disk cache written when the scan read a file it did not have.
void write_disk_cache() {
    const std::lock_guard<std::mutex> lock(summary_mutex);
    if (FontScanCache* disk = disk_cache_now(); disk != nullptr && disk->changed()) {
        disk->write(*disk_cache.file);
    }
}

bool is_usable(const FaceSummary& summary) {
    return summary.outlines == OutlineFormat::Cff || summary.outlines == OutlineFormat::TrueType;
}

bool has_family(const FaceSummary& summary, const std::string& lowered_family) {
    return std::any_of(
        summary.family_names.begin(), summary.family_names.end(),
        [&](const std::string& name) { return ascii_lower(name) == lowered_family; });
}

} // namespace

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

std::vector<fs::path> system_font_dirs() {
    std::vector<fs::path> dirs = {"/usr/share/fonts", "/usr/local/share/fonts"};
    if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
        dirs.push_back(fs::path(home) / ".local/share/fonts");
        dirs.push_back(fs::path(home) / ".fonts");
    }
    return dirs;
}

FontCatalog::FontCatalog(std::vector<fs::path> search_dirs, bool include_system_dirs,
                         FontScanLimits limits)
    : limits_(limits) {
    for (fs::path& dir : search_dirs) {
        tiers_.push_back(Tier{{std::move(dir)}, {}, {}, false});
    }
    if (include_system_dirs) {
        tiers_.push_back(Tier{system_font_dirs(), {}, {}, false});
    }
}

void FontCatalog::scan(Tier& tier) {
    if (tier.scanned) {
        return;
    }
    tier.scanned = true;
    std::set<fs::path> visited; // a tier's folders may name one folder twice (through a link)
    for (const fs::path& dir : tier.dirs) {
        std::error_code error;
        const fs::path canonical = fs::canonical(dir, error);
        if (error || !visited.insert(canonical).second) {
            continue;
        }
        Walk walk;
        walk.limits = limits_;
        walk.skipped = &tier.skipped;
        collect_font_files(dir, 0, walk);
        std::sort(walk.files.begin(), walk.files.end());
        for (const fs::path& file : walk.files) {
            FontFileFaces summaries = summarize_file(file);
            if (!summaries.damage.empty()) {
                // In the user's language now: the damage itself is kept in no language.
                tier.skipped.push_back(
                    {file.string(), describe(summaries.damage), !summaries.faces.empty()});
            }
            for (FaceSummary& summary : summaries.faces) {
                tier.faces.push_back(CatalogFace{file.string(), std::move(summary)});
            }
        }
    }
    write_disk_cache();
}

void FontCatalog::forget_cached_files() {
    const std::lock_guard<std::mutex> lock(summary_mutex);
    summary_cache.clear();
    disk_cache = DiskCache{};
}

const CatalogFace* FontCatalog::find(std::string_view family, int weight, std::size_t* tier_index) {
    const std::string wanted = ascii_lower(family);
    for (Tier& tier : tiers_) {
        scan(tier);
        const CatalogFace* best = nullptr;
        auto best_key = std::make_tuple(0, 0, 0, 0, 0);
        for (const CatalogFace& candidate : tier.faces) {
            const FaceSummary& summary = candidate.summary;
            if (!has_family(summary, wanted)) {
                continue;
            }
            // Equal distance on both sides of the request: CSS-like, go heavier from regular up.
            const bool wrong_side =
                weight >= 400 ? summary.weight < weight : summary.weight > weight;
            const auto key = std::make_tuple(
                is_usable(summary) ? 0 : 1, std::abs(summary.weight - weight), wrong_side ? 1 : 0,
                summary.italic ? 1 : 0, std::abs(summary.width_class - 5));
            if (best == nullptr || key < best_key) { // strict: the first in path order wins ties
                best = &candidate;
                best_key = key;
            }
        }
        if (best != nullptr) {
            if (tier_index != nullptr) {
                *tier_index = static_cast<std::size_t>(&tier - tiers_.data());
            }
            return best;
        }
    }
    return nullptr;
}

std::vector<std::string> FontCatalog::nearest_families(std::string_view family,
                                                       std::size_t max_count) {
    const std::u32string wanted = code_points(ascii_lower(family));
    // One entry per family (its display name, lower-cased), scored by its closest alias: a family
    // is listed once even when the name table spells it in several languages.
    struct Ranked {
        std::size_t distance_per_mille = 0; // edit distance relative to the longer name
        std::size_t unmatched_prefix = 0;   // characters of the request past the common prefix
        std::string label;                  // display name, plus the alias that matched best
    };
    std::map<std::string, Ranked> families;
    for (Tier& tier : tiers_) {
        scan(tier);
        for (const CatalogFace& face : tier.faces) {
            const std::string& display = face.summary.display_family;
            for (const std::string& name : face.summary.family_names) {
                const std::u32string candidate = code_points(ascii_lower(name));
                const std::size_t longer =
                    std::max({wanted.size(), candidate.size(), std::size_t{1}});
                Ranked ranked{edit_distance(wanted, candidate) * 1000 / longer,
                              wanted.size() - common_prefix(wanted, candidate), display};
                if (ascii_lower(name) != ascii_lower(display)) {
                    ranked.label += " (" + name + ")";
                }
                const auto [it, inserted] = families.emplace(ascii_lower(display), ranked);
                if (!inserted &&
                    std::tie(ranked.distance_per_mille, ranked.unmatched_prefix) <
                        std::tie(it->second.distance_per_mille, it->second.unmatched_prefix)) {
                    it->second = ranked;
                }
            }
        }
    }
    std::vector<const Ranked*> order;
    for (const auto& [key, ranked] : families) {
        order.push_back(&ranked);
    }
    std::sort(order.begin(), order.end(), [](const Ranked* a, const Ranked* b) {
        return std::tie(a->distance_per_mille, a->unmatched_prefix, a->label) <
               std::tie(b->distance_per_mille, b->unmatched_prefix, b->label);
    });
    std::vector<std::string> nearest;
    for (std::size_t i = 0; i < order.size() && i < max_count; ++i) {
        nearest.push_back(order[i]->label);
    }
    return nearest;
}

std::vector<std::string> FontCatalog::families() {
    std::set<std::string> names;
    for (Tier& tier : tiers_) {
        scan(tier);
        for (const CatalogFace& face : tier.faces) {
            names.insert(face.summary.display_family);
        }
    }
    return {names.begin(), names.end()};
}

std::vector<CatalogFace> FontCatalog::faces() {
    std::vector<CatalogFace> all;
    for (Tier& tier : tiers_) {
        scan(tier);
        all.insert(all.end(), tier.faces.begin(), tier.faces.end());
    }
    return all;
}

std::vector<SkippedFont> FontCatalog::skipped(std::size_t tier_count) const {
    std::vector<SkippedFont> skipped;
    for (std::size_t i = 0; i < tiers_.size() && i < tier_count; ++i) {
        skipped.insert(skipped.end(), tiers_[i].skipped.begin(), tiers_[i].skipped.end());
    }
    return skipped;
}

std::vector<fs::path> FontCatalog::directories() const {
    std::vector<fs::path> dirs;
    for (const Tier& tier : tiers_) {
        dirs.insert(dirs.end(), tier.dirs.begin(), tier.dirs.end());
    }
    return dirs;
}

} // namespace formpdf::text
