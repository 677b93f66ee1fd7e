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

std::vector<const Record*> list_records(const std::vector<Group>& tree,
                                        std::vector<Record>& one_field_records) {
    std::vector<const Record*> records;
    one_field_records.clear();
    one_field_records.reserve(tree.size());
    for (const Group& group : tree) {
        if (group.level.empty()) {
            for (const Record& record : group.records) {
                records.push_back(&record);
            }
        } else if (group.groups.empty() && group.records.empty()) {
            Record& record = one_field_records.emplace_back();
            record.fields.emplace_back(group.level, group.label);
            record.loc = group.loc;
            records.push_back(&record);
        }
    }
    return records;
}

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
