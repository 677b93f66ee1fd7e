#pragma once

#include "load/declaration.h"
#include "load/form_definition.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace formpdf::app {

// The form definitions of the layouts folders, each loaded once.
class FormDefinitions {
public:
    explicit FormDefinitions(std::vector<std::filesystem::path> layout_dirs);

    // The definition of the declaration's form. Throws DiagnosticError at the `form:` value when
    // no layout has that name or it has no `form:` section, and the layout's own error when it
    // does not load (each time it is asked for, so every declaration of that form reports it).
    const load::FormDefinition& get(const load::TextValue& form);

    // The first layout (in search order, files sorted by name) whose form has this title. The
    // files of the other forms with the same title go to `others` when given (the import says
    // which form it chose: a folder given with --layouts may hold a form of the same title).
    std::optional<load::FormDefinition>
    find_by_title(const std::string& title,
                  std::vector<std::filesystem::path>* others = nullptr) const;

private:
    std::vector<std::filesystem::path> dirs_;
    std::map<std::string, load::FormDefinition> loaded_;
};

} // namespace formpdf::app
