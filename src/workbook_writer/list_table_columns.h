#pragma once

#include "load/layout_spec.h"
#include "load/list_table_columns.h"

#include <vector>

namespace formpdf::workbook_writer {

// Where `formpdf workbook` puts the cells of each list table of the layout (one per `- list:`
// row, in the layout's order), for `formpdf import` (docs/import.md, "Lists"): the columns of the
// list's fields in each of its rows, and the texts of the header row right above them when that
// row is a row of the same table with no group or list. The same code lays out the workbook, so
// the two cannot drift apart.
std::vector<load::ListTableColumns> list_table_columns(const load::LayoutSpec& layout);

} // namespace formpdf::workbook_writer
