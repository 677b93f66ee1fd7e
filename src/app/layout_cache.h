#pragma once

#include "load/layout_loader.h"
#include "load/layout_spec.h"

#include <filesystem>
#include <map>

namespace formpdf::app {

// Layout files by path, each read once per job however many forms use it.
class LayoutCache {
public:
    const load::LayoutSpec& get(const std::filesystem::path& path) {
        auto found = layouts_.find(path);
        if (found == layouts_.end()) {
            found = layouts_.emplace(path, load::load_layout_file(path)).first;
        }
        return found->second;
    }

private:
    std::map<std::filesystem::path, load::LayoutSpec> layouts_;
};

} // namespace formpdf::app
