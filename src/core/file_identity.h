#pragma once

#include <filesystem>
#include <map>
#include <utility>

namespace formpdf {

// The input files of a run, to refuse an output that would replace one of them (`render d.yaml
// -o d.yaml`). A file is known by its identity, device and inode (so a symlink or a second name
// of the file counts), and by its normalised absolute path (for a file that does not exist yet,
// `./d.yaml` and `dir/../d.yaml` are one).
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
