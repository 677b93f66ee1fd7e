#include "app/form_definitions.h"

#include "app/layout_finder.h"
#include "core/diagnostic.h"
#include "core/file_io.h"
#include "core/messages.h"
#include "load/layout_loader.h"

#include <algorithm>

namespace formpdf::app {

FormDefinitions::FormDefinitions(std::vector<std::filesystem::path> layout_dirs)
    : dirs_(std::move(layout_dirs)) {}

const load::FormDefinition& FormDefinitions::get(const load::TextValue& form) {
    if (const auto it = loaded_.find(form.text); it != loaded_.end()) {
        return it->second;
    }
    const std::filesystem::path path = find_layout(form, dirs_);
    load::LayoutSpec layout = load::load_layout_file(path);
    if (!layout.form) {
        throw DiagnosticError(make_error(
            form.loc, tr("the layout {0} has no `form:` section", {path.string()}),
            tr("the form definition says which fields and indicators a declaration of this form "
               "holds; see docs/declaration-format.md")));
    }
    return loaded_.emplace(form.text, std::move(*layout.form)).first->second;
}

std::optional<load::FormDefinition>
FormDefinitions::find_by_title(const std::string& title,
                               std::vector<std::filesystem::path>* others) const {
    std::optional<load::FormDefinition> found;
    for (const auto& dir : dirs_) {
        std::vector<std::filesystem::path> files;
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
            if (entry.path().extension() == ".yaml") {
                files.push_back(entry.path());
            }
        }
        std::sort(files.begin(), files.end());
        for (const auto& file : files) {
            try {
                load::LayoutSpec layout = load::load_layout_file(file);
                if (!layout.form || layout.form->title != title) {
                    continue;
                }
                if (!found) {
                    found = std::move(layout.form);
                    if (!others) {
                        return found;
                    }
                } else if (layout.form->id != found->id) {
                    others->push_back(file);
                }
            } catch (const DiagnosticError&) {
                // A layout that does not load is not the one: the others are still searched.
            } catch (const IoError&) {
            }
        }
    }
    return found;
}

} // namespace formpdf::app
