#include "load/export_import.h"

#include "core/utf8.h"
#include "core/windows_names.h"
#include "load/source_text.h"

#include <algorithm>
#include <map>
#include <optional>

namespace formpdf::load {

namespace {

struct Cell {
    std::string_view text;
    int index = 0; // 0-based column of the table
    int col = 1;   // 1-based character column in the line, for file:line:col
};

struct Line {
    int number = 0;
    std::vector<Cell> cells;
};

// A cell of spaces prints as nothing: it counts as empty, like a cell with no text.
bool is_empty(std::string_view text) {
    return text.find_first_not_of(' ') == std::string_view::npos;
}

int count_code_points(std::string_view text) {
    return static_cast<int>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

Line line_of(const GridRow& row) {
    Line line;
    line.number = row.number;
    line.cells.reserve(row.cells.size());
    int index = 0;
    for (const GridCell& cell : row.cells) {
        line.cells.push_back(Cell{cell.text, index++, cell.col});
    }
    return line;
}

std::vector<const Cell*> nonempty_cells(const Line& line) {
    std::vector<const Cell*> cells;
    for (const Cell& cell : line.cells) {
        if (!is_empty(cell.text)) {
            cells.push_back(&cell);
        }
    }
    return cells;
}

bool is_blank(const Line& line) {
    return nonempty_cells(line).empty();
}

std::string_view cell_at(const Line& line, std::size_t index) {
    return index < line.cells.size() ? line.cells[index].text : std::string_view{};
}

// "项目编码：" and "项目编码" name the same field: exports differ in the colon.
std::string_view without_colon(std::string_view label) {
    while (!label.empty() && label.back() == ' ') {
        label.remove_suffix(1);
    }
    for (const std::string_view colon : {std::string_view("："), std::string_view(":")}) {
        if (label.ends_with(colon)) {
            label.remove_suffix(colon.size());
            break;
        }
    }
    while (!label.empty() && label.front() == ' ') {
        label.remove_prefix(1);
    }
    while (!label.empty() && label.back() == ' ') {
        label.remove_suffix(1);
    }
    return label;
}

bool same_label(std::string_view cell, std::string_view label) {
    return without_colon(cell) == without_colon(label);
}

// "该指标主要考察…" for messages: the first characters of a cell.
std::string shorten(std::string_view text) {
    return quote_excerpt(text, 12);
}

// Where two texts first differ, as "'友' instead of '灰'" (code points).
std::string first_difference(std::string_view actual, std::string_view expected) {
    std::size_t a = 0;
    std::size_t e = 0;
    while (a < actual.size() && e < expected.size()) {
        const std::size_t a_start = a;
        const std::size_t e_start = e;
        char32_t ca = 0;
        char32_t ce = 0;
        decode_utf8(actual, a, ca);
        decode_utf8(expected, e, ce);
        if (ca != ce) {
            return "'" + std::string(actual.substr(a_start, a - a_start)) + "' instead of '" +
                   std::string(expected.substr(e_start, e - e_start)) + "' at character " +
                   std::to_string(count_code_points(actual.substr(0, a_start)) + 1);
        }
    }
    return a < actual.size() ? "it is longer" : "it is shorter";
}

// Which level of the tree's vocabulary a name (without its marker) belongs to: the shallowest one
// at or below `from`, or -1.
class Vocabulary {
public:
    explicit Vocabulary(const TreeDefinition& tree) : tree_(tree) { collect(tree.vocabulary, 0); }

    bool empty() const { return names_.empty(); }

    int level_of(std::string_view cell, int from) const {
        const std::string name(tree_.strip_marker(cell));
        const auto range = names_.equal_range(name);
        int best = -1;
        for (auto it = range.first; it != range.second; ++it) {
            if (it->second >= from && (best < 0 || it->second < best)) {
                best = it->second;
            }
        }
        return best;
    }

    bool is_name(std::string_view cell) const { return level_of(cell, 0) >= 0; }

    bool is_name_at(std::string_view cell, int level) const {
        const std::string name(tree_.strip_marker(cell));
        const auto range = names_.equal_range(name);
        return std::any_of(range.first, range.second,
                           [&](const auto& entry) { return entry.second == level; });
    }

private:
    void collect(const std::vector<VocabularyEntry>& entries, int level) {
        for (const VocabularyEntry& entry : entries) {
            names_.emplace(entry.name, level);
            collect(entry.children, level + 1);
        }
    }

    const TreeDefinition& tree_;
    std::multimap<std::string, int> names_;
};

class ExportReader {
public:
    ExportReader(const CellGrid& grid, const FormDefinition& form, ExportImport& result)
        : grid_(grid), form_(form), result_(result) {}

    void read() {
        for (const GridSheet& sheet : grid_.sheets) {
            sheet_ = &sheet;
            int previous = 0;
            for (const GridRow& row : sheet.rows) {
                if (row.number > previous + 1) {
                    line(Line{previous + 1, {}}); // rows left out of the grid are blank
                }
                line(line_of(row));
                previous = row.number;
            }
            if (in_form_ && footerless()) {
                end_form(last_line_);
            } else if (in_form_) {
                error(form_start_, 1,
                      "the form that starts here has no " + form_.footer_label + " line: the " +
                          (grid_.unit == GridUnit::TextLines ? "export" : "sheet") +
                          " ends before it",
                      "each form of the export runs from its title line to its footer line (" +
                          shorten(form_.footer) + ")");
                in_form_ = false;
            }
            skipping_ = false;
        }
        name_files();
    }

private:
    enum class Phase { Header, Table };

    SourceLoc loc(int line, int col) const { return grid_.loc(*sheet_, line, col); }
    SourceLoc loc(const Line& line, const Cell& cell) const { return loc(line.number, cell.col); }

    void error(int line, int col, std::string message, std::string hint = {}) {
        result_.diagnostics.error(loc(line, col), std::move(message), std::move(hint));
    }
    void warning(int line, int col, std::string message, std::string hint = {}) {
        result_.diagnostics.warning(loc(line, col), std::move(message), std::move(hint));
    }

    TextValue value(const Line& line, const Cell& cell) const {
        return TextValue{std::string(cell.text), loc(line, cell)};
    }

    // A form definition without a footer (the older forms of the family): a form ends at the next
    // title line or at the end of the sheet, and the layout's own text between the labels is
    // passed over.
    bool footerless() const { return form_.footer_label.empty(); }

    bool is_layout_text(std::string_view cell) const {
        return std::find(form_.layout_texts.begin(), form_.layout_texts.end(), cell) !=
               form_.layout_texts.end();
    }

    bool is_footer(const Line& line) const {
        if (footerless()) {
            return false;
        }
        const std::vector<const Cell*> cells = nonempty_cells(line);
        return cells.size() == 1 && cells[0]->index == 0 &&
               cells[0]->text.starts_with(form_.footer_label);
    }

    bool is_title(const Line& line) const {
        const std::vector<const Cell*> cells = nonempty_cells(line);
        return !form_.title.empty() && cells.size() == 1 && cells[0]->index == 0 &&
               cells[0]->text == form_.title;
    }

    void line(const Line& line) {
        if (is_blank(line)) {
            skipping_ = false;
            return;
        }
        if (skipping_) {
            return;
        }
        if (!in_form_) {
            start_form(line);
            last_line_ = line.number;
            return;
        }
        const int previous_line = last_line_;
        const bool after_title = previous_line == form_start_;
        last_line_ = line.number;
        if (is_footer(line)) {
            finish_form(line);
            return;
        }
        if (is_title(line) && footerless()) {
            end_form(previous_line);
            start_form(line);
            last_line_ = line.number;
            return;
        }
        if (is_title(line)) {
            error(form_start_, 1,
                  "the form that starts here has no " + form_.footer_label +
                      " line before the next form's title (" +
                      grid_.row_name(*sheet_, line.number) + ")",
                  "each form of the export runs from its title line to its footer line");
            in_form_ = false;
            start_form(line);
            return;
        }
        if (const TreeDefinition* tree = table_header(line)) {
            start_table(line, *tree);
            return;
        }
        if (footerless() && after_title && subtitle_row(line)) {
            return;
        }
        if (phase_ == Phase::Table && starts_with_new_label(line)) {
            phase_ = Phase::Header; // sign-off fields after the table
        }
        if (phase_ == Phase::Table) {
            table_row(line);
        } else {
            header_row(line);
        }
    }

    void start_form(const Line& line) {
        const std::vector<const Cell*> cells = nonempty_cells(line);
        if (cells.size() != 1 || cells[0]->index != 0) {
            error(line.number, cells[0]->col,
                  "expected the title line of a form, found " + std::to_string(cells.size()) +
                      " cells starting with " + shorten(cells[0]->text),
                  "forms are separated by blank lines and start with their title (" +
                      shorten(form_.title) + "); the lines up to the next blank line are skipped");
            skipping_ = true;
            return;
        }
        in_form_ = true;
        form_start_ = line.number;
        phase_ = Phase::Header;
        tree_ = nullptr;
        path_.clear();
        declaration_ = Declaration{};
        declaration_.file = grid_.file;
        declaration_.loc = loc(line.number, 1);
        declaration_.form = TextValue{form_.id, loc(line.number, 1)};
        if (cells[0]->text != form_.title) {
            warning(line.number, cells[0]->col,
                    "the title differs from the form's standard title: " +
                        first_difference(cells[0]->text, form_.title) +
                        "; it is kept in the declaration",
                    "the declaration's `title` field holds the text, so the print matches the "
                    "export");
            declaration_.fields.emplace_back(std::string(kTitleFieldId), value(line, *cells[0]));
        }
    }

    // The line under the title of the older forms: one cell holding a field's value with its
    // label in it, （2020年度） for the field labelled 年度.
    bool subtitle_row(const Line& line) {
        const std::vector<const Cell*> cells = nonempty_cells(line);
        if (cells.size() != 1 || field_for_label(cells[0]->text)) {
            return false;
        }
        for (const FieldDefinition& field : form_.fields) {
            if (!field.label.empty() && cells[0]->text.find(field.label) != std::string::npos &&
                !declaration_.field(field.id)) {
                declaration_.fields.emplace_back(field.id, value(line, *cells[0]));
                return true;
            }
        }
        return false;
    }

    // A row of the table whose first cell is the label of a field not read yet: the header
    // fields after the table (填表人： | 刘建华 | 联系电话： | …).
    bool starts_with_new_label(const Line& line) const {
        const std::vector<const Cell*> cells = nonempty_cells(line);
        if (cells.empty() || !field_for_label(cells[0]->text)) {
            return false;
        }
        return std::any_of(cells.begin(), cells.end(), [&](const Cell* cell) {
            const FieldDefinition* field = field_for_label(cell->text);
            return field && !declaration_.field(field->id);
        });
    }

    void end_form(int last_line) {
        result_.forms.push_back(ImportedForm{
            std::move(declaration_), form_start_, last_line, {}, sheet_->name, sheet_index()});
        in_form_ = false;
    }

    void finish_form(const Line& line) {
        const Cell& footer = *nonempty_cells(line)[0];
        if (footer.text != form_.footer) {
            warning(line.number, footer.col,
                    "the footer differs from the form's standard text: " +
                        first_difference(footer.text, form_.footer) +
                        "; it is kept in the declaration",
                    "the declaration's `footer` field holds the text, so the print matches the "
                    "export");
            declaration_.fields.emplace_back(std::string(kFooterFieldId), value(line, footer));
        }
        result_.forms.push_back(ImportedForm{
            std::move(declaration_), form_start_, line.number, {}, sheet_->name, sheet_index()});
        in_form_ = false;
    }

    const TreeDefinition* table_header(const Line& line) const {
        for (const TreeDefinition& tree : form_.trees) {
            if (tree.list) {
                continue; // lists of records are not read from exports
            }
            std::vector<std::string_view> labels;
            if (same_label(cell_at(line, 0), tree.label)) {
                labels.push_back(tree.label); // the vertical label left of the table
            }
            for (const LevelDefinition& level : tree.levels) {
                labels.push_back(level.label);
            }
            for (const RowFieldDefinition& field : tree.row_fields) {
                labels.push_back(field.label);
            }
            bool match = true;
            for (std::size_t i = 0; i < std::max(labels.size(), line.cells.size()) && match; ++i) {
                const std::string_view cell = cell_at(line, i);
                match = i < labels.size() ? same_label(cell, labels[i]) : is_empty(cell);
            }
            if (match) {
                return &tree;
            }
        }
        return nullptr;
    }

    void start_table(const Line& line, const TreeDefinition& tree) {
        if (declaration_.tree(tree.id)) {
            error(line.number, 1, "a second '" + tree.label + "' table in the same form",
                  "a form holds each table once; is a footer line missing above?");
        }
        phase_ = Phase::Table;
        tree_ = &tree;
        table_offset_ = same_label(cell_at(line, 0), tree.label) ? 1 : 0;
        path_.clear();
        declaration_.trees.emplace_back(tree.id, std::vector<Group>{});
    }

    const FieldDefinition* field_for_label(std::string_view cell) const {
        for (const FieldDefinition& field : form_.fields) {
            if (same_label(cell, field.label)) {
                return &field;
            }
        }
        return nullptr;
    }

    // `label | value | (merged) | label | value`: each label cell takes the one non-empty cell
    // up to the next label; an empty one is an empty value.
    void header_row(const Line& line) {
        struct Pair {
            const FieldDefinition* field;
            const Cell* label;
            const Cell* value;
        };
        std::vector<Pair> pairs;
        for (const Cell& cell : line.cells) {
            if (is_empty(cell.text)) {
                continue;
            }
            if (const FieldDefinition* field = field_for_label(cell.text)) {
                pairs.push_back(Pair{field, &cell, nullptr});
            } else if (footerless() && is_layout_text(cell.text) &&
                       (pairs.empty() || pairs.back().value)) {
                continue; // the layout's own text (单位：万元, 单位负责人签字：)
            } else if (pairs.empty()) {
                error(line.number, cell.col,
                      "cannot place the cell " + shorten(cell.text) + " (column " +
                          std::to_string(cell.index + 1) + "): it is not a label of the form '" +
                          form_.id + "'",
                      "header rows are label/value pairs (项目编码： | 4403…); the labels are the "
                      "`label`s of the form definition's fields");
                return;
            } else if (pairs.back().value) {
                error(line.number, cell.col,
                      "cannot place the cell " + shorten(cell.text) + " (column " +
                          std::to_string(cell.index + 1) +
                          "): " + shorten(pairs.back().label->text) + " already has the value " +
                          shorten(pairs.back().value->text));
                return;
            } else {
                pairs.back().value = &cell;
            }
        }
        for (const Pair& pair : pairs) {
            const TextValue* read = declaration_.field(pair.field->id);
            if (read && footerless() && read->text == (pair.value ? pair.value->text : "")) {
                continue; // a field the form shows twice (项目负责人 on the sign-off line)
            }
            if (read) {
                error(line.number, pair.label->col,
                      shorten(pair.label->text) + " appears twice in this form",
                      "is the footer line of the form above missing?");
                continue;
            }
            // An empty value is located at the cell after its label.
            const int col =
                pair.value
                    ? pair.value->col
                    : grid_.column_after(GridCell{std::string(pair.label->text), pair.label->col});
            declaration_.fields.emplace_back(pair.field->id,
                                             pair.value ? value(line, *pair.value)
                                                        : TextValue{"", loc(line.number, col)});
        }
    }

    struct PlacedRow {
        std::vector<const Cell*> labels; // one per level; null: continues the group above
        std::vector<const Cell*> fields; // one per row field; null: missing
        bool repaired = false;
    };

    // The row as the export should have written it: level cells, then row field cells, nothing
    // after. Names of the vocabulary must be in their own level's column, a new group must have
    // all the levels below it (a merged cell is written once, at the top of what it spans), and a
    // row's first field is not a level name.
    bool in_place(const Line& line, const Vocabulary& vocabulary) const {
        const std::size_t levels = tree_->levels.size();
        const std::size_t width = levels + tree_->row_fields.size();
        for (std::size_t i = width; i < line.cells.size(); ++i) {
            if (!is_empty(line.cells[i].text)) {
                return false;
            }
        }
        bool group_started = false;
        for (std::size_t k = 0; k < levels; ++k) {
            const std::string_view cell = cell_at(line, k);
            if (is_empty(cell)) {
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

    PlacedRow place_row(const Line& line) {
        const Vocabulary vocabulary(*tree_);
        const std::size_t levels = tree_->levels.size();
        const std::size_t width = tree_->row_fields.size();
        PlacedRow row;
        row.labels.assign(levels, nullptr);
        row.fields.assign(width, nullptr);
        if (vocabulary.empty() || in_place(line, vocabulary)) {
            for (const Cell& cell : line.cells) {
                if (is_empty(cell.text)) {
                    continue;
                }
                const std::size_t index = static_cast<std::size_t>(cell.index);
                if (index < levels) {
                    row.labels[index] = &cell;
                } else if (index < levels + width) {
                    row.fields[index - levels] = &cell;
                } else {
                    error(line.number, cell.col,
                          "cannot place the cell " + shorten(cell.text) + " (column " +
                              std::to_string(cell.index + 1) + "): the " + tree_->label +
                              " table has " + std::to_string(levels + width) + " columns");
                    return {};
                }
            }
            return row;
        }
        // Shifted: the leading names of the vocabulary are the levels, in order; the rest are
        // the row's fields, in order.
        row.repaired = true;
        const std::vector<const Cell*> cells = nonempty_cells(line);
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
                error(line.number, cells[i]->col,
                      "cannot place the cell " + shorten(cells[i]->text) + " (column " +
                          std::to_string(cells[i]->index + 1) +
                          "): this shifted row has more cells than the " + std::to_string(width) +
                          " columns after the indicator names",
                      "the export moved the cells of this row; put them in their columns by hand");
                return {};
            }
            row.fields[field] = cells[i];
        }
        return row;
    }

    void report_repair(const Line& line, const PlacedRow& row) {
        std::string read_as;
        std::string missing;
        int col = 0;
        const std::size_t levels = tree_->levels.size();
        const auto note = [&](const Cell* cell, std::size_t column, const std::string& label) {
            if (!cell) {
                return;
            }
            if (col == 0 && static_cast<std::size_t>(cell->index) != column) {
                col = cell->col;
            }
            read_as += (read_as.empty() ? "" : ", ") + label + " " + shorten(cell->text);
        };
        for (std::size_t k = 0; k < levels; ++k) {
            note(row.labels[k], k, tree_->levels[k].label);
        }
        for (std::size_t f = 0; f < row.fields.size(); ++f) {
            note(row.fields[f], levels + f, tree_->row_fields[f].label);
            if (!row.fields[f]) {
                missing += (missing.empty() ? "" : ", ") + tree_->row_fields[f].label;
            }
        }
        std::string message = "cells shifted by the export; read as " + read_as;
        if (!missing.empty()) {
            message += "; no cell left for " + missing + " (kept empty)";
        }
        // The hint once: the same words on every repaired line would bury the line numbers.
        warning(line.number, col > 0 ? col : 1, std::move(message),
                repair_reported_ ? std::string()
                                 : "the names of the form definition's indicator vocabulary put "
                                   "the cells back in their columns; compare the print with the "
                                   "system");
        repair_reported_ = true;
    }

    Group* group_at(std::size_t depth) {
        std::vector<Group>* groups = &declaration_.trees.back().second;
        Group* group = nullptr;
        for (std::size_t k = 0; k <= depth; ++k) {
            group = &(*groups)[path_[k]];
            groups = &group->groups;
        }
        return group;
    }

    // The row without the column left of the table (the vertical label, written once at its
    // top); null after reporting a text in that column.
    std::optional<Line> in_table(const Line& line) {
        if (table_offset_ == 0) {
            return line;
        }
        Line shifted{line.number, {}};
        for (const Cell& cell : line.cells) {
            if (cell.index >= table_offset_) {
                shifted.cells.push_back(Cell{cell.text, cell.index - table_offset_, cell.col});
            } else if (!is_empty(cell.text)) {
                error(line.number, cell.col,
                      "cannot place the cell " + shorten(cell.text) + " (column " +
                          std::to_string(cell.index + 1) + "): it is under the " + tree_->label +
                          " label, left of the table");
                return std::nullopt;
            }
        }
        return shifted;
    }

    void table_row(const Line& whole_line) {
        const std::optional<Line> table_line = in_table(whole_line);
        if (!table_line) {
            return; // reported
        }
        const Line& line = *table_line;
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
        const Cell* first_cell = nonempty_cells(line)[0];
        if (first > path_.size() || (first == levels && path_.size() < levels)) {
            error(line.number, first_cell->col,
                  "cannot place this row: it has no " + tree_->levels[path_.size()].label +
                      " and there is none above it to continue",
                  "the first row of a group names its " + tree_->levels[path_.size()].label);
            return;
        }
        for (std::size_t k = first; k < levels; ++k) {
            if (!row.labels[k]) {
                error(line.number, row.labels[first]->col,
                      "cannot place this row: it starts a new " + tree_->levels[first].label +
                          " group " + shorten(row.labels[first]->text) + " but has no " +
                          tree_->levels[k].label);
                return;
            }
        }
        if (row.repaired) {
            report_repair(line, row);
        }
        path_.resize(first);
        for (std::size_t k = first; k < levels; ++k) {
            std::vector<Group>& siblings =
                k == 0 ? declaration_.trees.back().second : group_at(k - 1)->groups;
            Group group;
            group.level = tree_->levels[k].id;
            group.label = value(line, *row.labels[k]);
            group.loc = group.label.loc;
            siblings.push_back(std::move(group));
            path_.push_back(siblings.size() - 1);
        }
        Record record;
        record.loc = loc(line.number, first_cell->col);
        for (std::size_t f = 0; f < row.fields.size(); ++f) {
            const Cell* cell = row.fields[f];
            record.fields.emplace_back(tree_->row_fields[f].id,
                                       cell ? value(line, *cell)
                                            : TextValue{"", loc(line.number, first_cell->col)});
        }
        group_at(levels - 1)->records.push_back(std::move(record));
    }

    // "<code>.yaml" by the form's code field; a second form with that file name gets "-2" (names
    // compared ignoring case, as Windows and macOS do, and never a name already given).
    void name_files() {
        const FieldDefinition* code_field = nullptr;
        for (const FieldDefinition& field : form_.fields) {
            if (field.kind == FieldKind::Code) {
                code_field = &field;
                break;
            }
        }
        // lower-case file stem -> where its form starts ("line 12", "row 3 of sheet 表2")
        std::map<std::string, std::string> taken;
        const auto lower = [](std::string text) {
            std::transform(text.begin(), text.end(), text.begin(), ascii_lower);
            return text;
        };
        for (ImportedForm& form : result_.forms) {
            const GridSheet& sheet = grid_.sheets[static_cast<std::size_t>(form.sheet_index)];
            const TextValue* code = code_field ? form.declaration.field(code_field->id) : nullptr;
            const SourceLoc at = code ? code->loc : grid_.loc(sheet, form.first_line, 1);
            std::string stem;
            if (code && is_file_stem(code->text) && !is_windows_device_name(code->text)) {
                stem = code->text;
            } else {
                stem = fallback_stem(form);
                result_.diagnostics.warning(
                    at,
                    std::string(code ? "the code " + shorten(code->text) + " cannot be a file name"
                                     : "the form has no code") +
                        "; its declaration is written as " + stem + ".yaml");
            }
            std::string name = stem;
            for (int n = 2; taken.count(lower(name)) != 0; ++n) {
                name = stem + "-" + std::to_string(n);
            }
            form.file_name = name + ".yaml";
            if (name != stem) {
                result_.diagnostics.warning(
                    at,
                    "the form at " + taken[lower(stem)] + " is written as " + stem +
                        ".yaml (file names ignore case); this one is written as " + form.file_name,
                    "two forms must not share a code: check it in the budget system");
            }
            taken.emplace(lower(name), grid_.row_name(sheet, form.first_line));
        }
    }

    // form-line-12 (a text export), form-row-12 (a workbook's only sheet), form-sheet-2-row-12.
    std::string fallback_stem(const ImportedForm& form) const {
        if (grid_.unit == GridUnit::TextLines) {
            return "form-line-" + std::to_string(form.first_line);
        }
        std::string stem = "form-";
        if (grid_.sheets.size() > 1) {
            stem += "sheet-" + std::to_string(form.sheet_index + 1) + "-";
        }
        return stem + "row-" + std::to_string(form.first_line);
    }

    int sheet_index() const { return static_cast<int>(sheet_ - grid_.sheets.data()); }

    static bool is_file_stem(std::string_view text) {
        return !text.empty() && text.size() <= 100 && text.front() != '.' &&
               std::all_of(text.begin(), text.end(), [](char c) {
                   return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
                          (c >= 'a' && c <= 'z') || c == '-' || c == '_' || c == '.';
               });
    }

    const CellGrid& grid_;
    const GridSheet* sheet_ = nullptr;
    const FormDefinition& form_;
    ExportImport& result_;
    bool in_form_ = false;
    bool skipping_ = false;
    bool repair_reported_ = false;
    int form_start_ = 0;
    int last_line_ = 0;
    int table_offset_ = 0;
    Phase phase_ = Phase::Header;
    const TreeDefinition* tree_ = nullptr;
    std::vector<std::size_t> path_; // indexes of the current group at each level
    Declaration declaration_;
};

} // namespace

ExportImport import_export_grid(const CellGrid& grid, const FormDefinition& form) {
    ExportImport result;
    ExportReader(grid, form, result).read();
    return result;
}

ExportImport import_export_text(std::string_view text, const std::string& file,
                                const FormDefinition& form) {
    text = strip_utf8_bom(text);
    std::size_t bad = 0;
    if (!is_valid_utf8(text, &bad)) {
        ExportImport result;
        const SourceText source(file, std::string(text.substr(0, bad)));
        result.diagnostics.error(source.loc_at(bad), "the export is not UTF-8 text",
                                 "the export may be GBK/GB18030: save it as UTF-8 (e.g. `iconv -f "
                                 "GB18030 -t UTF-8`) and import again");
        return result;
    }
    return import_export_grid(grid_from_tab_text(text, file), form);
}

std::optional<std::string> export_first_title(const CellGrid& grid) {
    for (const GridSheet& sheet : grid.sheets) {
        for (const GridRow& row : sheet.rows) {
            for (const GridCell& cell : row.cells) {
                if (!is_empty(cell.text)) {
                    return cell.text;
                }
            }
        }
    }
    return std::nullopt;
}

std::optional<std::string> export_first_title(std::string_view text) {
    text = strip_utf8_bom(text);
    if (!is_valid_utf8(text)) {
        return std::nullopt;
    }
    return export_first_title(grid_from_tab_text(text, ""));
}

} // namespace formpdf::load
