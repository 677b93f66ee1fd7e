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

void FileIdentities::add(const std::filesystem::path& input) {
    struct stat info {};
    if (::stat(input.c_str(), &info) == 0) {
        by_inode_.emplace(
            std::pair<unsigned long long, unsigned long long>(info.st_dev, info.st_ino), input);
    }
    by_path_.emplace(normalised(input), input);
}

const std::filesystem::path* FileIdentities::find(const std::filesystem::path& output) const {
    struct stat info {};
    if (::stat(output.c_str(), &info) == 0) {
        const auto found = by_inode_.find({info.st_dev, info.st_ino});
        if (found != by_inode_.end()) {
            return &found->second;
        }
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
