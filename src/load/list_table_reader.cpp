#include "load/list_table_reader.h"

#include "core/messages.h"
#include "load/format_template.h"

#include <algorithm>

namespace formpdf::load {

namespace {

bool heading_matches(std::string_view cell, const ListHeading& heading) {
    return heading.format ? matches_format(cell, heading.text) : cell == heading.text;
}

// "单位 | 项目 | 预算数（元）": the layout's header row, for hints.
std::string headings_text(const ListTableColumns& list) {
    std::string text;
    for (const ListHeading& heading : list.headings) {
        text += (text.empty() ? "" : " | ") + heading.text;
    }
    return text;
}

std::string list_name(const FormDefinition& form, const std::string& id) {
    const TreeDefinition* list = form.find_tree(id);
    return list && !list->label.empty() ? list->label : id;
}

} // namespace

bool matches_format(std::string_view text, std::string_view format) {
    std::vector<std::string_view> literals{""}; // the parts between the placeholders
    for_each_template_part(
        format, [&](std::string_view text) { literals.back() = text; },
        [&](std::string_view) { literals.emplace_back(); });
    if (literals.size() == 1) {
        return text == literals.front();
    }
    if (!text.starts_with(literals.front())) {
        return false;
    }
    std::size_t at = literals.front().size();
    for (std::size_t i = 1; i + 1 < literals.size(); ++i) {
        const std::size_t found = text.find(literals[i], at);
        if (found == std::string_view::npos) {
            return false;
        }
        at = found + literals[i].size();
    }
    return text.size() >= at + literals.back().size() && text.ends_with(literals.back());
}

const ListTableColumns* ListTableReader::header(const ExportLine& line,
                                                const std::vector<ListTableColumns>& lists,
                                                const FormDefinition& form) const {
    for (const ListTableColumns& list : lists) {
        if (list.headings.empty()) {
            continue; // no header row: the list cannot be found by its labels
        }
        std::size_t matched = 0;
        for (const ListHeading& heading : list.headings) {
            matched +=
                heading_matches(cell_at(line, static_cast<std::size_t>(heading.column)), heading)
                    ? 1
                    : 0;
        }
        const auto is_heading_column = [&](int column) {
            return std::any_of(list.headings.begin(), list.headings.end(),
                               [&](const ListHeading& h) { return h.column == column; });
        };
        const bool extra = std::any_of(line.cells.begin(), line.cells.end(), [&](const auto& c) {
            return !is_empty_cell(c.text) && !is_heading_column(c.index);
        });
        if (matched == list.headings.size() && !extra) {
            return &list;
        }
        if (list.headings.size() < 2 || matched * 2 < list.headings.size()) {
            continue;
        }
        // Half the headings or more: this is the list's header row, changed.
        const std::string name = list_name(form, list.list);
        const std::string hint = tr("the rows of a list are read by the columns of its header "
                                    "row, which holds the layout's headings: {0}",
                                    {headings_text(list)});
        for (const ListHeading& heading : list.headings) {
            const std::string_view found = cell_at(line, static_cast<std::size_t>(heading.column));
            if (!heading_matches(found, heading)) {
                site_.error(
                    line.number, site_.col_of(line, static_cast<std::size_t>(heading.column)),
                    tr("expected the heading {0} of the list '{1}' here, found {2}",
                       {shorten(heading.text), name,
                        is_empty_cell(found) ? std::string(tr("an empty cell")) : shorten(found)}),
                    hint);
            }
        }
        for (const ExportCell& cell : line.cells) {
            if (!is_empty_cell(cell.text) && !is_heading_column(cell.index)) {
                site_.error(line.number, cell.col,
                            tr("cannot place the cell {0} (column {1}): the header row of the "
                               "list '{2}' has no heading there",
                               {shorten(cell.text), std::to_string(cell.index + 1), name}),
                            hint);
            }
        }
        return &list;
    }
    return nullptr;
}

void ListTableReader::start(const TreeDefinition& list, const ListTableColumns& columns,
                            std::vector<Group>& tree) {
    list_ = &list;
    columns_ = &columns;
    tree_ = &tree;
}

void ListTableReader::row(const ExportLine& line) {
    const std::vector<ListColumn>& columns = columns_->columns;
    std::vector<const ExportCell*> cells(columns.size(), nullptr);
    bool placed = true;
    for (const ExportCell& cell : line.cells) {
        if (is_empty_cell(cell.text)) {
            continue;
        }
        const auto it = std::find_if(columns.begin(), columns.end(),
                                     [&](const ListColumn& c) { return c.column == cell.index; });
        if (it == columns.end()) {
            site_.error(line.number, cell.col,
                        tr("cannot place the cell {0} (column {1}): the rows of the list '{2}' "
                           "have no cell in that column",
                           {shorten(cell.text), std::to_string(cell.index + 1), list_->label}),
                        tr("each row of a list is one record, each of its cells under a heading "
                           "of the header row ({0}); a cell merged across columns is read in "
                           "its first column",
                           {headings_text(*columns_)}));
            placed = false;
            continue;
        }
        cells[static_cast<std::size_t>(it - columns.begin())] = &cell;
    }
    if (!placed) {
        return;
    }
    if (tree_->empty()) {
        Group records; // a list's records, under one group without a level (declaration.h)
        records.loc = site_.loc(line.number, 1);
        tree_->push_back(std::move(records));
    }
    std::vector<Record>& records = tree_->back().records;
    const Record* above = records.empty() ? nullptr : &records.back();
    // Each column's value, left to right: a merged column continues the record above while no
    // merged column to its left starts a new value in this row.
    std::vector<TextValue> values;
    bool continuing = above != nullptr;
    for (std::size_t k = 0; k < columns.size(); ++k) {
        const SourceLoc at =
            site_.loc(line.number, site_.col_of(line, static_cast<std::size_t>(columns[k].column)));
        if (cells[k]) {
            values.push_back(site_.value(line, *cells[k]));
            continuing = continuing && !columns[k].merged;
        } else if (columns[k].merged && continuing) {
            const TextValue* value = above->find(columns[k].field);
            values.push_back(TextValue{value ? value->text : std::string(), at});
        } else {
            values.push_back(TextValue{"", at});
        }
    }
    Record record;
    const auto first = std::find_if(cells.begin(), cells.end(), [](auto* c) { return c; });
    record.loc = site_.loc(line.number, first != cells.end() ? (*first)->col : 1);
    // The fields in the list definition's order, then any other column's.
    std::vector<bool> taken(columns.size(), false);
    const auto take = [&](std::size_t k) {
        taken[k] = true;
        record.fields.emplace_back(columns[k].field, std::move(values[k]));
    };
    for (const RowFieldDefinition& field : list_->row_fields) {
        for (std::size_t k = 0; k < columns.size(); ++k) {
            if (!taken[k] && columns[k].field == field.id) {
                take(k);
                break;
            }
        }
    }
    for (std::size_t k = 0; k < columns.size(); ++k) {
        if (!taken[k]) {
            take(k);
        }
    }
    records.push_back(std::move(record));
}

} // namespace formpdf::load
