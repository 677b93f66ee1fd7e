#include "load/positional_form_reader.h"

#include "core/messages.h"

#include <algorithm>
#include <map>
#include <optional>

namespace formpdf::load {

namespace {

// Translated with tr() where it is given.
constexpr const char* kPositionsHint =
    N_("this form is read by the positions of its layout's cells (docs/import.md, \"Forms read "
       "by position\"): rows may be inserted among the indicator rows only");

bool is_form_text_field(const std::string& field) {
    return field == kTitleFieldId || field == kFooterFieldId; // read with the title/footer line
}

class PositionalFormReader {
public:
    PositionalFormReader(const std::vector<ExportLine>& lines, const FormDefinition& form,
                         const FormCellPositions& positions, const ExportSite& site,
                         IndicatorTableReader& table, Declaration& declaration)
        : lines_(lines), form_(form), positions_(positions), site_(site), table_(table),
          declaration_(declaration) {}

    void read() {
        title_row_ = lines_.front().number;
        for (const ExportLine& line : lines_) {
            by_row_[line.number - title_row_] = &line;
        }
        if (positions_.has_group) {
            const TreeDefinition* tree = form_.find_tree(positions_.group.tree);
            const std::optional<int> end = find_rows_below();
            if (!tree || !end) {
                return; // reported
            }
            rows_below_start_ = *end;
            declaration_.trees.emplace_back(tree->id, std::vector<Group>{});
            table_.start(*tree, declaration_.trees.back().second);
            tree_ = tree;
        }
        for (const ExportLine& line : lines_) {
            const int row = line.number - title_row_;
            if (!positions_.has_group || row < positions_.rows_above) {
                fixed_row(line, positions_.above, row, positions_.rows_above);
            } else if (row < rows_below_start_) {
                group_row(line);
            } else {
                fixed_row(line, positions_.below, row - rows_below_start_, positions_.rows_below);
            }
        }
        check_layout_texts(positions_.above, 0);
        check_layout_texts(positions_.below, rows_below_start_);
        add_empty_fields(positions_.above, 0);
        add_empty_fields(positions_.below, rows_below_start_);
        order_fields();
    }

private:
    const ExportLine* line_at(int row) const {
        const auto it = by_row_.find(row);
        return it == by_row_.end() ? nullptr : it->second;
    }

    std::string_view text_at(int row, int column) const {
        const ExportLine* line = line_at(row);
        return line ? cell_at(*line, static_cast<std::size_t>(column)) : std::string_view{};
    }

    SourceLoc loc_at(int row, int column) const {
        return site_.loc(title_row_ + row, loc_col(row, column));
    }

    // The first row below the group rows: the rows below start with the first row after the rows
    // above that shows the layout texts of the first text row below (合计), at their columns.
    std::optional<int> find_rows_below() const {
        if (positions_.rows_below == 0) {
            return lines_.back().number - title_row_ + 1;
        }
        const auto text_row = std::find_if(positions_.below.begin(), positions_.below.end(),
                                           [](const PositionedCell& c) { return !c.text.empty(); });
        if (text_row == positions_.below.end()) {
            // No text below: the rows below are the form's last rows.
            return lines_.back().number - title_row_ + 1 - positions_.rows_below;
        }
        const int anchor = text_row->row;
        for (const ExportLine& line : lines_) {
            const int row = line.number - title_row_;
            if (row < positions_.rows_above + anchor) {
                continue;
            }
            const bool matches = std::all_of(
                positions_.below.begin(), positions_.below.end(), [&](const PositionedCell& c) {
                    return c.row != anchor || c.text.empty() ||
                           cell_at(line, static_cast<std::size_t>(c.column)) == c.text;
                });
            if (matches) {
                return row - anchor;
            }
        }
        const ExportLine& last = lines_.back();
        site_.error(last.number, 1,
                    tr("the form ends without the row {0} below its {1} rows",
                       {shorten(text_row->text), form_.find_tree(positions_.group.tree)->label}),
                    tr(kPositionsHint));
        return std::nullopt;
    }

    const PositionedCell* cell_of(const std::vector<PositionedCell>& cells, int row,
                                  int column) const {
        const auto it = std::find_if(cells.begin(), cells.end(), [&](const PositionedCell& c) {
            return c.row == row && c.column == column;
        });
        return it == cells.end() ? nullptr : &*it;
    }

