#include "core/file_identity.h"

#include <sys/stat.h>

namespace formpdf {

namespace {

std::filesystem::path normalised(const std::filesystem::path& path) {
    std::error_code error;
    const std::filesystem::path absolute = std::filesystem::absolute(path, error);
    if (error) {
        return path.lexically_normal();
    }
    const std::filesystem::path canonical = std::filesystem::weakly_canonical(absolute, error);
    return error ? absolute.lexically_normal() : canonical.lexically_normal();
}

} // namespace

// An existing file is known by its inode alone: an output that is that file exists too, and is
// found by its own inode, whatever path names it. Paths are compared only when neither exists
// (so that a batch of thousands of files does not canonicalise every path).
void FileIdentities::add(const std::filesystem::path& input) {
    struct stat info {};
    if (::stat(input.c_str(), &info) == 0) {
        by_inode_.emplace(
            std::pair<unsigned long long, unsigned long long>(info.st_dev, info.st_ino), input);
    } else {
        by_path_.emplace(normalised(input), input);
    }
}

const std::filesystem::path* FileIdentities::find(const std::filesystem::path& output) const {
    struct stat info {};
    std::error_code error;
    // "missing/../d.yaml" is d.yaml to a user, whatever the kernel makes of it.
    const std::filesystem::path lexical =
        std::filesystem::absolute(output, error).lexically_normal();
    if (::stat(output.c_str(), &info) == 0 || (!error && ::stat(lexical.c_str(), &info) == 0)) {
        const auto found = by_inode_.find({info.st_dev, info.st_ino});
        return found != by_inode_.end() ? &found->second : nullptr;
    }
    if (by_path_.empty()) {
        return nullptr;
    }
    const auto found = by_path_.find(normalised(output));
    return found != by_path_.end() ? &found->second : nullptr;
}

bool is_same_file(const std::filesystem::path& output, const std::filesystem::path& input) {
    FileIdentities inputs;
    inputs.add(input);
    return inputs.find(output) != nullptr;
}

} // namespace formpdf
