#include "resolve/form_resolver.h"

#include "load/format_template.h"

#include <algorithm>
#include <cassert>

namespace formpdf::resolve {

std::vector<double> resolve_column_widths(const std::vector<load::ColumnSpec>& columns,
                                          double content_width_pt) {
    return load::column_widths_pt(columns, content_width_pt);
}

namespace {

constexpr std::size_t kToTheEnd = static_cast<std::size_t>(-1); // ResolvedRow::heads_until

struct Binding {
    const load::Declaration* declaration = nullptr;
};

// A layout's template with each {field} replaced by the value of the record (in a group row) or
// of the declaration; a value the data lacks (or the blank template) leaves the place empty.
std::string fill_template(const std::string& format, const load::Declaration* declaration,
                          const load::Record* record) {
    std::string out;
    load::for_each_template_part(
        format, [&](std::string_view text) { out += text; },
        [&](std::string_view id) {
            const load::TextValue* value = nullptr;
            if (record) {
                value = record->find(id);
            } else if (declaration) {
                value = declaration->field(id);
            }
            if (value) {
                out += value->text;
            }
        });
    return out;
}

void bind(const load::CellSpec& spec, const load::Declaration* declaration,
          const load::Record* record, ResolvedCell& cell);

// The several texts of a cell (`texts:`), each bound like a cell of its own; the cell's `text` is
// all of them, one a line.
void bind_texts(const load::CellSpec& spec, const load::Declaration* declaration,
                const load::Record* record, ResolvedCell& cell) {
    for (const load::CellTextSpec& part : spec.texts) {
        load::CellSpec single;
        single.content = part.content;
        single.text = part.text;
        single.loc = part.loc;
        ResolvedCell bound;
        bind(single, declaration, record, bound);
        if (!cell.texts.empty()) {
            cell.text += '\n';
        }
        cell.text += bound.text;
        cell.texts.push_back(ResolvedText{std::move(bound.text), bound.loc, bound.field,
                                          part.style.empty() ? cell.style : part.style, part.align,
                                          part.valign});
    }
}

// The text a cell shows, and where it came from.
void bind(const load::CellSpec& spec, const load::Declaration* declaration,
          const load::Record* record, ResolvedCell& cell) {
    cell.loc = spec.loc;
    switch (spec.content) {
    case load::CellContent::Empty:
    case load::CellContent::Label:
        break;
    case load::CellContent::Text:
        cell.text = spec.text;
        break;
    case load::CellContent::Format:
        cell.text = fill_template(spec.text, declaration, record);
        break;
    case load::CellContent::Field: {
        cell.field = spec.text;
        const load::TextValue* value = nullptr;
        if (record) {
            value = record->find(spec.text);
        } else if (declaration) {
            value = declaration->field(spec.text);
        }
        if (value) {
            cell.text = value->text;
            cell.loc = value->loc;
        }
        break;
    }
    }
    bind_texts(spec, declaration, record, cell);
}

ResolvedCell make_cell(const load::CellSpec& spec, const load::TableSpec& table, int row) {
    ResolvedCell cell;
    cell.row = row;
    cell.column = spec.column;
    cell.colspan = spec.colspan;
    cell.rowspan = spec.rowspan;
    cell.style = spec.style.empty() ? table.style : spec.style;
    cell.fill = spec.fill;
    cell.name = spec.name;
    cell.loc = spec.loc;
    cell.box_loc = spec.loc;
    cell.border = spec.border;
    cell.vertical = spec.vertical;
    cell.hint = spec.hint;
    cell.hint_style = spec.hint_style;
    return cell;
}

// A number or an amount as written: "3,309,840.00", "-12.5", "95%". A continued marker after one
// ('3,309,840.00（续）') would read as part of the value, so such a label is repeated bare.
bool is_number_text(std::string_view text) {
    std::size_t i = 0;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
        ++i;
    }
    bool digits = false;
    bool point = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            digits = true;
        } else if (c == ',' && digits && !point) {
            continue;
        } else if (c == '.' && !point) {
            point = true;
        } else {
            break;
        }
    }
    if (i < text.size() && text[i] == '%') {
        ++i;
    }
    return digits && i == text.size();
}

