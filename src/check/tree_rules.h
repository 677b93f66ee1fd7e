#pragma once

#include "check/findings.h"
#include "load/declaration.h"
#include "load/form_definition.h"

namespace formpdf::check {

// The trees (the indicator table): unknown (structural) or missing trees, the level keys and depth
// (structural), rows or groups where the other belongs (structural), names
// against the vocabulary (unknown, under the wrong parent, duplicated), mandatory groups missing or
// filled with 不适用 only, mandatory markers, and every row's fields (missing, empty, duplicated
// names, indicator values of an unusual shape).
void check_trees(const load::Declaration& declaration, const load::FormDefinition& form,
                 Findings& findings);

} // namespace formpdf::check
