#pragma once

#include <map>
#include <string>
#include <string_view>

namespace formpdf::pdf {

// A rectangle a layout named (a table cell with `name:`), as the PDF records it: a named
// destination [page /FitR left bottom right top] (docs/layout-format.md, docs/signing.md).
struct NamedRect {
    int page_index = 0; // 0-based
    double left_pt = 0;
    double bottom_pt = 0;
    double width_pt = 0;
    double height_pt = 0;
    double page_height_pt = 0; // of its page's MediaBox, to measure from the top
};

// The named destinations of a PDF that are rectangles (/FitR), by name: the catalog's /Names
// /Dests name tree (and an old-style catalog /Dests dictionary). Throws DiagnosticError (at
// file_name) for a file that is not a PDF, is encrypted or is damaged.
std::map<std::string, NamedRect> read_named_boxes(std::string_view pdf,
                                                  const std::string& file_name);

} // namespace formpdf::pdf
