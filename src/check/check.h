#pragma once

#include "core/diagnostic.h"
#include "load/declaration.h"
#include "load/form_definition.h"

namespace formpdf::check {

// What a check found, counted, for a caller that decides whether to print the form.
struct CheckCounts {
    int errors = 0;            // all errors, the structural ones included
    int structural_errors = 0; // a key the form does not have, a group at the wrong level, ...
    int warnings = 0;
    int notes = 0;
};

// Checks one declaration against its form definition and adds what it finds to `findings`, in the
// order of the declaration (docs/check.md lists every rule and its severity): errors for what
// makes the form wrong or incomplete, warnings for what a reviewer would question, notes for what
// prints as given but is unusual. Structural errors (findings.h) are errors whose value the layout
// would not print where it belongs: `render` and `batch` do not print such a form. Reads only;
// never changes the declaration.
CheckCounts check_declaration(const load::Declaration& declaration,
                              const load::FormDefinition& form, Diagnostics& findings);

} // namespace formpdf::check