    void fixed_row(const ExportLine& line, const std::vector<PositionedCell>& cells, int row,
                   int rows) {
        for (const ExportCell& cell : line.cells) {
            if (is_empty_cell(cell.text)) {
                continue;
            }
            const PositionedCell* at = row < rows ? cell_of(cells, row, cell.index) : nullptr;
            if (!at) {
                site_.error(line.number, cell.col,
                            tr("cannot place the cell {0} (column {1}): the layout of the form "
                               "'{2}' has no cell there",
                               {shorten(cell.text), std::to_string(cell.index + 1), form_.id}),
                            tr(kPositionsHint));
                continue;
            }
            if (!at->text.empty() || is_form_text_field(at->field)) {
                continue; // the layout's text: check_layout_texts(); the title: read already
            }
            const TextValue value = site_.value(line, cell);
            if (const TextValue* read = declaration_.field(at->field)) {
                if (read->text != value.text) {
                    site_.error(
                        line.number, cell.col,
                        tr("the form shows {0} twice, with two values: {1} and here {2}",
                           {field_name(at->field), shorten(read->text), shorten(value.text)}),
                        tr("the value is read once; make the two the same"));
                }
                continue;
            }
            declaration_.fields.emplace_back(at->field, value);
        }
    }

    std::string field_name(const std::string& id) const {
        const FieldDefinition* field = form_.find_field(id);
        return field && !field->label.empty() ? shorten(field->label) : "'" + id + "'";
    }

    // The indicator row, its cells in the tree's order: level columns, then row field columns.
    void group_row(const ExportLine& line) {
        const GroupRowColumns& columns = positions_.group;
        const std::size_t levels = columns.level_columns.size();
        ExportLine ordered{line.number, {}};
        ordered.cells.resize(levels + columns.field_columns.size());
        for (std::size_t i = 0; i < ordered.cells.size(); ++i) {
            ordered.cells[i].index = static_cast<int>(i);
        }
        for (const ExportCell& cell : line.cells) {
            if (is_empty_cell(cell.text)) {
                continue;
            }
            const auto find = [&](const std::vector<int>& in) {
                return static_cast<std::size_t>(std::find(in.begin(), in.end(), cell.index) -
                                                in.begin());
            };
            std::size_t index = find(columns.level_columns);
            if (index == levels) {
                index = levels + find(columns.field_columns);
            }
            if (index >= ordered.cells.size()) {
                site_.error(line.number, cell.col,
                            tr("cannot place the cell {0} (column {1}): the {2} rows have no "
                               "cell in that column",
                               {shorten(cell.text), std::to_string(cell.index + 1), tree_->label}),
                            tr(kPositionsHint));
                return;
            }
            ordered.cells[index] = ExportCell{cell.text, static_cast<int>(index), cell.col};
        }
        table_.row(ordered);
    }

    // Each layout text where the layout has it: a text elsewhere (or none) means the rows moved.
    void check_layout_texts(const std::vector<PositionedCell>& cells, int first_row) {
        for (const PositionedCell& cell : cells) {
            const int row = first_row + cell.row;
            const std::string_view found = text_at(row, cell.column);
            if (cell.text.empty() || found == cell.text) {
                continue;
            }
            site_.error(
                title_row_ + row, loc_col(row, cell.column),
                tr("expected the layout's text {0} here, found {1}",
                   {shorten(cell.text),
                    is_empty_cell(found) ? std::string(tr("an empty cell")) : shorten(found)}),
                tr(kPositionsHint));
        }
    }

    int loc_col(int row, int column) const {
        const ExportLine* line = line_at(row);
        const ExportLine blank{title_row_ + row, {}};
        return site_.col_of(line ? *line : blank, static_cast<std::size_t>(column));
    }

    // A field whose cell is empty is in the declaration, empty, located at its cell.
    void add_empty_fields(const std::vector<PositionedCell>& cells, int first_row) {
        for (const PositionedCell& cell : cells) {
            if (cell.field.empty() || is_form_text_field(cell.field) ||
                declaration_.field(cell.field)) {
                continue;
            }
            declaration_.fields.emplace_back(
                cell.field, TextValue{"", loc_at(first_row + cell.row, cell.column)});
        }
    }

    // The form definition's order (the title first, when it differs from the standard one).
    void order_fields() {
        const auto rank = [&](const std::string& id) {
            if (is_form_text_field(id)) {
                return -1;
            }
            const auto it =
                std::find_if(form_.fields.begin(), form_.fields.end(),
                             [&](const FieldDefinition& field) { return field.id == id; });
            return static_cast<int>(it - form_.fields.begin());
        };
        std::stable_sort(
            declaration_.fields.begin(), declaration_.fields.end(),
            [&](const auto& a, const auto& b) { return rank(a.first) < rank(b.first); });
    }

    const std::vector<ExportLine>& lines_;
    const FormDefinition& form_;
    const FormCellPositions& positions_;
    const ExportSite& site_;
    IndicatorTableReader& table_;
    Declaration& declaration_;
    const TreeDefinition* tree_ = nullptr;
    int title_row_ = 0;
    int rows_below_start_ = 0;
    std::map<int, const ExportLine*> by_row_;
};

} // namespace

void read_form_by_positions(const std::vector<ExportLine>& lines, const FormDefinition& form,
                            const FormCellPositions& positions, const ExportSite& site,
                            IndicatorTableReader& table, Declaration& declaration) {
    if (lines.empty()) {
        return;
    }
    PositionalFormReader(lines, form, positions, site, table, declaration).read();
}

} // namespace formpdf::load
