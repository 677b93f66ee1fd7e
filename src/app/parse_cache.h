#pragma once

#include "load/yaml_tree_store.h"

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <memory>

namespace formpdf::app {

// The parsed YAML of earlier runs, on disk (load/yaml_tree_store.h; docs/performance.md, "The
// parse cache"; docs/security.md, "The parse cache").
//
// An entry is named by the SHA-256 of the program's build ID, the parser's limits and the text:
// a file edited in any way, or a formpdf built anew, never finds an old entry. It holds the parsed
// documents and their SHA-256, checked when read: a damaged entry is a miss, never used.
//
// The folder is the user's own: XDG_CACHE_HOME/formpdf/yaml (else ~/.cache/formpdf/yaml), made
// 0700; a folder that is a symbolic link, is someone else's, or that others may write into (or,
// for yaml/ itself, read) is not used, nor is any cache when FORMPDF_CACHE=off.
class ParseCache final : public load::YamlTreeStore {
public:
    // The user's cache, or null when it is off or cannot be used safely (no home, no build ID, a
    // folder not private to the user).
    static std::unique_ptr<ParseCache> open_default();
    // The cache in `dir` (made 0700 when missing), holding at most about max_bytes, or null when
    // it is not private to the user.
    static std::unique_ptr<ParseCache> open(const std::filesystem::path& dir,
                                            std::uintmax_t max_bytes = kMaxBytes);

    std::optional<std::string> find(std::string_view text, std::string_view context) const override;
    void keep(std::string_view text, std::string_view context,
              std::string_view tree) const override;

    // Every YAML text the program reads from now on is read through this cache.
    void use_for_every_yaml_text() const { load::use_yaml_tree_store(this); }

    // Texts found and texts kept (parsed anew) so far.
    std::size_t found() const { return found_.load(std::memory_order_relaxed); }
    std::size_t kept() const { return kept_.load(std::memory_order_relaxed); }

    // When the cache holds more than its most (or max_bytes when given), removes the entries
    // used longest ago until it holds 3/4 of that. Lists the folder only when this run kept
    // something. Also run by keep() every 256 entries, for a program that runs for long.
    void trim(std::uintmax_t max_bytes = 0) const;

    const std::filesystem::path& dir() const { return dir_; }

    static constexpr std::uintmax_t kMaxBytes = 64u << 20;

private:
    ParseCache(std::filesystem::path dir, std::uintmax_t max_bytes)
        : dir_(std::move(dir)), max_bytes_(max_bytes) {}
    std::filesystem::path entry_path(std::string_view text, std::string_view context) const;

    std::filesystem::path dir_;
    std::uintmax_t max_bytes_;
    mutable std::atomic<std::size_t> found_{0};
    mutable std::atomic<std::size_t> kept_{0};
};

} // namespace formpdf::app
