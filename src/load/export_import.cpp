#include "load/export_import.h"

#include "core/messages.h"
#include "core/utf8.h"
#include "core/windows_names.h"
#include "load/export_lines.h"
#include "load/export_vocabulary.h"
#include "load/indicator_table_reader.h"
#include "load/list_table_reader.h"
#include "load/positional_form_reader.h"
#include "load/source_text.h"

#include <algorithm>
#include <map>
#include <optional>

namespace formpdf::load {

namespace {

using Cell = ExportCell;
using Line = ExportLine;

bool is_empty(std::string_view text) {
    return is_empty_cell(text);
}

class ExportReader {
public:
    ExportReader(const CellGrid& grid, const FormDefinition& form,
                 const FormCellPositions* positions, const std::vector<ListTableColumns>& lists,
                 const WorkbookCellTexts* workbook, ExportImport& result)
        : grid_(grid), form_(form), positions_(positions), lists_(lists), workbook_(workbook),
          result_(result), site_(grid, result.diagnostics), table_reader_(site_),
          list_reader_(site_) {}

    void read() {
        for (const GridSheet& sheet : grid_.sheets) {
            sheet_ = &sheet;
            site_.set_sheet(sheet);
            int previous = 0;
            for (const GridRow& row : sheet.rows) {
                if (row.number > previous + 1) {
                    line(Line{previous + 1, {}}); // rows left out of the grid are blank
                }
                line(export_line_of(row));
                previous = row.number;
            }
            if (in_form_ && footerless()) {
                end_form(last_line_);
            } else if (in_form_) {
                error(form_start_, 1,
                      grid_.unit == GridUnit::TextLines
                          ? tr("the form that starts here has no {0} line: the export ends "
                               "before it",
                               {form_.footer_label})
                          : tr("the form that starts here has no {0} line: the sheet ends "
                               "before it",
                               {form_.footer_label}),
                      tr("each form of the export runs from its title line to its footer line "
                         "({0})",
                         {shorten(form_.footer)}));
                in_form_ = false;
            }
            skipping_ = false;
        }
        name_files();
    }

private:
    enum class Phase { Header, Table, List };

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
                  tr("the form that starts here has no {0} line before the next form's title "
                     "({1})",
                     {form_.footer_label, grid_.row_name(*sheet_, line.number)}),
                  tr("each form of the export runs from its title line to its footer line"));
            in_form_ = false;
            start_form(line);
            return;
        }
        if (positions_) {
            form_lines_.push_back(line); // read when the form ends
            return;
        }
        if (const TreeDefinition* tree = table_header(line)) {
            start_table(line, *tree);
            return;
        }
        if (const ListTableColumns* list = list_reader_.header(line, lists_, form_)) {
            start_list(line, *list);
            return;
        }
        if (footerless() && after_title && subtitle_row(line)) {
            return;
        }
        if (phase_ == Phase::Table && starts_with_new_label(line)) {
            phase_ = Phase::Header; // sign-off fields after the table
        }
        if (phase_ == Phase::List && starts_with_form_text(line)) {
            phase_ = Phase::Header; // the rows after the list (合计, 项目绩效目标)
        }
        if (phase_ == Phase::Table) {
            table_row(line);
        } else if (phase_ == Phase::List) {
            list_reader_.row(line);
        } else {
            header_row(line);
        }
    }

    void start_form(const Line& line) {
        const std::vector<const Cell*> cells = nonempty_cells(line);
        if (cells.size() != 1 || cells[0]->index != 0) {
            error(line.number, cells[0]->col,
                  tr("expected the title line of a form, found {0} cells starting with {1}",
                     {std::to_string(cells.size()), shorten(cells[0]->text)}),
                  tr("forms are separated by blank lines and start with their title ({0}); the "
                     "lines up to the next blank line are skipped",
                     {shorten(form_.title)}));
            skipping_ = true;
            return;
        }
        in_form_ = true;
        form_start_ = line.number;
        form_lines_.assign(1, line);
        phase_ = Phase::Header;
        tree_ = nullptr;
        declaration_ = Declaration{};
        declaration_.file = grid_.file;
        declaration_.loc = loc(line.number, 1);
        declaration_.form = TextValue{form_.id, loc(line.number, 1)};
        if (cells[0]->text != form_.title) {
            warning(line.number, cells[0]->col,
                    tr("the title differs from the form's standard title: {0}; it is kept in "
                       "the declaration",
                       {first_difference(cells[0]->text, form_.title)}),
                    tr("the declaration's `title` field holds the text, so the print matches the "
                       "export"));
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

    // A form read by position is read when all its lines are there: the indicator rows end where
    // the rows below them start.
    void read_by_positions() {
        if (positions_) {
            read_form_by_positions(form_lines_, form_, *positions_, site_, table_reader_,
                                   declaration_);
            form_lines_.clear();
        }
    }

    void end_form(int last_line) {
        read_by_positions();
        result_.forms.push_back(ImportedForm{
            std::move(declaration_), form_start_, last_line, {}, sheet_->name, sheet_index()});
        in_form_ = false;
    }

    void finish_form(const Line& line) {
        const Cell& footer = *nonempty_cells(line)[0];
        if (footer.text != form_.footer) {
            warning(line.number, footer.col,
                    tr("the footer differs from the form's standard text: {0}; it is kept in "
                       "the declaration",
                       {first_difference(footer.text, form_.footer)}),
                    tr("the declaration's `footer` field holds the text, so the print matches "
                       "the export"));
            declaration_.fields.emplace_back(std::string(kFooterFieldId), value(line, footer));
        }
        read_by_positions();
        result_.forms.push_back(ImportedForm{
            std::move(declaration_), form_start_, line.number, {}, sheet_->name, sheet_index()});
        in_form_ = false;
    }

    const TreeDefinition* table_header(const Line& line) const {
        for (const TreeDefinition& tree : form_.trees) {
            if (tree.list) {
                continue; // a list is found by its header row (list_table_reader.h)
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
            error(line.number, 1, tr("a second '{0}' table in the same form", {tree.label}),
                  tr("a form holds each table once; is a footer line missing above?"));
        }
        phase_ = Phase::Table;
        tree_ = &tree;
        table_offset_ = same_label(cell_at(line, 0), tree.label) ? 1 : 0;
        declaration_.trees.emplace_back(tree.id, std::vector<Group>{});
        table_reader_.start(tree, declaration_.trees.back().second);
    }

    // The rows of a list table follow its header row. A row whose first cell is a field's label
    // or one of the layout's own texts is not a record: the list ends above it.
    void start_list(const Line& line, const ListTableColumns& list) {
        const TreeDefinition* definition = form_.find_tree(list.list);
        if (!definition) {
            return; // the layout was checked against its form: not reached
        }
        if (declaration_.tree(list.list)) {
            error(line.number, 1, tr("a second '{0}' table in the same form", {definition->label}),
                  tr("a form holds each table once; is a footer line missing above?"));
        }
        phase_ = Phase::List;
        declaration_.trees.emplace_back(list.list, std::vector<Group>{});
        list_reader_.start(*definition, list, declaration_.trees.back().second);
    }

    bool starts_with_form_text(const Line& line) const {
        const std::vector<const Cell*> cells = nonempty_cells(line);
        return !cells.empty() &&
               (field_for_label(cells[0]->text) != nullptr || is_layout_text(cells[0]->text));
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
            } else if (workbook_ && workbook_->is_static(cell.text) &&
                       !(!pairs.empty() && !pairs.back().value &&
                         cell.col == value_column(line, *pairs.back().label))) {
                // The layout's own text on its workbook is never a value; but the value cell of
                // the label before holds what the person typed, even a text the layout also has.
                continue;
            } else if (footerless() && is_layout_text(cell.text) &&
                       (pairs.empty() || pairs.back().value)) {
                continue; // the layout's own text (单位：万元, 单位负责人签字：)
            } else if (pairs.empty()) {
                error(line.number, cell.col,
                      tr("cannot place the cell {0} (column {1}): it is not a label of the form "
                         "'{2}'",
                         {shorten(cell.text), std::to_string(cell.index + 1), form_.id}),
                      tr("header rows are label/value pairs (项目编码： | 4403…); the labels are "
                         "the `label`s of the form definition's fields"));
                return;
            } else if (pairs.back().value) {
                error(line.number, cell.col,
                      tr("cannot place the cell {0} (column {1}): {2} already has the value {3}",
                         {shorten(cell.text), std::to_string(cell.index + 1),
                          shorten(pairs.back().label->text), shorten(pairs.back().value->text)}));
                return;
            } else {
                pairs.back().value = &cell;
            }
        }
        for (const Pair& pair : pairs) {
            // An empty value is located at the cell after its label.
            const int col =
                pair.value
                    ? pair.value->col
                    : grid_.column_after(GridCell{std::string(pair.label->text), pair.label->col});
            TextValue text =
                pair.value ? value(line, *pair.value) : TextValue{"", loc(line.number, col)};
            if (pair.value) {
                unwrap(*pair.field, text);
            }
            const TextValue* read = declaration_.field(pair.field->id);
            if (read && footerless() && read->text == text.text) {
                continue; // a field the form shows twice (项目负责人 on the sign-off line)
            }
            if (read) {
                error(line.number, pair.label->col,
                      tr("{0} appears twice in this form", {shorten(pair.label->text)}),
                      tr("is the footer line of the form above missing?"));
                continue;
            }
            declaration_.fields.emplace_back(pair.field->id, std::move(text));
        }
    }

    // Where the value of a label is on a sheet: the column after the label's merged range.
    int value_column(const ExportLine& line, const ExportCell& label) const {
        for (const GridMerge& merge : sheet_->merges) {
            if (merge.first_row == line.number && merge.first_col == label.col) {
                return merge.last_col + 1;
            }
        }
        return label.col + 1;
    }

    // A value cell the workbook writes with the layout's text around the value (a `texts:` cell):
    // the value is what is between. A cell whose layout text is no longer intact is read whole,
    // with a warning: which part is the value cannot be told.
    void unwrap(const FieldDefinition& field, TextValue& text) const {
        const WrappedFieldCell* cell = workbook_ ? workbook_->wrapped(field.id) : nullptr;
        if (!cell) {
            return;
        }
        const std::string& whole = text.text;
        if (whole.size() >= cell->before.size() + cell->after.size() &&
            whole.starts_with(cell->before) && whole.ends_with(cell->after)) {
            text.text = whole.substr(cell->before.size(),
                                     whole.size() - cell->before.size() - cell->after.size());
            return;
        }
        std::string own = cell->before.empty() ? cell->after : cell->before;
        own.erase(0, own.find_first_not_of('\n'));
        own.erase(own.find_last_not_of('\n') + 1);
        result_.diagnostics.warning(
            text.loc,
            tr("the layout's text {0} in this cell is not intact: the whole cell is read as the "
               "value of {1}",
               {shorten(own), field.label}),
            tr("type only the value and keep the layout's text of the cell as the workbook wrote "
               "it; else check the value in the declaration (the print adds the layout's text)"));
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
                      tr("cannot place the cell {0} (column {1}): it is under the {2} label, "
                         "left of the table",
                         {shorten(cell.text), std::to_string(cell.index + 1), tree_->label}));
                return std::nullopt;
            }
        }
        return shifted;
    }

    void table_row(const Line& whole_line) {
        if (const std::optional<Line> line = in_table(whole_line)) {
            table_reader_.row(*line);
        }
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
                    code ? tr("the code {0} cannot be a file name; its declaration is written as "
                              "{1}.yaml",
                              {shorten(code->text), stem})
                         : tr("the form has no code; its declaration is written as {0}.yaml",
                              {stem}));
            }
            std::string name = stem;
            for (int n = 2; taken.count(lower(name)) != 0; ++n) {
                name = stem + "-" + std::to_string(n);
            }
            form.file_name = name + ".yaml";
            if (name != stem) {
                result_.diagnostics.warning(
                    at,
                    tr("the form at {0} is written as {1}.yaml (file names ignore case); this one "
                       "is written as {2}",
                       {taken[lower(stem)], stem, form.file_name}),
                    tr("two forms must not share a code: check it in the budget system"));
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
    const FormCellPositions* positions_; // null: the form is read by its labels
    const std::vector<ListTableColumns>& lists_;
    const WorkbookCellTexts* workbook_; // null: not the fill-in workbook of the form's layout
    ExportImport& result_;
    ExportSite site_;
    IndicatorTableReader table_reader_;
    ListTableReader list_reader_;
    std::vector<Line> form_lines_; // a form read by position: its lines, the title's first
    bool in_form_ = false;
    bool skipping_ = false;
    int form_start_ = 0;
    int last_line_ = 0;
    int table_offset_ = 0;
    Phase phase_ = Phase::Header;
    const TreeDefinition* tree_ = nullptr;
    Declaration declaration_;
};

} // namespace

ExportImport import_export_grid(const CellGrid& grid, const FormDefinition& form,
                                const FormCellPositions* positions,
                                const std::vector<ListTableColumns>& lists,
                                const WorkbookCellTexts* workbook) {
    ExportImport result;
    ExportReader(grid, form, positions, lists, workbook, result).read();
    return result;
}

ExportImport import_export_text(std::string_view text, const std::string& file,
                                const FormDefinition& form) {
    text = strip_utf8_bom(text);
    std::size_t bad = 0;
    if (!is_valid_utf8(text, &bad)) {
        ExportImport result;
        const SourceText source(file, std::string(text.substr(0, bad)));
        result.diagnostics.error(source.loc_at(bad), tr("the export is not UTF-8 text"),
                                 tr("the export may be GBK/GB18030: save it as UTF-8 (e.g. `iconv "
                                    "-f GB18030 -t UTF-8`) and import again"));
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
