#include "load/table_reader.h"

#include "core/messages.h"
#include "core/number_format.h"
#include "load/cell_drawing_reader.h"

#include <algorithm>
#include <charconv>

namespace formpdf::load {

namespace {

void check_style(const ValueReader& value, const std::string& name,
                 const std::vector<std::string_view>& style_names) {
    if (std::find(style_names.begin(), style_names.end(), name) == style_names.end()) {
        value.fail(tr("unknown style '{0}'", {name}),
                   suggestion_hint(name, style_names, N_("defined styles")));
    }
}

ColumnSpec read_column(const ValueReader& value) {
    ColumnSpec column;
    column.loc = value.loc();
    if (!value.is_scalar()) {
        value.fail_expected(tr("a column width: a length such as 30mm, or a share such as 1fr"));
    }
    const std::string text = value.text();
    if (text.size() > 2 && text.compare(text.size() - 2, 2, "fr") == 0) {
        double fraction = 0;
        const char* begin = text.data();
        const char* end = text.data() + text.size() - 2;
        auto [ptr, ec] = std::from_chars(begin, end, fraction);
        if (ec != std::errc() || ptr != end || !(fraction > 0) || fraction > 1000) {
            value.fail(tr("{0} is not a valid share: '{1}'", {value.label(), text}),
                       tr("write a positive number followed by fr, e.g. 1fr or 2.5fr"));
        }
        column.fraction = fraction;
        return column;
    }
    column.width_pt = value.positive_length_pt();
    return column;
}

// Which columns of each row template are already taken by row spans from rows above. Sized once,
// so that references to rows stay valid while spans below are marked.
class Occupancy {
public:
    Occupancy(std::size_t rows, int columns)
        : rows_(rows, std::vector<bool>(static_cast<std::size_t>(columns), false)) {}

