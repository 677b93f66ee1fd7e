#include "app/layout_finder.h"

#include "core/diagnostic.h"
#include "core/messages.h"

#include <algorithm>
#include <set>

namespace formpdf::app {

namespace {

bool is_plain_name(const std::string& id) {
    if (id.empty() || id.size() > 200 || id[0] == '.') {
        return false;
    }
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_' || c == '.';
    });
}

std::string available_layouts(const std::vector<std::filesystem::path>& dirs) {
    std::set<std::string> names;
    for (const auto& dir : dirs) {
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
            if (entry.path().extension() == ".yaml") {
                names.insert(entry.path().stem().string());
            }
        }
    }
    std::string list;
    for (const std::string& name : names) {
        list += (list.empty() ? "" : ", ") + name;
    }
    return list.empty() ? std::string(tr("none found")) : list;
}

std::string searched(const std::vector<std::filesystem::path>& dirs) {
    std::string list;
    for (const auto& dir : dirs) {
        list += (list.empty() ? "" : ", ") + dir.string();
    }
    return list.empty() ? std::string(tr("no layouts folder exists")) : list;
}

} // namespace

std::filesystem::path find_layout(const load::TextValue& form,
                                  const std::vector<std::filesystem::path>& dirs) {
    if (!is_plain_name(form.text)) {
        throw DiagnosticError(
            make_error(form.loc, tr("'{0}' is not a form name", {form.text}),
                       tr("a form is named by its layout file in layouts/, without folder or "
                          ".yaml: e.g. shenzhen-l2-project")));
    }
    for (const auto& dir : dirs) {
        const auto candidate = dir / (form.text + ".yaml");
        std::error_code ec;
        if (std::filesystem::is_regular_file(candidate, ec)) {
            return candidate;
        }
    }
    throw DiagnosticError(make_error(
        form.loc, tr("no layout for form '{0}'", {form.text}),
        tr("available layouts: {0} (searched {1}); name another folder with --layouts DIR, or give "
           "the layout with --layout FILE",
           {available_layouts(dirs), searched(dirs)})));
}

} // namespace formpdf::app
