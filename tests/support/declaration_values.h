#pragma once

// Every value a declaration file holds, to check that a rendered form shows each of them
// (header-only: the tests that include it link formpdf_load).

#include "load/declaration.h"

#include <filesystem>
#include <string>
#include <vector>

namespace formpdf::testing {

// Header fields, group labels and record fields of every declaration of the file.
inline std::vector<std::string> declaration_values(const std::filesystem::path& file) {
    std::vector<std::string> values;
    for (const load::Declaration& declaration : load::load_declarations_file(file)) {
        for (const auto& [id, value] : declaration.fields) {
            values.push_back(value.text);
        }
        std::vector<const load::Group*> open;
        for (const auto& [id, tree] : declaration.trees) {
            for (const load::Group& group : tree) {
                open.push_back(&group);
            }
        }
        while (!open.empty()) {
            const load::Group* group = open.back();
            open.pop_back();
            values.push_back(group->label.text);
            for (const load::Group& child : group->groups) {
                open.push_back(&child);
            }
            for (const load::Record& record : group->records) {
                for (const auto& [id, value] : record.fields) {
                    values.push_back(value.text);
                }
            }
        }
    }
    return values;
}

} // namespace formpdf::testing
