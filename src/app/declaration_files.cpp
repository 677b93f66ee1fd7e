#include "app/declaration_files.h"

#include "core/file_io.h"
#include "core/messages.h"

#include <algorithm>
#include <set>
#include <system_error>

namespace formpdf::app {

namespace fs = std::filesystem;

bool is_declaration_file(const fs::path& path) {
    const std::string extension = path.extension().string();
    return extension == ".yaml" || extension == ".yml";
}

std::vector<fs::path> collect_declaration_files(const std::vector<fs::path>& inputs) {
    std::vector<fs::path> files;
    std::set<fs::path> seen;
    const auto add = [&](const fs::path& path) {
        if (seen.insert(path.lexically_normal()).second) {
            files.push_back(path);
        }
    };
    for (const fs::path& input : inputs) {
        std::error_code error;
        if (!fs::is_directory(input, error)) {
            add(input); // a missing file is reported when it is read
            continue;
        }
        std::vector<fs::path> found;
        for (auto it = fs::recursive_directory_iterator(
                 input, fs::directory_options::skip_permission_denied, error);
             !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
            if (it->is_regular_file(error) && is_declaration_file(it->path())) {
                found.push_back(it->path());
            }
        }
        if (error) {
            throw IoError(tr("cannot read folder {0}: {1}", {input.string(), error.message()}));
        }
        std::sort(found.begin(), found.end());
        for (const fs::path& path : found) {
            add(path);
        }
    }
    return files;
}

} // namespace formpdf::app
