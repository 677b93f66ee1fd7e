#include "load/form_definition.h"

#include <algorithm>

namespace formpdf::load {

namespace {

template <typename Item>
const Item* find_by_id(const std::vector<Item>& items, std::string_view id) {
    const auto it =
        std::find_if(items.begin(), items.end(), [&](const Item& item) { return item.id == id; });
    return it == items.end() ? nullptr : &*it;
}

} // namespace

std::string_view TreeDefinition::marker_of(std::string_view name) const {
    if (!mandatory_marker.empty() && name.starts_with(mandatory_marker)) {
        return mandatory_marker;
    }
    for (const std::string& variant : marker_variants) {
        if (!variant.empty() && name.starts_with(variant)) {
            return variant;
        }
    }
    return {};
}

std::string_view TreeDefinition::strip_marker(std::string_view name) const {
    return name.substr(marker_of(name).size());
}

const FieldDefinition* FormDefinition::find_field(std::string_view id) const {
    return find_by_id(fields, id);
}

const TreeDefinition* FormDefinition::find_tree(std::string_view id) const {
    return find_by_id(trees, id);
}

} // namespace formpdf::load
