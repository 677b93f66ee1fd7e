#include "check/check.h"

#include "check/field_rules.h"
#include "check/findings.h"
#include "check/tree_rules.h"

#include <algorithm>
#include <vector>

namespace formpdf::check {

CheckCounts check_declaration(const load::Declaration& declaration,
                              const load::FormDefinition& form, Diagnostics& findings) {
    Findings found;
    check_fields(declaration, form, found);
    check_trees(declaration, form, found);
    // In the order of the file, as an editor lists them; rules that look at a whole group report
    // after its rows, so the order they run in is not the file's.
    std::vector<Findings::Item>& items = found.items();
    std::stable_sort(items.begin(), items.end(),
                     [](const Findings::Item& a, const Findings::Item& b) {
                         const SourceLoc& la = a.diagnostic.loc;
                         const SourceLoc& lb = b.diagnostic.loc;
                         return la.line != lb.line ? la.line < lb.line : la.col < lb.col;
                     });
    CheckCounts counts;
    for (Findings::Item& item : items) {
        switch (item.diagnostic.severity) {
        case Severity::Error:
            ++counts.errors;
            counts.structural_errors += item.structural ? 1 : 0;
            break;
        case Severity::Warning:
            ++counts.warnings;
            break;
        case Severity::Note:
            ++counts.notes;
            break;
        }
        findings.add(std::move(item.diagnostic));
    }
    return counts;
}

} // namespace formpdf::check
