#pragma once

#include "load/declaration.h"
#include "load/export_lines.h"
#include "load/export_vocabulary.h"
#include "load/form_definition.h"

#include <vector>

namespace formpdf::load {

// The rows of a form's indicator table (a tree): each row's level cells (一级, 二级; empty:
// continue the group above) and its row fields, in the tree's column order. A row whose cells the
// export shifted out of their columns is put back by the tree's vocabulary, with a warning
// (docs/import.md, "Repairs"); a row that cannot be placed is an error. Used by the import by
// labels (export_import.cpp) and by positions (positional_form_reader.h).
class IndicatorTableReader {
public:
    explicit IndicatorTableReader(const ExportSite& site) : site_(site) {}

    // The rows that follow go into `groups` (a tree of the declaration being read).
    void start(const TreeDefinition& tree, std::vector<Group>& groups);
    // One row: cell index k < levels is level k, then the row fields in order.
    void row(const ExportLine& line);

private:
    struct PlacedRow {
        std::vector<const ExportCell*> labels; // one per level; null: continues the group above
        std::vector<const ExportCell*> fields; // one per row field; null: missing
        bool repaired = false;
    };

    bool in_place(const ExportLine& line, const IndicatorVocabulary& vocabulary) const;
    PlacedRow place_row(const ExportLine& line);
    void report_repair(const ExportLine& line, const PlacedRow& row);
    Group* group_at(std::size_t depth);

    const ExportSite& site_;
    const TreeDefinition* tree_ = nullptr;
    std::vector<Group>* groups_ = nullptr;
    std::vector<std::size_t> path_; // indexes of the current group at each level
    bool repair_reported_ = false;  // the repair hint is given once per import
};

} // namespace formpdf::load