    std::vector<bool>& row(std::size_t index) { return rows_.at(index); }

private:
    std::vector<std::vector<bool>> rows_;
};

struct CellContext {
    const std::vector<std::string_view>& style_names;
    bool in_group = false;
    bool in_list = false; // a list row's cells may say what they show when cut (`continued`)
};

CellSpec read_cell(const ValueReader& value, const CellContext& context) {
    CellSpec cell;
    cell.loc = value.loc();
    if (value.is_null()) {
        return cell;
    }
    if (value.is_scalar()) {
        cell.text = value.text();
        cell.content = cell.text.empty() ? CellContent::Empty : CellContent::Text;
        return cell;
    }
    // The last five say how the cell itself is drawn (cell_drawing_reader.h); a list row's cells
    // may also say what they show when a page break cuts them (`continued`).
    const MapReader map = value.open_map();
    if (context.in_list) {
        map.check_keys({"text", "field", "format", "style", "fill", "colspan", "rowspan", "name",
                        "border", "texts", "vertical", "hint", "hint-style", "continued"});
    } else {
        map.check_keys({"text", "field", "format", "style", "fill", "colspan", "rowspan", "name",
                        "border", "texts", "vertical", "hint", "hint-style"});
    }
    if (const auto continued = map.find("continued")) {
        cell.continued = continued->choice<ContinuedLabel>({{"mark", ContinuedLabel::Mark},
                                                            {"repeat", ContinuedLabel::Repeat},
                                                            {"none", ContinuedLabel::None}});
        cell.continued_loc = continued->loc();
    }
    const auto text = map.find("text");
    const auto field = map.find("field");
    const auto format = map.find("format");
    if ((text ? 1 : 0) + (field ? 1 : 0) + (format ? 1 : 0) > 1) {
        (format ? *format : *field)
            .fail(tr("a cell shows one of 'text', 'field' or 'format'"),
                  tr("'text' is printed as written; 'field' prints a value of the declaration; "
                     "'format' is text with {field} placeholders, e.g. \"填表人：{preparer}\""));
    }
    if (format) {
        cell.text = format->text();
        cell.content = CellContent::Format;
    }
    if (text) {
        cell.text = text->text();
        cell.content = cell.text.empty() ? CellContent::Empty : CellContent::Text;
    } else if (field) {
        cell.text = field->text();
        cell.content = CellContent::Field;
        if (cell.text.empty()) {
            field->fail(tr("{0} must name a field", {field->label()}));
        }
    }
    if (const auto style = map.find("style")) {
        cell.style = style->text();
        cell.style_loc = style->loc();
        check_style(*style, cell.style, context.style_names);
    }
    if (const auto fill = map.find("fill")) {
        cell.fill = fill->color();
    }
    if (const auto name = map.find("name")) {
        cell.name = name->text();
        const bool plain =
            !cell.name.empty() && std::all_of(cell.name.begin(), cell.name.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_';
            });
        if (!plain) {
            name->fail(tr("{0} must be a plain name, not {1}", {name->label(), name->describe()}),
                       tr("ASCII letters, digits, '-' and '_', e.g. unit-seal: it is typed on the "
                          "command line (`formpdf sign --box unit-seal`)"));
        }
    }
    if (const auto colspan = map.find("colspan")) {
        cell.colspan = colspan->integer(1, 1000);
    }
    read_cell_drawing(map, cell, context.style_names);
    if (const auto rowspan = map.find("rowspan")) {
        if (rowspan->is_scalar() && rowspan->text() == "group") {
            if (context.in_group) {
                rowspan->fail(tr("a cell of a group row cannot span rows"),
                              tr("the level cells of a group span the rows of their node"));
            }
            cell.rowspan_to_group = true;
        } else {
            if (context.in_group) {
                rowspan->fail(tr("a cell of a group row cannot span rows"),
                              tr("the level cells of a group span the rows of their node"));
            }
            cell.rowspan = rowspan->integer(1, 1000);
        }
    }
    return cell;
}

std::vector<CellSpec> read_cells(const ValueReader& value, const CellContext& context) {
    std::vector<CellSpec> cells;
    for (const ValueReader& item : value.list()) {
        cells.push_back(read_cell(item, context));
    }
    return cells;
}

void read_group_row(const MapReader& map, RowSpec& row,
                    const std::vector<std::string_view>& style_names) {
    const ValueReader group = map.get("group");
    row.group = group.text();
    if (row.group.empty()) {
        group.fail(tr("'group' must name a list of the declaration, e.g. `group: indicators`"));
    }
    const CellContext context{style_names, true};
    if (const auto levels = map.find("levels")) {
        for (const ValueReader& item : levels->list()) {
            CellSpec level = item.is_null() ? CellSpec{} : read_cell(item, context);
            if (level.content != CellContent::Empty || !level.texts.empty()) {
                item.fail(tr("a level cell shows the label of its group; it takes no 'text' or "
                             "'field'"),
                          tr("give it only style and fill, e.g. {fill: \"#D9D9D9\"}"));
            }
            if (level.colspan != 1) {
                item.fail(tr("a level cell spans one column"));
            }
            level.content = CellContent::Label;
            level.loc = item.loc();
            row.levels.push_back(std::move(level));
        }
    }
    row.cells = read_cells(map.get("cells", tr("list the cells of one record, e.g. "
                                               "[{field: name}, {field: value}]")),
                           context);
    if (const auto blank = map.find("blank-rows")) {
        row.blank_rows = blank->integer(0, 1000);
    }
}

// `- list: projects`: one row per record of a list of the declaration, with cells merged over
// adjacent records of equal value in the `merge-by` columns.
void read_list_row(const MapReader& map, RowSpec& row,
                   const std::vector<std::string_view>& style_names) {
    const ValueReader list = map.get("list");
    row.group = list.text();
    row.list = true;
    if (row.group.empty()) {
        list.fail(tr("'list' must name a list of the declaration, e.g. `list: projects`"));
    }
    const CellContext context{style_names, true, true};
    row.cells = read_cells(map.get("cells", tr("list the cells of one record, e.g. "
                                               "[{field: unit}, {field: project}, {field: name}]")),
                           context);
    std::vector<std::string_view> fields;
    for (const CellSpec& cell : row.cells) {
        if (cell.content == CellContent::Field) {
            fields.push_back(cell.text);
        }
    }
    if (const auto merge_by = map.find("merge-by")) {
        for (const ValueReader& item : merge_by->list()) {
            const std::string id = item.text();
            if (std::find(fields.begin(), fields.end(), id) == fields.end()) {
                item.fail(tr("'{0}' is not the field of a cell of this row", {id}),
                          suggestion_hint(id, fields, N_("fields of the row's cells")));
            }
            if (std::find(row.merge_by.begin(), row.merge_by.end(), id) != row.merge_by.end()) {
                item.fail(tr("'{0}' is listed twice", {id}));
            }
            row.merge_by.push_back(id);
            row.merge_by_locs.push_back(item.loc());
        }
    }
    if (const auto blank = map.find("blank-rows")) {
        row.blank_rows = blank->integer(0, 1000);
    }
}

RowSpec read_row(const ValueReader& value, const std::vector<std::string_view>& style_names) {
    RowSpec row;
    row.loc = value.loc();
    const CellContext context{style_names, false};
    if (value.is_list()) {
        row.cells = read_cells(value, context);
        return row;
    }
    if (!value.is_map()) {
        value.fail_expected(tr("a row: a list of cells, or a map with 'cells' (or 'group')"));
    }
    const MapReader map = value.open_map();
    if (map.has("list")) {
        map.check_keys({"list", "cells", "merge-by", "blank-rows", "min-height"});
        read_list_row(map, row, style_names);
    } else if (map.has("group")) {
        map.check_keys({"group", "levels", "cells", "blank-rows", "min-height"});
        read_group_row(map, row, style_names);
    } else {
        map.check_keys({"cells", "header", "heads", "min-height"});
        row.cells = read_cells(map.get("cells", tr("e.g. `cells: [一级指标, 二级指标]`")), context);
        if (const auto header = map.find("header")) {
            row.header = header->boolean();
        }
        if (const auto heads = map.find("heads")) {
            row.heads = heads->choice<HeaderScope>(
                {{"group", HeaderScope::Group}, {"table", HeaderScope::Table}});
            if (!row.header) {
                heads->fail(tr("'heads' says which rows a header row heads, but this row is not "
                               "a header row"),
                            tr("add `header: true`, or remove 'heads'"));
            }
        }
    }
    if (const auto height = map.find("min-height")) {
        row.min_height_pt = height->length_pt();
        row.min_height_loc = height->loc();
    }
    return row;
}

// Assigns columns to the cells of every row and checks that the spans tile the table.
void place_cells(TableSpec& table, const std::vector<ValueReader>& row_values) {
    const int columns = static_cast<int>(table.columns.size());
    Occupancy taken(table.rows.size(), columns);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        RowSpec& row = table.rows[r];
        std::vector<bool>& occupied = taken.row(r);
        int next = 0;
        const auto advance_to_free = [&] {
            while (next < columns && occupied[static_cast<std::size_t>(next)]) {
                ++next;
            }
        };
        const auto place = [&](CellSpec& cell) {
            advance_to_free();
            if (next >= columns) {
                throw DiagnosticError(make_error(
                    cell.loc,
                    columns == 1 ? tr("this cell is past the last of the table's 1 column")
                                 : tr("this cell is past the last of the table's {0} columns",
                                      {std::to_string(columns)}),
                    tr("remove the cell, or add a column; cells spanned from the rows above take "
                       "their columns in this row")));
            }
            cell.column = next;
            for (int c = next; c < next + cell.colspan; ++c) {
                if (c >= columns) {
                    throw DiagnosticError(make_error(
                        cell.loc,
                        tr("colspan {0} runs past the last column (the cell starts in column {1} "
                           "of {2})",
                           {std::to_string(cell.colspan), std::to_string(next + 1),
                            std::to_string(columns)}),
                        tr("make the colspan at most {0}", {std::to_string(columns - next)})));
                }
                if (occupied[static_cast<std::size_t>(c)]) {
                    throw DiagnosticError(make_error(
                        cell.loc,
                        tr("this cell overlaps column {0}, which a cell of a row above spans into",
                           {std::to_string(c + 1)}),
                        tr("make this cell's colspan smaller or the rowspan above shorter")));
                }
                occupied[static_cast<std::size_t>(c)] = true;
            }
            // Mark the rows below that this cell spans into.
            std::size_t last = r + static_cast<std::size_t>(cell.rowspan) - 1;
            if (cell.rowspan_to_group) {
                last = r;
                while (last + 1 < table.rows.size() && table.rows[last].group.empty()) {
                    ++last;
                }
                if (table.rows[last].group.empty()) {
                    throw DiagnosticError(make_error(
                        cell.loc, tr("'rowspan: group' but no group row follows this row"),
                        tr("add a `- group: …` row below, or give a number of rows")));
                }
            }
            if (last >= table.rows.size()) {
                throw DiagnosticError(make_error(
                    cell.loc,
                    tr("rowspan {0} runs past the last row of the table",
                       {std::to_string(cell.rowspan)}),
                    tr("make the rowspan at most {0}", {std::to_string(table.rows.size() - r)})));
            }
            for (std::size_t below = r + 1; below <= last; ++below) {
                if (!table.rows[below].group.empty() && !cell.rowspan_to_group) {
                    throw DiagnosticError(
                        make_error(cell.loc,
                                   tr("this cell spans into a group row, whose number of rows "
                                      "depends on the declaration"),
                                   tr("write `rowspan: group` to span down to the end of the "
                                      "group")));
                }
                std::vector<bool>& row_below = taken.row(below);
                for (int c = next; c < next + cell.colspan; ++c) {
                    row_below[static_cast<std::size_t>(c)] = true;
                }
            }
            next += cell.colspan;
        };
        for (CellSpec& level : row.levels) {
            place(level);
        }
        for (CellSpec& cell : row.cells) {
            place(cell);
        }
        advance_to_free();
        const int used = static_cast<int>(std::count(occupied.begin(), occupied.end(), true));
        if (used != columns) {
            row_values[r].fail(
                columns == 1
                    ? tr("this row fills {0} of the table's 1 column", {std::to_string(used)})
                    : tr("this row fills {0} of the table's {1} columns",
                         {std::to_string(used), std::to_string(columns)}),
                tr("add cells or widen one with colspan; an empty cell is written ~"));
        }
    }
}

} // namespace

