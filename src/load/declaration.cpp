#include "load/declaration.h"

namespace formpdf::load {

namespace {

template <typename Value>
const Value* find_pair(const std::vector<std::pair<std::string, Value>>& pairs,
                       std::string_view id) {
    for (const auto& [key, value] : pairs) {
        if (key == id) {
            return &value;
        }
    }
    return nullptr;
}

} // namespace

const TextValue* Record::find(std::string_view id) const {
    return find_pair(fields, id);
}

const TextValue* Declaration::field(std::string_view id) const {
    return find_pair(fields, id);
}

const std::vector<Group>* Declaration::tree(std::string_view id) const {
    return find_pair(trees, id);
}

} // namespace formpdf::load
