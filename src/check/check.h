#pragma once

#include "core/diagnostic.h"
#include "load/declaration.h"
#include "load/form_definition.h"

namespace formpdf::check {

// Checks one declaration against its form definition and adds what it finds to `findings`, in the
// order of the declaration (docs/check.md lists every rule and its severity): errors for what
// makes the form wrong or incomplete, warnings for what a reviewer would question, notes for what
// prints as given but is unusual. Reads only; never changes the declaration.
void check_declaration(const load::Declaration& declaration, const load::FormDefinition& form,
                       Diagnostics& findings);

} // namespace formpdf::check
