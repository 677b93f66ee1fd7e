#pragma once

#include <filesystem>
#include <map>
#include <utility>

namespace formpdf {

// The input files of a run, to refuse an output that would replace one of them (`render d.yaml
// -o d.yaml`). An existing file is known by its identity, device and inode (so any path to it, a
// symlink or a second name of the file counts); one that does not exist by its normalised
// absolute path (`./new.pdf` and `dir/../new.pdf` are one).
class FileIdentities {
public:
    void add(const std::filesystem::path& input);

    // The added input that writing `output` would replace, or nullptr. Never throws.
    const std::filesystem::path* find(const std::filesystem::path& output) const;

private:
    std::map<std::pair<unsigned long long, unsigned long long>, std::filesystem::path> by_inode_;
    std::map<std::filesystem::path, std::filesystem::path> by_path_;
};

// True when writing `output` would replace `input` (FileIdentities with one input).
bool is_same_file(const std::filesystem::path& output, const std::filesystem::path& input);

} // namespace formpdf
