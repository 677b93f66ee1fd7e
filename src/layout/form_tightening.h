#pragma once

#include "layout/resolved_style.h"
#include "load/tightening_spec.h"
#include "resolve/resolved_form.h"

#include <cstddef>

namespace formpdf::layout {

// Tightening a form's vertical spacing to save a nearly empty last page (`tighten:`,
// docs/layout-format.md). A `share` says how far: 0 is the spacing the layout gives, 1 every
// padding, line spacing and row height at the limit `tighten:` sets for it. A value already at or
// below its limit is left as it is; type sizes, widths and so line breaks never change.

// Whether a form laid out on `pages` pages, `rows_on_last_page` table rows on the last, is worth
// laying out again tightened.
bool worth_tightening(const load::TighteningSpec& limits, std::size_t pages,
                      std::size_t rows_on_last_page);

// The styles with their top and bottom padding and their line spacing tightened by `share`.
StyleSet tightened_styles(const StyleSet& styles, const load::TighteningSpec& limits, double share);

// A copy of the form with the least height of every table row tightened by `share`.
resolve::ResolvedForm tightened_form(const resolve::ResolvedForm& form,
                                     const load::TighteningSpec& limits, double share);

// Sets the least height of every table row of `tightened`, a copy of `form`, to the form's own
// tightened by `share`: so that one copy serves every share tried (a form's texts are not copied
// again for each).
void tighten_rows(const resolve::ResolvedForm& form, const load::TighteningSpec& limits,
                  double share, resolve::ResolvedForm& tightened);

} // namespace formpdf::layout
