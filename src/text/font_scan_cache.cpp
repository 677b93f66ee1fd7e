#include "text/font_scan_cache.h"

#include "core/file_io.h"
#include "core/mapped_file.h"

#include <sys/stat.h>

#include <charconv>
#include <cstdlib>
#include <limits>
#include <system_error>
#include <vector>

namespace formpdf::text {
namespace fs = std::filesystem;

namespace {

// Version 2: a file's damage as facts (font_file_damage.h), no longer as English words.
constexpr std::string_view kHeader = "formpdf font scan cache 2";
// Far above any real cache (a Debian desktop with every fonts-* package: ~3,000 files, ~1 MB).
constexpr std::uint64_t kMaxCacheBytes = std::uint64_t{32} << 20;
constexpr std::size_t kMaxEntries = 100000;
constexpr std::size_t kMaxFacesPerFile = 1024;
constexpr std::size_t kMaxNamesPerFace = 1024;

// Tab, newline, carriage return and backslash escaped: every field is one tab-free piece.
void append_escaped(std::string& out, std::string_view text) {
    for (const char c : text) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            out += c;
        }
    }
}

struct Malformed {};

std::string unescaped(std::string_view field) {
    std::string out;
    for (std::size_t i = 0; i < field.size(); ++i) {
        if (field[i] != '\\') {
            out += field[i];
            continue;
        }
        if (++i == field.size()) {
            throw Malformed{};
        }
        switch (field[i]) {
        case '\\':
            out += '\\';
            break;
        case 't':
            out += '\t';
            break;
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        default:
            throw Malformed{};
        }
    }
    return out;
}

template <typename Number> Number number(std::string_view field, Number low, Number high) {
    Number value{};
    const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
    if (error != std::errc() || end != field.data() + field.size() || value < low || value > high) {
        throw Malformed{};
    }
    return value;
}

std::vector<std::string_view> fields(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t tab = line.find('\t', start);
        out.push_back(line.substr(start, tab - start));
        if (tab == std::string_view::npos) {
            return out;
        }
        start = tab + 1;
    }
}

// The damage of a file line: its kind by name, FreeType's error, the size, the count of faces and
// the faces listed, each only where its kind has it (font_file_damage.h).
FontFileDamage damage_of(const std::vector<std::string_view>& file) {
    using Kind = FontFileDamage::Kind;
    FontFileDamage damage;
    if (!parse_kind_name(file[8], damage.kind)) {
        throw Malformed{};
    }
    damage.freetype_error = number<int>(file[9], 0, 0xFFFF);
    damage.bytes = static_cast<std::uint64_t>(
        number<std::int64_t>(file[10], 0, std::numeric_limits<std::int64_t>::max()));
    damage.face_count = number<std::uint32_t>(file[11], 0, kMaxFacesPerFile);
    const auto listed = number<std::size_t>(file[12], 0, kMaxFacesPerFile);
    if (file.size() != 13 + listed) {
        throw Malformed{};
    }
    for (std::size_t i = 0; i < listed; ++i) {
        damage.faces.push_back(number<std::uint32_t>(file[13 + i], 0, kMaxFacesPerFile - 1));
    }
    const bool freetype = damage.kind == Kind::FreeTypeRefuses ||
                          damage.kind == Kind::NoFaceOpens ||
                          damage.kind == Kind::SomeFacesDoNotOpen;
    const bool lists =
        damage.kind == Kind::SomeFacesDoNotOpen || damage.kind == Kind::SomeFacesUnnamed;
    if ((damage.freetype_error != 0) != freetype ||
        (damage.bytes != 0) != (damage.kind == Kind::TooLarge) ||
        (damage.face_count != 0) != (damage.kind == Kind::NoFaceOpens) ||
        (damage.kind == Kind::NoFaceOpens && damage.face_count < 2) ||
        damage.faces.empty() == lists) {
        throw Malformed{};
    }
    return damage;
}

std::int64_t nanoseconds(const timespec& time) {
    return static_cast<std::int64_t>(time.tv_sec) * 1000000000 + time.tv_nsec;
}

} // namespace

std::optional<FontFileStamp> stamp_of(const std::string& path) {
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0) {
        return std::nullopt;
    }
    return FontFileStamp{static_cast<std::uint64_t>(status.st_dev),
                         static_cast<std::uint64_t>(status.st_ino),
                         static_cast<std::uint64_t>(status.st_size), nanoseconds(status.st_mtim),
                         nanoseconds(status.st_ctim)};
}

std::optional<fs::path> FontScanCache::default_file() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && xdg[0] == '/') {
        return fs::path(xdg) / "formpdf" / "font-scan-v2";
    }
    if (const char* home = std::getenv("HOME"); home != nullptr && home[0] == '/') {
        return fs::path(home) / ".cache" / "formpdf" / "font-scan-v2";
    }
    return std::nullopt;
}

FontScanCache FontScanCache::read(const fs::path& file) {
    std::string why_not;
    const std::shared_ptr<const MappedFile> mapped =
        MappedFile::open(file.string(), kMaxCacheBytes, why_not);
    return mapped ? parse(mapped->bytes()) : FontScanCache{};
}

const FontFileFaces* FontScanCache::find(const std::string& path,
                                         const FontFileStamp& stamp) const {
    const auto found = entries_.find(path);
    return found != entries_.end() && found->second.stamp == stamp ? &found->second.faces : nullptr;
}

