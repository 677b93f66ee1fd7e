#pragma once

#include "check/findings.h"
#include "load/declaration.h"
#include "load/form_definition.h"

namespace formpdf::check {

// The header fields: unknown ids (structural), required fields missing or empty, and each field's
// kind (code digits, amounts, whole years, choices) and relations (at-most, required-when).
void check_fields(const load::Declaration& declaration, const load::FormDefinition& form,
                  Findings& findings);

} // namespace formpdf::check
