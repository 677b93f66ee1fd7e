#pragma once

#include "load/declaration.h"
#include "load/export_lines.h"
#include "load/form_definition.h"
#include "load/list_table_columns.h"

#include <vector>

namespace formpdf::load {

// The rows of a list table read back from an export or a workbook (docs/import.md, "Lists"): the
// header row of the layout's headings, then one record per row, each cell's text under its
// heading the value of that field, exactly as given. Used by the import by labels
// (export_import.cpp).
class ListTableReader {
public:
    explicit ListTableReader(const ExportSite& site) : site_(site) {}

    // The list whose header row `line` is, or null. A line with every heading of a list in its
    // column and nothing else is its header row; a line with at least half of them is too, with an
    // error at each cell that differs (a heading changed or moved: the columns below cannot be
    // trusted).
    const ListTableColumns* header(const ExportLine& line,
                                   const std::vector<ListTableColumns>& lists,
                                   const FormDefinition& form) const;

    // The rows that follow go into `tree` (the list of the declaration being read, empty).
    void start(const TreeDefinition& list, const ListTableColumns& columns,
               std::vector<Group>& tree);
    // One record. A non-empty cell in a column where the list's rows have no cell is an error,
    // and the row is not read. An empty cell is an empty value, except in a `merge-by` column,
    // where it continues the value of the record above (the export writes a merged cell once)
    // unless a merged column to its left starts a new value in this row.
    void row(const ExportLine& line);

private:
    const ExportSite& site_;
    const TreeDefinition* list_ = nullptr;
    const ListTableColumns* columns_ = nullptr;
    std::vector<Group>* tree_ = nullptr;
};

// Whether `text` is what the layout's `format` template shows: its literal parts in order, any
// text in place of each `{field}`.
bool matches_format(std::string_view text, std::string_view format);

} // namespace formpdf::load