void FontScanCache::put(const std::string& path, const FontFileStamp& stamp,
                        const FontFileFaces& faces) {
    if (entries_.size() >= kMaxEntries && entries_.count(path) == 0) {
        return;
    }
    entries_[path] = Entry{stamp, faces};
    changed_ = true;
}

std::string FontScanCache::serialize() const {
    std::string out(kHeader);
    out += '\n';
    for (const auto& [path, entry] : entries_) {
        const FontFileStamp& stamp = entry.stamp;
        out += "file\t";
        append_escaped(out, path);
        for (const std::int64_t value :
             {static_cast<std::int64_t>(stamp.device), static_cast<std::int64_t>(stamp.inode),
              static_cast<std::int64_t>(stamp.size), stamp.modified_ns, stamp.changed_ns,
              static_cast<std::int64_t>(entry.faces.faces.size())}) {
            out += '\t';
            out += std::to_string(value);
        }
        const FontFileDamage& damage = entry.faces.damage;
        out += '\t';
        out += kind_name(damage.kind);
        out += '\t' + std::to_string(damage.freetype_error) + '\t' + std::to_string(damage.bytes) +
               '\t' + std::to_string(damage.face_count) + '\t' +
               std::to_string(damage.faces.size());
        for (const std::uint32_t face : damage.faces) {
            out += '\t' + std::to_string(face);
        }
        out += '\n';
        for (const FaceSummary& face : entry.faces.faces) {
            out += "face\t" + std::to_string(face.face_index) + '\t' + std::to_string(face.weight) +
                   '\t' + std::to_string(face.width_class) + '\t' + (face.italic ? "1" : "0") +
                   '\t' + std::to_string(static_cast<int>(face.outlines)) + '\t';
            append_escaped(out, face.display_family);
            out += '\t';
            out += std::to_string(face.family_names.size());
            for (const std::string& name : face.family_names) {
                out += '\t';
                append_escaped(out, name);
            }
            out += '\n';
        }
    }
    out += "end\n";
    return out;
}

FontScanCache FontScanCache::parse(std::string_view text) {
    FontScanCache cache;
    try {
        std::size_t pos = 0;
        auto next_line = [&]() {
            const std::size_t end = text.find('\n', pos);
            if (end == std::string_view::npos) {
                throw Malformed{};
            }
            const std::string_view line = text.substr(pos, end - pos);
            pos = end + 1;
            return line;
        };
        if (next_line() != kHeader) {
            throw Malformed{};
        }
        while (true) {
            const std::string_view line = next_line();
            if (line == "end") {
                if (pos != text.size()) {
                    throw Malformed{};
                }
                return cache;
            }
            const std::vector<std::string_view> file = fields(line);
            if (file.size() < 13 || file[0] != "file" || cache.entries_.size() >= kMaxEntries) {
                throw Malformed{};
            }
            Entry entry;
            const auto max = std::numeric_limits<std::int64_t>::max();
            entry.stamp.device = static_cast<std::uint64_t>(number<std::int64_t>(file[2], 0, max));
            entry.stamp.inode = static_cast<std::uint64_t>(number<std::int64_t>(file[3], 0, max));
            entry.stamp.size = static_cast<std::uint64_t>(number<std::int64_t>(file[4], 0, max));
            entry.stamp.modified_ns = number<std::int64_t>(file[5], -max, max);
            entry.stamp.changed_ns = number<std::int64_t>(file[6], -max, max);
            const auto faces = number<std::size_t>(file[7], 0, kMaxFacesPerFile);
            entry.faces.damage = damage_of(file);
            for (std::size_t i = 0; i < faces; ++i) {
                const std::vector<std::string_view> face = fields(next_line());
                if (face.size() < 8 || face[0] != "face") {
                    throw Malformed{};
                }
                FaceSummary summary;
                summary.face_index = number<unsigned>(face[1], 0, kMaxFacesPerFile - 1);
                summary.weight = number<int>(face[2], 0, 65535);
                summary.width_class = number<int>(face[3], 0, 65535);
                summary.italic = number<int>(face[4], 0, 1) == 1;
                summary.outlines = static_cast<OutlineFormat>(
                    number<int>(face[5], 0, static_cast<int>(OutlineFormat::None)));
                summary.display_family = unescaped(face[6]);
                const auto names = number<std::size_t>(face[7], 1, kMaxNamesPerFace);
                if (face.size() != 8 + names) {
                    throw Malformed{};
                }
                for (std::size_t n = 0; n < names; ++n) {
                    summary.family_names.push_back(unescaped(face[8 + n]));
                }
                entry.faces.faces.push_back(std::move(summary));
            }
            if (!cache.entries_.emplace(unescaped(file[1]), std::move(entry)).second) {
                throw Malformed{};
            }
        }
    } catch (const Malformed&) {
        return FontScanCache{};
    }
}

void FontScanCache::write(const fs::path& file) {
    for (auto it = entries_.begin(); it != entries_.end();) {
        const std::optional<FontFileStamp> stamp = stamp_of(it->first);
        it = stamp && *stamp == it->second.stamp ? std::next(it) : entries_.erase(it);
    }
    const fs::path dir = file.parent_path();
    // The cache folder and, when missing, the cache home: private to the user (XDG: 0700).
    ::mkdir(dir.parent_path().c_str(), 0700);
    ::mkdir(dir.c_str(), 0700);
    try {
        write_file_atomically(file, serialize(), Durability::Deferred);
        changed_ = false;
    } catch (const IoError&) {
        // Only the next run's time depends on it.
    }
}

} // namespace formpdf::text
