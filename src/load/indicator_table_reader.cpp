#include "load/indicator_table_reader.h"

#include "core/messages.h"

namespace formpdf::load {

void IndicatorTableReader::start(const TreeDefinition& tree, std::vector<Group>& groups) {
    tree_ = &tree;
    groups_ = &groups;
    path_.clear();
}

// The row as the export should have written it: level cells, then row field cells, nothing
// after. Names of the vocabulary must be in their own level's column, a new group must have all
// the levels below it (a merged cell is written once, at the top of what it spans), and a row's
// first field is not a level name.
bool IndicatorTableReader::in_place(const ExportLine& line,
                                    const IndicatorVocabulary& vocabulary) const {
    const std::size_t levels = tree_->levels.size();
    const std::size_t width = levels + tree_->row_fields.size();
    for (std::size_t i = width; i < line.cells.size(); ++i) {
        if (!is_empty_cell(line.cells[i].text)) {
            return false;
        }
    }
    bool group_started = false;
    for (std::size_t k = 0; k < levels; ++k) {
        const std::string_view cell = cell_at(line, k);
        if (is_empty_cell(cell)) {
            if (group_started) {
                return false;
            }
            continue;
        }
        group_started = true;
        if (vocabulary.is_name(cell) && !vocabulary.is_name_at(cell, static_cast<int>(k))) {
            return false;
        }
    }
    return !vocabulary.is_name(cell_at(line, levels));
}

IndicatorTableReader::PlacedRow IndicatorTableReader::place_row(const ExportLine& line) {
    const IndicatorVocabulary vocabulary(*tree_);
    const std::size_t levels = tree_->levels.size();
    const std::size_t width = tree_->row_fields.size();
    PlacedRow row;
    row.labels.assign(levels, nullptr);
    row.fields.assign(width, nullptr);
    if (vocabulary.empty() || in_place(line, vocabulary)) {
        for (const ExportCell& cell : line.cells) {
            if (is_empty_cell(cell.text)) {
                continue;
            }
            const std::size_t index = static_cast<std::size_t>(cell.index);
            if (index < levels) {
                row.labels[index] = &cell;
            } else if (index < levels + width) {
                row.fields[index - levels] = &cell;
            } else {
                site_.error(line.number, cell.col,
                            tr("cannot place the cell {0} (column {1}): the {2} table has {3} "
                               "columns",
                               {shorten(cell.text), std::to_string(cell.index + 1), tree_->label,
                                std::to_string(levels + width)}));
                return {};
            }
        }
        return row;
    }
    // Shifted: the leading names of the vocabulary are the levels, in order; the rest are the
    // row's fields, in order.
    row.repaired = true;
    const std::vector<const ExportCell*> cells = nonempty_cells(line);
    std::size_t i = 0;
    int next_level = 0;
    for (; i < cells.size() && next_level < static_cast<int>(levels); ++i) {
        const int level = vocabulary.level_of(cells[i]->text, next_level);
        if (level < 0) {
            break;
        }
        row.labels[static_cast<std::size_t>(level)] = cells[i];
        next_level = level + 1;
    }
    for (std::size_t field = 0; i < cells.size(); ++i, ++field) {
        if (field >= width) {
            site_.error(line.number, cells[i]->col,
                        tr("cannot place the cell {0} (column {1}): this shifted row has more "
                           "cells than the {2} columns after the indicator names",
                           {shorten(cells[i]->text), std::to_string(cells[i]->index + 1),
                            std::to_string(width)}),
                        tr("the export moved the cells of this row; put them in their columns by "
                           "hand"));
            return {};
        }
        row.fields[field] = cells[i];
    }
    return row;
}

void IndicatorTableReader::report_repair(const ExportLine& line, const PlacedRow& row) {
    std::string read_as;
    std::string missing;
    int col = 0;
    const std::size_t levels = tree_->levels.size();
    const auto note = [&](const ExportCell* cell, std::size_t column, const std::string& label) {
        if (!cell) {
            return;
        }
        if (col == 0 && static_cast<std::size_t>(cell->index) != column) {
            col = cell->col;
        }
        read_as += (read_as.empty() ? "" : tr(", ")) + label + " " + shorten(cell->text);
    };
    for (std::size_t k = 0; k < levels; ++k) {
        note(row.labels[k], k, tree_->levels[k].label);
    }
    for (std::size_t f = 0; f < row.fields.size(); ++f) {
        note(row.fields[f], levels + f, tree_->row_fields[f].label);
        if (!row.fields[f]) {
            missing += (missing.empty() ? "" : tr(", ")) + tree_->row_fields[f].label;
        }
    }
    std::string message = tr("cells shifted by the export; read as {0}", {read_as});
    if (!missing.empty()) {
        message += tr("; no cell left for {0} (kept empty)", {missing});
    }
    // The hint once: the same words on every repaired line would bury the line numbers.
    site_.warning(line.number, col > 0 ? col : 1, std::move(message),
                  repair_reported_
                      ? std::string()
                      : std::string(tr("the names of the form definition's indicator vocabulary "
                                       "put the cells back in their columns; compare the print "
                                       "with the system")));
    repair_reported_ = true;
}

Group* IndicatorTableReader::group_at(std::size_t depth) {
    std::vector<Group>* groups = groups_;
    Group* group = nullptr;
    for (std::size_t k = 0; k <= depth; ++k) {
        group = &(*groups)[path_[k]];
        groups = &group->groups;
    }
    return group;
}

void IndicatorTableReader::row(const ExportLine& line) {
    const PlacedRow row = place_row(line);
    if (row.labels.empty()) {
        return; // reported
    }
    const std::size_t levels = tree_->levels.size();
    std::size_t first = levels;
    for (std::size_t k = 0; k < levels; ++k) {
        if (row.labels[k]) {
            first = k;
            break;
        }
    }
    const ExportCell* first_cell = nonempty_cells(line)[0];
    if (first > path_.size() || (first == levels && path_.size() < levels)) {
        site_.error(
            line.number, first_cell->col,
            tr("cannot place this row: it has no {0} and there is none above it to "
               "continue",
               {tree_->levels[path_.size()].label}),
            tr("the first row of a group names its {0}", {tree_->levels[path_.size()].label}));
        return;
    }
    for (std::size_t k = first; k < levels; ++k) {
        if (!row.labels[k]) {
            site_.error(line.number, row.labels[first]->col,
                        tr("cannot place this row: it starts a new {0} group {1} but has no {2}",
                           {tree_->levels[first].label, shorten(row.labels[first]->text),
                            tree_->levels[k].label}));
            return;
        }
    }
    if (row.repaired) {
        report_repair(line, row);
    }
    path_.resize(first);
    for (std::size_t k = first; k < levels; ++k) {
        std::vector<Group>& siblings = k == 0 ? *groups_ : group_at(k - 1)->groups;
        Group group;
        group.level = tree_->levels[k].id;
        group.label = site_.value(line, *row.labels[k]);
        group.loc = group.label.loc;
        siblings.push_back(std::move(group));
        path_.push_back(siblings.size() - 1);
    }
    Record record;
    record.loc = site_.loc(line.number, first_cell->col);
    for (std::size_t f = 0; f < row.fields.size(); ++f) {
        const ExportCell* cell = row.fields[f];
        record.fields.emplace_back(tree_->row_fields[f].id,
                                   cell ? site_.value(line, *cell)
                                        : TextValue{"", site_.loc(line.number, first_cell->col)});
    }
    group_at(levels - 1)->records.push_back(std::move(record));
}

} // namespace formpdf::load