TableSpec read_table(const ValueReader& value, double content_width_pt,
                     const std::vector<std::string_view>& style_names) {
    TableSpec table;
    table.loc = value.loc();
    const MapReader map = value.map(
        {"columns", "style", "border", "border-color", "continued", "min-row-height", "rows"});

    const ValueReader columns = map.get("columns", tr("e.g. `columns: [30mm, 1fr, 1fr]`"));
    double fixed = 0;
    for (const ValueReader& item : columns.list()) {
        table.columns.push_back(read_column(item));
        fixed += table.columns.back().width_pt;
    }
    if (table.columns.empty()) {
        columns.fail(tr("a table needs at least one column"));
    }
    if (fixed - content_width_pt > mm_to_pt(0.005)) {
        columns.fail(
            tr("the fixed columns are {0}mm wide, more than the page's content width of "
               "{1}mm",
               {format_number(pt_to_mm(fixed), 2), format_number(pt_to_mm(content_width_pt), 2)}),
            tr("make columns narrower, use shares such as 1fr, or make the margins "
               "smaller"));
    }
    table.style = "body";
    table.style_loc = value.loc();
    if (const auto style = map.find("style")) {
        table.style = style->text();
        table.style_loc = style->loc();
        check_style(*style, table.style, style_names);
    }
    if (const auto border = map.find("border")) {
        table.border_width_pt = border->length_pt();
    }
    if (const auto color = map.find("border-color")) {
        table.border_color = color->color();
    }
    if (const auto continued = map.find("continued")) {
        table.continued_suffix = continued->text();
    }
    if (const auto height = map.find("min-row-height")) {
        table.min_row_height_pt = height->length_pt();
        table.min_row_height_loc = height->loc();
    }
    const ValueReader rows = map.get("rows", tr("list the rows of the table"));
    const std::vector<ValueReader> row_values = rows.list();
    for (const ValueReader& item : row_values) {
        table.rows.push_back(read_row(item, style_names));
    }
    if (table.rows.empty()) {
        rows.fail(tr("a table needs at least one row"));
    }
    place_cells(table, row_values);
    settle_cell_borders(table);
    return table;
}

} // namespace formpdf::load