// How a merged cell cut by a page break shows on the next page (load::ContinuedLabel).
void set_continued(load::ContinuedLabel continued, ResolvedCell& cell) {
    switch (continued) {
    case load::ContinuedLabel::Mark:
        cell.repeat_when_split = true;
        if (is_number_text(cell.text)) {
            cell.continued_suffix = std::string();
        }
        break;
    case load::ContinuedLabel::Repeat:
        cell.repeat_when_split = true;
        cell.continued_suffix = std::string();
        break;
    case load::ContinuedLabel::None:
        cell.repeat_when_split = false;
        break;
    }
}

// A list row (`- list: projects`): one table row per record; the cells of the `merge_by` fields
// span the adjacent records with the same text, and a merged column's span also ends where a merged
// column to its left ends (as a spreadsheet's merged cells nest).
void expand_list(const load::RowSpec& spec, const load::TableSpec& table,
                 const load::Declaration* declaration, ResolvedTable& out) {
    const std::vector<load::Group>* tree = declaration ? declaration->tree(spec.group) : nullptr;
    std::vector<load::Record> one_field_records;
    std::vector<const load::Record*> records;
    if (tree) {
        records = load::list_records(*tree, one_field_records);
    }
    static const load::Record kNoRecord{};
    if (!declaration) {
        records.assign(static_cast<std::size_t>(spec.blank_rows), &kNoRecord);
    }
    // The merged cells, left to right, and where each of their spans starts.
    std::vector<std::size_t> merged;
    for (std::size_t c = 0; c < spec.cells.size(); ++c) {
        const load::CellSpec& cell = spec.cells[c];
        if (cell.content == load::CellContent::Field &&
            std::find(spec.merge_by.begin(), spec.merge_by.end(), cell.text) !=
                spec.merge_by.end()) {
            merged.push_back(c);
        }
    }
    std::sort(merged.begin(), merged.end(), [&](std::size_t a, std::size_t b) {
        return spec.cells[a].column < spec.cells[b].column;
    });
    const auto text_of = [&](const load::Record* record, std::size_t c) {
        const load::TextValue* value = record->find(spec.cells[c].text);
        return value ? std::string_view(value->text) : std::string_view();
    };
    if (!declaration) {
        merged.clear(); // the blank template's empty rows stay apart
    }
    // span_at[m][i]: the rows a span of merged cell m starting at record i covers (0: none
    // starts there). breaks[i]: a span starts at record i in the merged column last seen; each
    // column to its right breaks there too, and where its own value changes.
    std::vector<std::vector<int>> span_at(merged.size(), std::vector<int>(records.size(), 0));
    std::vector<bool> breaks(records.size(), false);
    for (std::size_t m = 0; m < merged.size(); ++m) {
        for (std::size_t i = 0; i < records.size(); ++i) {
            breaks[i] = breaks[i] || i == 0 ||
                        text_of(records[i], merged[m]) != text_of(records[i - 1], merged[m]);
        }
        for (std::size_t i = 0; i < records.size();) {
            std::size_t end = i + 1;
            while (end < records.size() && !breaks[end]) {
                ++end;
            }
            span_at[m][i] = static_cast<int>(end - i);
            i = end;
        }
    }
    for (std::size_t i = 0; i < records.size(); ++i) {
        const int r = static_cast<int>(out.rows.size());
        out.rows.push_back(
            ResolvedRow{false, std::max(spec.min_height_pt, table.min_row_height_pt), spec.loc});
        for (std::size_t c = 0; c < spec.cells.size(); ++c) {
            const auto m = static_cast<std::size_t>(std::find(merged.begin(), merged.end(), c) -
                                                    merged.begin());
            if (m < merged.size() && span_at[m][i] == 0) {
                continue; // inside a span started in an earlier row
            }
            const load::CellSpec& cell_spec = spec.cells[c];
            ResolvedCell cell = make_cell(cell_spec, table, r);
            cell.tree = spec.group;
            bind(cell_spec, declaration, records[i], cell);
            if (m < merged.size()) {
                cell.rowspan = span_at[m][i];
                set_continued(cell_spec.continued, cell);
            }
            out.cells.push_back(std::move(cell));
        }
    }
}

// One leaf row of an expanded group, with the labels of the nodes above it.
struct GroupRow {
    const load::Record* record = nullptr;
    // For each level: the node whose label this row starts (null when the row continues a span).
    std::vector<const load::Group*> starts;
    std::vector<int> spans; // rows spanned by the started label, per level
};

// Stands for the empty level cells of a node whose tree is shallower than the layout's levels.
const load::Group kNoLabel{};

