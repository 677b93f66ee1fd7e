#include "app/parse_cache.h"

#include "core/file_io.h"
#include "core/program_build_id.h"
#include "pdf/sha256.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <system_error>
#include <tuple>
#include <vector>

namespace formpdf::app {
namespace fs = std::filesystem;

namespace {

// The start of every entry; another layout of entries takes another one.
constexpr std::string_view kMagic = "formpdf parse cache 1\n";
constexpr std::size_t kDigestBytes = 32;
// Larger entries are not kept: a YAML text may have 8 MiB, and its tree takes ~2-3x.
constexpr std::size_t kMaxEntryBytes = 32u << 20;
// Entries kept between two trims of a program that runs for long.
constexpr std::size_t kTrimEvery = 256;

// A folder only this user may change: not a symbolic link, owned by the user, not writable by
// the group or others (entries in a folder others can write into could print their data); with
// `closed`, not open to them at all (the entries are copies of the user's declarations).
bool is_private_folder(const fs::path& dir, bool closed) {
    struct stat status {};
    const mode_t others = closed ? (S_IRWXG | S_IRWXO) : (S_IWGRP | S_IWOTH);
    return ::lstat(dir.c_str(), &status) == 0 && S_ISDIR(status.st_mode) &&
           status.st_uid == ::geteuid() && (status.st_mode & others) == 0;
}

std::string digest_of(std::string_view bytes) {
    pdf::Sha256 hash;
    hash.update(bytes);
    return hash.digest();
}

bool is_off(const char* setting) {
    return setting != nullptr &&
           (std::strcmp(setting, "off") == 0 || std::strcmp(setting, "0") == 0 ||
            std::strcmp(setting, "no") == 0 || std::strcmp(setting, "false") == 0);
}

} // namespace

std::unique_ptr<ParseCache> ParseCache::open_default() {
    if (is_off(std::getenv("FORMPDF_CACHE"))) {
        return nullptr;
    }
    fs::path home;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && xdg[0] == '/') {
        home = xdg;
    } else if (const char* user_home = std::getenv("HOME");
               user_home != nullptr && user_home[0] == '/') {
        home = fs::path(user_home) / ".cache";
    } else {
        return nullptr;
    }
    // The cache home and formpdf's folder in it, private to the user as XDG asks (0700).
    ::mkdir(home.c_str(), 0700);
    ::mkdir((home / "formpdf").c_str(), 0700);
    if (!is_private_folder(home / "formpdf", false)) {
        return nullptr;
    }
    return open(home / "formpdf" / "yaml");
}

std::unique_ptr<ParseCache> ParseCache::open(const fs::path& dir, std::uintmax_t max_bytes) {
    if (program_build_id().empty()) {
        return nullptr; // nothing would tell one build's entries from another's
    }
    ::mkdir(dir.c_str(), 0700);
    if (!is_private_folder(dir, true)) {
        return nullptr;
    }
    return std::unique_ptr<ParseCache>(new ParseCache(dir, max_bytes));
}

fs::path ParseCache::entry_path(std::string_view text, std::string_view context) const {
    pdf::Sha256 key;
    key.update_field(kMagic);
    key.update_field(program_build_id());
    key.update_field(context);
    key.update(text);
    return dir_ / pdf::to_hex(key.digest());
}

std::optional<std::string> ParseCache::find(std::string_view text, std::string_view context) const {
    const fs::path entry = entry_path(text, context);
    std::string bytes;
    try {
        bytes = read_file(entry, kMaxEntryBytes);
    } catch (const std::exception&) {
        return std::nullopt; // absent (the usual miss), unreadable or too large
    }
    const std::string_view view(bytes);
    if (view.size() < kMagic.size() + kDigestBytes || view.substr(0, kMagic.size()) != kMagic) {
        return std::nullopt;
    }
    const std::string_view digest = view.substr(kMagic.size(), kDigestBytes);
    const std::string_view tree = view.substr(kMagic.size() + kDigestBytes);
    if (digest_of(tree) != digest) {
        return std::nullopt; // damaged on disk
    }
    // Used now: trim() removes the entries used longest ago first.
    ::utimensat(AT_FDCWD, entry.c_str(), nullptr, 0);
    found_.fetch_add(1, std::memory_order_relaxed);
    return std::string(tree);
}

void ParseCache::keep(std::string_view text, std::string_view context,
                      std::string_view tree) const {
    if (tree.size() + kMagic.size() + kDigestBytes > kMaxEntryBytes) {
        return;
    }
    std::string bytes(kMagic);
    bytes += digest_of(tree);
    bytes += tree;
    try {
        // Whole or absent for every reader at once (a temporary renamed); flushed to disk with
        // the run's other files, or lost with the machine: an entry is only ever a copy.
        write_file_atomically(entry_path(text, context), bytes, Durability::Deferred);
        // A program that runs for long (formpdf serve, which keeps each edit it loads) trims
        // as it goes; a command trims once at its end.
        if ((kept_.fetch_add(1, std::memory_order_relaxed) + 1) % kTrimEvery == 0) {
            trim();
        }
    } catch (const std::exception&) {
        // A full disk or a read-only cache costs the next run a parse, nothing else.
    }
}

void ParseCache::trim(std::uintmax_t max_bytes) const {
    if (kept() == 0) {
        return;
    }
    if (max_bytes == 0) {
        max_bytes = max_bytes_;
    }
    struct Entry {
        fs::file_time_type used;
        std::uintmax_t size;
        fs::path path;
    };
    std::vector<Entry> entries;
    std::uintmax_t total = 0;
    std::error_code error;
    for (fs::directory_iterator it(dir_, error), end; !error && it != end; it.increment(error)) {
        std::error_code entry_error;
        const std::uintmax_t size = it->file_size(entry_error);
        const fs::file_time_type used = it->last_write_time(entry_error);
        if (!entry_error) {
            entries.push_back({used, size, it->path()});
            total += size;
        }
    }
    if (total <= max_bytes) {
        return;
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return std::tie(a.used, a.path) < std::tie(b.used, b.path);
    });
    for (const Entry& entry : entries) {
        if (total <= max_bytes / 4 * 3) {
            break;
        }
        std::error_code remove_error;
        if (fs::remove(entry.path, remove_error)) {
            total -= entry.size;
        }
    }
}

} // namespace formpdf::app
