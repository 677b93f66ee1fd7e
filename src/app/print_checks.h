#pragma once

#include "core/diagnostic.h"
#include "load/declaration.h"
#include "load/layout_spec.h"

namespace formpdf::app {

// What the checks before printing decided for one declaration.
struct PrintCheck {
    // False when the form must not be printed: a structural error (a key the form does not have,
    // a group at the wrong level: the print would silently leave the value out), or, with
    // `strict`, any error.
    bool print = true;
    int errors = 0;   // errors found, printed with the form when `print`
    int warnings = 0; // warnings found, the values the layout does not print included
};

// Runs before `render` and `batch` print a declaration with `layout` (docs/check.md, "Before
// printing"): the rules of `formpdf check` against the layout's form definition, with the same
// messages, then a warning for every value of the declaration that the layout never puts on the
// page. Errors and warnings go to `diagnostics`; notes are left to `formpdf check`. When the form
// is not to be printed, a last error at the declaration says so and why.
// The form definition used is the layout's `form:` when it is the declaration's form; a layout
// without one, or for another form (`--layout`), checks only what the layout prints.
PrintCheck check_before_print(const load::Declaration& declaration, const load::LayoutSpec& layout,
                              bool strict, Diagnostics& diagnostics);

} // namespace formpdf::app