// Flattens a tree into rows, depth-first, so that each node's rows are contiguous.
void flatten(const load::Group& node, std::size_t depth, std::size_t levels,
             std::vector<GroupRow>& rows) {
    const std::size_t first = rows.size();
    if (depth + 1 < levels && !node.groups.empty()) {
        for (const load::Group& child : node.groups) {
            flatten(child, depth + 1, levels, rows);
        }
    } else {
        // A node at the last level, or one whose tree is shallower than the layout's levels: its
        // records follow directly (deeper level cells stay empty).
        for (const load::Record& record : node.records) {
            GroupRow row;
            row.record = &record;
            row.starts.assign(levels, nullptr);
            row.spans.assign(levels, 1);
            rows.push_back(std::move(row));
        }
        if (rows.size() == first) {
            GroupRow row; // a node with nothing under it still gets a row for its label
            row.starts.assign(levels, nullptr);
            row.spans.assign(levels, 1);
            rows.push_back(std::move(row));
        }
        for (std::size_t deeper = depth + 1; deeper < levels; ++deeper) {
            rows[first].starts[deeper] = &kNoLabel;
            rows[first].spans[deeper] = static_cast<int>(rows.size() - first);
        }
    }
    rows[first].starts[depth] = &node;
    rows[first].spans[depth] = static_cast<int>(rows.size() - first);
}

void expand_group(const load::RowSpec& spec, const load::TableSpec& table,
                  const load::Declaration* declaration, ResolvedTable& out) {
    const std::vector<load::Group>* tree = declaration ? declaration->tree(spec.group) : nullptr;
    std::vector<GroupRow> rows;
    if (tree) {
        for (const load::Group& node : *tree) {
            flatten(node, 0, std::max<std::size_t>(spec.levels.size(), 1), rows);
        }
    }
    if (!declaration) {
        for (int i = 0; i < spec.blank_rows; ++i) {
            GroupRow row;
            row.starts.assign(spec.levels.size(), nullptr);
            row.spans.assign(spec.levels.size(), 1);
            rows.push_back(std::move(row));
        }
    }
    for (const GroupRow& group_row : rows) {
        const int r = static_cast<int>(out.rows.size());
        out.rows.push_back(ResolvedRow{false, std::max(spec.min_height_pt, table.min_row_height_pt),
                                       spec.loc, kToTheEnd});
        for (std::size_t level = 0; level < spec.levels.size(); ++level) {
            const load::Group* node = group_row.starts[level];
            if (!node && declaration && tree && !tree->empty()) {
                continue; // spanned by a label started in an earlier row
            }
            ResolvedCell cell = make_cell(spec.levels[level], table, r);
            cell.loc = spec.levels[level].loc;
            cell.tree = spec.group;
            cell.level = static_cast<int>(level);
            if (node == &kNoLabel) {
                cell.rowspan = group_row.spans[level];
            } else if (node) {
                cell.text = node->label.text;
                cell.loc = node->label.loc;
                cell.rowspan = group_row.spans[level];
                set_continued(load::ContinuedLabel::Mark, cell);
            }
            out.cells.push_back(std::move(cell));
        }
        for (const load::CellSpec& cell_spec : spec.cells) {
            ResolvedCell cell = make_cell(cell_spec, table, r);
            cell.tree = spec.group;
            if (group_row.record) {
                bind(cell_spec, declaration, group_row.record, cell);
            } else {
                // A label row without records, or a blank row: the record's fields are empty,
                // and never taken from the declaration's header fields of the same name.
                static const load::Record kNoRecord{};
                bind(cell_spec, nullptr, &kNoRecord, cell);
            }
            out.cells.push_back(std::move(cell));
        }
    }
}

// A header heads the rows down to the end of the next group row (the indicators), not the static
// rows after it; `heads: table` (or no group row below) heads the rest of the table.
void set_header_scopes(const load::TableSpec& table, const std::vector<int>& first_row,
                       ResolvedTable& out) {
    for (std::size_t t = 0; t < table.rows.size(); ++t) {
        const load::RowSpec& spec = table.rows[t];
        if (!spec.header || spec.heads != load::HeaderScope::Group) {
            continue;
        }
        for (std::size_t below = t + 1; below < table.rows.size(); ++below) {
            if (!table.rows[below].group.empty()) {
                out.rows[static_cast<std::size_t>(first_row[t])].heads_until =
                    static_cast<std::size_t>(first_row[below + 1]);
                break;
            }
        }
    }
}

