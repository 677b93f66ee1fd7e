#include "app/batch_manifest.h"

#include "core/file_io.h"
#include "core/messages.h"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace formpdf::app {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kHeader = "# formpdf batch manifest 1";
constexpr std::size_t kMaxManifestBytes = 64 * 1024 * 1024; // 4,100 forms: ~300 KB

// A name a batch could have written: one plain, visible file name.
bool is_plain_file_name(std::string_view name) {
    return !name.empty() && name.size() <= 255 && name.front() != '.' &&
           name.find('/') == std::string_view::npos && name.find('\0') == std::string_view::npos;
}

} // namespace

std::set<std::string> read_batch_manifest(const fs::path& dir, Diagnostics& diagnostics) {
    const fs::path path = dir / kBatchManifestName;
    std::set<std::string> names;
    std::error_code error;
    if (!fs::is_regular_file(fs::symlink_status(path, error))) {
        // None, or not one a batch wrote (a planted symlink is never followed): the batch writes
        // its own in its place.
        return names;
    }
    std::string text;
    try {
        text = read_file(path, kMaxManifestBytes);
    } catch (const std::exception& failure) {
        diagnostics.warning(SourceLoc{path.string(), 0, 0},
                            tr("cannot read the batch manifest; earlier outputs are not "
                               "checked for staleness: {0}",
                               {failure.what()}));
        return names;
    }
    std::size_t line_number = 0;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        const std::string_view line(text.data() + start, end - start);
        start = end + 1;
        if (++line_number == 1) {
            if (line != kHeader) {
                diagnostics.warning(SourceLoc{path.string(), 1, 1},
                                    tr("not a formpdf batch manifest; ignored"),
                                    tr("it is written by `formpdf batch`: remove it"));
                return {};
            }
            continue;
        }
        if (line.empty() || line.front() == '#') {
            continue;
        }
        if (!is_plain_file_name(line)) {
            diagnostics.warning(SourceLoc{path.string(), static_cast<int>(line_number), 1},
                                tr("not a file name a batch writes; ignored"));
            continue;
        }
        names.emplace(line);
    }
    return names;
}

void write_batch_manifest(const fs::path& dir, const std::set<std::string>& names) {
    std::string text(kHeader);
    text += '\n';
    for (const std::string& name : names) {
        text += name;
        text += '\n';
    }
    write_file_atomically(dir / kBatchManifestName, text);
}

StaleRemoval remove_stale_outputs(const fs::path& dir, const std::set<std::string>& previous,
                                  const std::set<std::string>& written, Diagnostics& diagnostics) {
    StaleRemoval result;
    // On a case-insensitive file system (a USB stick) an earlier "All.pdf" is this batch's
    // "all.pdf": a name is removed only when it is not one of the files just written.
    std::set<std::pair<dev_t, ino_t>> written_files;
    for (const std::string& name : written) {
        struct stat info {};
        if (::lstat((dir / name).c_str(), &info) == 0) {
            written_files.emplace(info.st_dev, info.st_ino);
        }
    }
    for (const std::string& name : previous) {
        if (written.count(name) != 0) {
            continue;
        }
        const fs::path path = dir / name;
        struct stat info {};
        if (::lstat(path.c_str(), &info) != 0) {
            continue; // already gone
        }
        if (S_ISDIR(info.st_mode) || written_files.count({info.st_dev, info.st_ino}) != 0) {
            continue; // not a file an earlier batch wrote, or the one this batch wrote
        }
        if (::unlink(path.c_str()) == 0) {
            result.removed.push_back(name);
            continue;
        }
        const std::string why = std::strerror(errno);
        diagnostics.error(SourceLoc{path.string(), 0, 0},
                          tr("cannot remove this output of an earlier batch, which this batch "
                             "did not write again: {0}",
                             {why}),
                          tr("remove it by hand: it is not this batch's output"));
        result.kept.insert(name);
    }
    return result;
}

} // namespace formpdf::app
