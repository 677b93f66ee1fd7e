#include "check/check.h"

#include "check/field_rules.h"
#include "check/tree_rules.h"

namespace formpdf::check {

void check_declaration(const load::Declaration& declaration, const load::FormDefinition& form,
                       Diagnostics& findings) {
    check_fields(declaration, form, findings);
    check_trees(declaration, form, findings);
}

} // namespace formpdf::check
