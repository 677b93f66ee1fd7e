#pragma once

#include <string>
#include <vector>

namespace formpdf::workbook_writer {

// Names for the sheets of one workbook, in order, from the names wanted (the form's 项目编码, its
// bookmark text or title): what Excel forbids in a sheet name ([ ] : * ? / \) becomes '_', a name
// is cut to 31 characters, an empty one is "Sheet", and a name already given (compared ignoring
// case, as Excel does) gets " (2)", " (3)"… within the 31 characters.
std::vector<std::string> unique_sheet_names(const std::vector<std::string>& wanted);

} // namespace formpdf::workbook_writer
