#pragma once

#include "load/declaration.h"
#include "load/layout_spec.h"
#include "resolve/resolved_form.h"

namespace formpdf::resolve {

// Binds a declaration into a layout: fields into cells and text blocks, each group row expanded
// over its tree (one row per record, level cells spanning their node's rows), column widths
// computed. With no declaration (nullptr) it gives the blank template: every field empty and each
// group `blank-rows` empty rows. The layout must outlive the result (blocks point into it).
ResolvedForm resolve_form(const load::LayoutSpec& layout, const load::Declaration* declaration);

// Column widths: fixed ones as given, the content width they leave shared by the fr columns.
std::vector<double> resolve_column_widths(const std::vector<load::ColumnSpec>& columns,
                                          double content_width_pt);

} // namespace formpdf::resolve
