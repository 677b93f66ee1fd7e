#pragma once

#include "load/layout_spec.h"

namespace formpdf::load {

// When the layout defines its form (`form:`), every field the print binds must exist there: a
// static table cell or a text block names a header field (or `title`/`footer`), a group row names
// one of the form's trees and its cells name that tree's row fields, and `bookmark` names header
// fields. Throws DiagnosticError at the first unknown name with a did-you-mean hint. A layout
// without `form:` binds whatever the declaration holds.
void check_field_references(const LayoutSpec& spec);

} // namespace formpdf::load
