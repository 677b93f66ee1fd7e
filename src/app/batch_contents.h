#pragma once

#include "load/declaration.h"

#include <string>
#include <vector>

namespace formpdf::app {

// One line of a batch's table of contents.
struct ContentsEntry {
    std::string code;
    std::string name;
    std::string amount;
    int page = 0;   // the form's first page, as the viewer labels it (1-based, after the contents)
    int errors = 0; // errors `formpdf check` finds in it: the form was printed as written
    // Other fields of the form's declaration that the contents layout shows (`{field: id}` in
    // its `entries` row), id → value.
    std::vector<std::pair<std::string, std::string>> fields;
};

// The contents page's data as a declaration of layouts/batch-contents.yaml, so that the contents
// page is laid out by the same engine as the forms and its look is a layout file: fields `unit`
// (the unit's name, or empty), `summary` ("共41份", "共41份，其中3份有错误"), `missing` (the forms
// that failed, one per line, or empty), `amount_total` (the 合计 of the amounts, added exactly;
// empty when an amount is not a number), and the tree `entries`: one record per form with seq,
// code, name, amount, page, check ("有错误" for a form printed with errors, else empty), and the
// entry's other `fields`.
load::Declaration contents_declaration(const std::vector<ContentsEntry>& entries,
                                       const std::string& unit,
                                       const std::vector<std::string>& missing);

} // namespace formpdf::app
