#pragma once

#include "load/layout_spec.h"

#include <map>
#include <set>
#include <string>

namespace formpdf::load {

// Which of a declaration's values a layout puts on the page: the header fields that a title or
// paragraph block (`field:`) or a static table cell (`field:` or a `{field}` template) shows, and
// for each tree that a group row shows, its row fields and whether its group names are printed
// (a group row with `levels:`). The bookmark and the PDF's title are not on the page, so a field
// only they use is not counted. A value outside these is in the declaration but not in the print.
struct PrintedFields {
    struct Tree {
        std::set<std::string> row_fields;
        std::size_t levels = 0; // the group levels printed (the most of any group row of it)
    };
    std::set<std::string> fields;
    std::map<std::string, Tree> trees;

    bool shows_field(const std::string& id) const { return fields.count(id) > 0; }
    const Tree* tree(const std::string& id) const;
};

PrintedFields printed_fields(const LayoutSpec& layout);

} // namespace formpdf::load
