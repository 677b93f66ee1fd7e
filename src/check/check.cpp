#include "check/check.h"

#include "check/field_rules.h"
#include "check/tree_rules.h"

#include <algorithm>
#include <vector>

namespace formpdf::check {

void check_declaration(const load::Declaration& declaration, const load::FormDefinition& form,
                       Diagnostics& findings) {
    Diagnostics found;
    check_fields(declaration, form, found);
    check_trees(declaration, form, found);
    // In the order of the file, as an editor lists them; rules that look at a whole group report
    // after its rows, so the order they run in is not the file's.
    std::vector<Diagnostic> items = found.items();
    std::stable_sort(items.begin(), items.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return a.loc.line != b.loc.line ? a.loc.line < b.loc.line : a.loc.col < b.loc.col;
    });
    for (Diagnostic& item : items) {
        findings.add(std::move(item));
    }
}

} // namespace formpdf::check