ResolvedTable resolve_table(const load::TableSpec& table, const load::PageSpec& page,
                            const load::Declaration* declaration) {
    ResolvedTable out;
    out.loc = table.loc;
    out.column_widths_pt = resolve_column_widths(table.columns, page.width_pt - page.margins.left -
                                                                    page.margins.right);
    out.border_width_pt = table.border_width_pt;
    out.border_color = table.border_color;
    out.continued_suffix = table.continued_suffix;
    for (const load::RowSpec& row : table.rows) {
        for (const auto* cells : {&row.levels, &row.cells}) {
            for (const load::CellSpec& cell : *cells) {
                out.cell_borders = out.cell_borders || cell.border.any();
            }
        }
    }

    // Grid rows of each template row, known once the groups are expanded; `rowspan: group` and
    // numeric rowspans are converted from template rows to grid rows afterwards.
    std::vector<int> first_row(table.rows.size() + 1, 0);
    struct PendingSpan {
        std::size_t cell;
        std::size_t template_row;
        std::size_t last_template_row;
    };
    std::vector<PendingSpan> pending;
    for (std::size_t t = 0; t < table.rows.size(); ++t) {
        const load::RowSpec& spec = table.rows[t];
        first_row[t] = static_cast<int>(out.rows.size());
        if (spec.list) {
            expand_list(spec, table, declaration, out);
            continue;
        }
        if (!spec.group.empty()) {
            expand_group(spec, table, declaration, out);
            continue;
        }
        const int r = static_cast<int>(out.rows.size());
        out.rows.push_back(ResolvedRow{spec.header,
                                       std::max(spec.min_height_pt, table.min_row_height_pt),
                                       spec.loc, kToTheEnd});
        for (const load::CellSpec& cell_spec : spec.cells) {
            ResolvedCell cell = make_cell(cell_spec, table, r);
            bind(cell_spec, declaration, nullptr, cell);
            std::size_t last = t + static_cast<std::size_t>(cell_spec.rowspan) - 1;
            if (cell_spec.rowspan_to_group) {
                last = t;
                while (table.rows[last].group.empty()) {
                    ++last; // the loader checked that a group row follows
                }
            }
            if (last != t) {
                pending.push_back({out.cells.size(), t, last});
            }
            out.cells.push_back(std::move(cell));
        }
    }
    first_row[table.rows.size()] = static_cast<int>(out.rows.size());
    set_header_scopes(table, first_row, out);
    for (const PendingSpan& span : pending) {
        ResolvedCell& cell = out.cells[span.cell];
        cell.rowspan = std::max(1, first_row[span.last_template_row + 1] - cell.row);
    }
    // A group that expanded to no rows leaves a span that covers fewer rows: still at least one.
    std::stable_sort(out.cells.begin(), out.cells.end(), [](const auto& a, const auto& b) {
        return a.row != b.row ? a.row < b.row : a.column < b.column;
    });
    return out;
}

// The bookmark: the template filled in, with the spaces around a missing field trimmed.
std::string expand_fields(const std::string& format, const load::Declaration* declaration) {
    const std::string out = fill_template(format, declaration, nullptr);
    const std::size_t begin = out.find_first_not_of(' ');
    const std::size_t end = out.find_last_not_of(' ');
    return begin == std::string::npos ? std::string{} : out.substr(begin, end - begin + 1);
}

} // namespace

ResolvedForm resolve_form(const load::LayoutSpec& layout, const load::Declaration* declaration) {
    ResolvedForm form;
    form.title = layout.title;
    // The declaration's own title replaces the form's wherever the title shows: on the page
    // (a title block with `field: title`), in the PDF's Info and in the bookmark that falls back
    // to it. A `{title}` in the bookmark template is the declaration's `title:` field itself.
    if (declaration) {
        if (const load::TextValue* title = declaration->field(load::kTitleFieldId)) {
            form.title = title->text;
        }
    }
    for (const load::BlockSpec& spec : layout.blocks) {
        ResolvedBlock block;
        block.spec = &spec;
        block.text = spec.text;
        block.text_loc = spec.text_loc;
        if (!spec.field.empty() && declaration) {
            if (const load::TextValue* value = declaration->field(spec.field)) {
                block.text = value->text;
                block.text_loc = value->loc;
            }
        }
        if (spec.table) {
            block.table = resolve_table(*spec.table, layout.page, declaration);
        }
        form.blocks.push_back(std::move(block));
    }
    form.outline_title = expand_fields(layout.bookmark, declaration);
    if (form.outline_title.empty()) {
        form.outline_title = form.title;
    }
    return form;
}

} // namespace formpdf::resolve
