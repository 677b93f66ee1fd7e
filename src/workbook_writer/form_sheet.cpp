#include "workbook_writer/form_sheet.h"

#include "core/messages.h"
#include "core/utf8.h"
#include "resolve/form_resolver.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

namespace formpdf::workbook_writer {

namespace {

// Excel's own space around a cell's text, besides the layout's padding.
constexpr double kCellMarginPt = 4;
// The share of a cell's width the estimate fills: spreadsheet programs round glyphs to pixels and
// substitute fonts, so a line holds a little less than the print's.
constexpr double kUsableWidth = 0.92;
// The height of the empty row between a table and the text block after it.
constexpr double kGapRowPt = 12;
// Excel's largest row height.
constexpr double kMaxRowHeightPt = 409;
// Excel's list of a drop-down is one formula text of at most 255 characters.
constexpr std::size_t kMaxListBytes = 255;

bool is_wide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || c >= 0x20000;
}

std::vector<double> edges_of(const std::vector<double>& widths) {
    std::vector<double> edges{0};
    for (const double width : widths) {
        edges.push_back(edges.back() + width);
    }
    return edges;
}

// For each column edge of a table, the index of the sheet's column edge it snaps to: the nearest
// one that still leaves every column of the table at least one sheet column.
std::vector<int> snap_edges(const std::vector<double>& edges, const std::vector<double>& sheet) {
    const int n = static_cast<int>(edges.size()) - 1;
    const int m = static_cast<int>(sheet.size()) - 1;
    std::vector<int> snapped(edges.size(), 0);
    for (int i = 1; i <= n; ++i) {
        const int low = snapped[i - 1] + 1;
        const int high = std::max(low, m - (n - i));
        int best = low;
        for (int j = low; j <= high; ++j) {
            if (std::abs(sheet[j] - edges[i]) < std::abs(sheet[best] - edges[i])) {
                best = j;
            }
        }
        snapped[i] = best;
    }
    return snapped;
}

// The print's font as a font every Chinese Windows has: a sans-serif (黑体-like) slot as 黑体,
// any other as 宋体.
CellFormat format_for(const load::LayoutSpec& layout, const std::string& style_name) {
    CellFormat format;
    const load::StyleSpec* style = layout.find_style(style_name);
    if (!style) {
        return format;
    }
    if (const load::FontSpec* font = layout.find_font(style->font)) {
        const bool sans = font->family.find("Sans") != std::string::npos ||
                          font->family.find("Hei") != std::string::npos ||
                          font->family.find("黑") != std::string::npos;
        format.font = sans ? "黑体" : "宋体";
        format.bold = font->weight >= 600;
    }
    format.size_pt = style->size_pt;
    format.color = style->color;
    format.align = style->align == load::HAlign::Center  ? CellAlign::Center
                   : style->align == load::HAlign::Right ? CellAlign::Right
                                                         : CellAlign::Left;
    format.valign = style->valign == load::VAlign::Middle   ? CellVAlign::Middle
                    : style->valign == load::VAlign::Bottom ? CellVAlign::Bottom
                                                            : CellVAlign::Top;
    return format;
}

double text_height(const load::LayoutSpec& layout, const std::string& style_name,
                   const std::string& text, double width_pt) {
    const load::StyleSpec* style = layout.find_style(style_name);
    if (!style) {
        return 0;
    }
    const double inner =
        (width_pt - style->padding.left - style->padding.right - kCellMarginPt) * kUsableWidth;
    return estimated_text_height_pt(text, inner, style->size_pt, style->line_spacing) +
           style->padding.top + style->padding.bottom;
}

void collect_names(const std::vector<load::VocabularyEntry>& entries, int depth, int level,
                   const load::TreeDefinition& tree, std::vector<std::string>& names) {
    for (const load::VocabularyEntry& entry : entries) {
        if (depth == level) {
            std::string name = (entry.mandatory ? tree.mandatory_marker : "") + entry.name;
            if (std::find(names.begin(), names.end(), name) == names.end()) {
                names.push_back(std::move(name));
            }
        } else {
            collect_names(entry.children, depth + 1, level, tree, names);
        }
    }
}

// A drop-down only when Excel can hold its list: no comma or quote in a choice, 255 bytes at most.
bool fits_a_list(const std::vector<std::string>& choices) {
    std::size_t bytes = 0;
    for (const std::string& choice : choices) {
        if (choice.empty() || choice.find_first_of(",\"") != std::string::npos) {
            return false;
        }
        bytes += choice.size() + 1;
    }
    return !choices.empty() && bytes - 1 <= kMaxListBytes;
}

class SheetBuilder {
public:
    SheetBuilder(const load::LayoutSpec& layout, Sheet& sheet) : layout_(layout), sheet_(sheet) {}

    void build(const resolve::ResolvedForm& form) {
        choose_columns(form);
        bool after_table = false;
        for (const resolve::ResolvedBlock& block : form.blocks) {
            switch (block.spec->kind) {
            case load::BlockKind::Spacer:
                sheet_.row_heights_pt.push_back(std::max(block.spec->height_pt, 1.0));
                break;
            case load::BlockKind::Title:
            case load::BlockKind::Paragraph:
                if (after_table) {
                    sheet_.row_heights_pt.push_back(kGapRowPt);
                }
                text_block(block);
                break;
            case load::BlockKind::Table:
                table(*block.table);
                break;
            }
            after_table = block.spec->kind == load::BlockKind::Table;
        }
        std::stable_sort(sheet_.cells.begin(), sheet_.cells.end(),
                         [](const auto& a, const auto& b) {
                             return std::tie(a.row, a.column) < std::tie(b.row, b.column);
                         });
    }

private:
    // The sheet's columns are those of the table with the most columns (the first of them).
    void choose_columns(const resolve::ResolvedForm& form) {
        const load::PageSpec& page = layout_.page;
        const double content = page.width_pt - page.margins.left - page.margins.right;
        sheet_.column_widths_pt = {content};
        for (const resolve::ResolvedBlock& block : form.blocks) {
            if (block.table &&
                block.table->column_widths_pt.size() > sheet_.column_widths_pt.size()) {
                sheet_.column_widths_pt = block.table->column_widths_pt;
            }
        }
        edges_ = edges_of(sheet_.column_widths_pt);
    }

    int row() const { return static_cast<int>(sheet_.row_heights_pt.size()); }
    int columns() const { return static_cast<int>(sheet_.column_widths_pt.size()); }

    void text_block(const resolve::ResolvedBlock& block) {
        const load::BlockSpec& spec = *block.spec;
        SheetCell cell;
        cell.row = row();
        cell.colspan = columns();
        cell.text = block.text;
        cell.loc = block.text_loc;
        cell.format = format_for(layout_, spec.style);
        cell.format.fill = spec.fill;
        cell.format.border = spec.frame;
        // The title and the 备注 line are the form's; a paragraph showing another field (the
        // year line of the older forms) is filled in.
        cell.format.locked = spec.field.empty() || spec.field == load::kTitleFieldId ||
                             spec.field == load::kFooterFieldId;
        cell.field = spec.field;
        sheet_.row_heights_pt.push_back(
            std::min(kMaxRowHeightPt, text_height(layout_, spec.style, block.text, edges_.back()) +
                                          spec.space_after_pt));
        sheet_.cells.push_back(std::move(cell));
    }

    // A `texts:` cell of a header field among the layout's own texts: the field, and the texts
    // around its value (the cell's text is all of them, one a line); nothing for another cell.
    static void wrapped_field(const resolve::ResolvedCell& resolved, SheetCell& cell) {
        if (!resolved.field.empty() || !resolved.tree.empty() || resolved.texts.empty()) {
            return;
        }
        const auto is_field = [](const resolve::ResolvedText& text) { return !text.field.empty(); };
        const auto field = std::find_if(resolved.texts.begin(), resolved.texts.end(), is_field);
        if (field == resolved.texts.end() ||
            std::count_if(resolved.texts.begin(), resolved.texts.end(), is_field) != 1) {
            return;
        }
        cell.field = field->field;
        cell.loc = field->loc; // the value's, as for a cell of one field
        for (auto it = resolved.texts.begin(); it != field; ++it) {
            cell.text_before += it->text + "\n";
        }
        for (auto it = field + 1; it != resolved.texts.end(); ++it) {
            cell.text_after += "\n" + it->text;
        }
    }

    // `value`: the text of the field's value (the cell's text without text_before/after).
    bool editable(const resolve::ResolvedCell& resolved, const SheetCell& cell,
                  std::string_view value) {
        if (cell.field.empty() && cell.level < 0) {
            return false; // the layout's own text
        }
        // A header field shown twice (项目负责人 in the table and on the sign-off line): the
        // first is filled in, the second only shows it.
        if (cell.tree.empty() && !fields_seen_.insert(cell.field).second) {
            return false;
        }
        return !(resolved.fill && !value.empty()); // grey with a value: the system's
    }

    void table(const resolve::ResolvedTable& table) {
        const std::vector<int> snapped = snap_edges(edges_of(table.column_widths_pt), edges_);
        const int first = row();
        std::vector<double> heights;
        for (const resolve::ResolvedRow& r : table.rows) {
            heights.push_back(r.min_height_pt);
        }
        struct LevelColumn {
            int column = 0;
            int first_row = 0;
            int last_row = 0;
        };
        std::map<std::pair<std::string, int>, LevelColumn> level_columns;
        for (const resolve::ResolvedCell& resolved : table.cells) {
            SheetCell cell;
            cell.row = first + resolved.row;
            cell.column = snapped[static_cast<std::size_t>(resolved.column)];
            cell.colspan =
                snapped[static_cast<std::size_t>(resolved.column + resolved.colspan)] - cell.column;
            cell.rowspan = resolved.rowspan;
            cell.text = resolved.text;
            cell.loc = resolved.loc;
            cell.format = format_for(layout_, resolved.style);
            cell.format.fill = resolved.fill;
            cell.format.border = table.border_width_pt > 0;
            cell.format.border_color = table.border_color;
            cell.field = resolved.field;
            cell.tree = resolved.tree;
            cell.level = resolved.level;
            wrapped_field(resolved, cell);
            const std::string_view value = std::string_view(cell.text).substr(
                cell.text_before.size(),
                cell.text.size() - cell.text_before.size() - cell.text_after.size());
            cell.format.locked = !editable(resolved, cell, value);
            const double width = edges_[static_cast<std::size_t>(cell.column + cell.colspan)] -
                                 edges_[static_cast<std::size_t>(cell.column)];
            const double needed = text_height(layout_, resolved.style, resolved.text, width);
            const auto last = static_cast<std::size_t>(resolved.row + resolved.rowspan - 1);
            double spanned = 0;
            for (auto r = static_cast<std::size_t>(resolved.row); r <= last; ++r) {
                spanned += heights[r];
            }
            if (needed > spanned) {
                heights[last] += needed - spanned; // a spanning cell grows its last row
            }
            if (resolved.level >= 0) {
                const auto key = std::make_pair(resolved.tree, resolved.level);
                auto [it, inserted] =
                    level_columns.emplace(key, LevelColumn{cell.column, cell.row, cell.row});
                it->second.last_row = std::max(it->second.last_row, cell.row + cell.rowspan - 1);
            } else if (resolved.tree.empty() && !resolved.field.empty()) {
                choice_drop_down(resolved.field, cell);
            }
            sheet_.cells.push_back(std::move(cell));
        }
        for (const auto& [key, column] : level_columns) {
            level_drop_down(key.first, key.second, column.column, column.first_row,
                            column.last_row);
        }
        repeat_header(table, first, !level_columns.empty());
        for (const double height : heights) {
            sheet_.row_heights_pt.push_back(std::min(kMaxRowHeightPt, height));
        }
    }

    void choice_drop_down(const std::string& field_id, const SheetCell& cell) {
        const load::FieldDefinition* field =
            layout_.form ? layout_.form->find_field(field_id) : nullptr;
        if (!field || field->kind != load::FieldKind::Choice || !fits_a_list(field->choices)) {
            return;
        }
        sheet_.drop_downs.push_back(DropDown{cell.row, cell.column, cell.row + cell.rowspan - 1,
                                             cell.column + cell.colspan - 1, field->choices, true});
    }

    void level_drop_down(const std::string& tree_id, int level, int column, int first_row,
                         int last_row) {
        const load::TreeDefinition* tree =
            layout_.form ? layout_.form->find_tree(tree_id) : nullptr;
        if (!tree) {
            return;
        }
        std::vector<std::string> names;
        collect_names(tree->vocabulary, 0, level, *tree, names);
        if (fits_a_list(names)) {
            sheet_.drop_downs.push_back(
                DropDown{first_row, column, last_row, column, std::move(names), false});
        }
    }

    // The header rows of the table with the indicators repeat at the top of every printed page.
    void repeat_header(const resolve::ResolvedTable& table, int first, bool has_group) {
        if (!has_group || sheet_.repeat_first_row >= 0) {
            return;
        }
        for (std::size_t r = 0; r < table.rows.size(); ++r) {
            if (table.rows[r].header) {
                if (sheet_.repeat_first_row < 0) {
                    sheet_.repeat_first_row = first + static_cast<int>(r);
                }
                sheet_.repeat_last_row = first + static_cast<int>(r);
            }
        }
    }

    const load::LayoutSpec& layout_;
    Sheet& sheet_;
    std::vector<double> edges_;
    std::set<std::string> fields_seen_;
};

using LocKey = std::tuple<std::string, int, int>;

LocKey key_of(const SourceLoc& loc) {
    return {loc.file, loc.line, loc.col};
}

void collect_values(const std::vector<load::Group>& groups,
                    std::vector<const load::TextValue*>& values) {
    for (const load::Group& group : groups) {
        values.push_back(&group.label);
        collect_values(group.groups, values);
        for (const load::Record& record : group.records) {
            for (const auto& [id, value] : record.fields) {
                values.push_back(&value);
            }
        }
    }
}

} // namespace

double estimated_text_height_pt(const std::string& text, double width_pt, double size_pt,
                                double line_spacing) {
    const double per_line = std::max(width_pt / size_pt, 1.0); // ems on a line
    int lines = 0;
    double ems = 0;
    std::size_t pos = 0;
    char32_t c = 0;
    const auto end_line = [&] {
        lines += std::max(1, static_cast<int>(std::ceil(ems / per_line - 1e-9)));
        ems = 0;
    };
    while (pos < text.size()) {
        if (!decode_utf8(text, pos, c)) {
            c = 0xFFFD;
        }
        if (c == '\n') {
            end_line();
        } else {
            ems += is_wide(c) ? 1.0 : 0.55;
        }
    }
    end_line();
    return lines * size_pt * line_spacing;
}

Sheet form_sheet(const load::LayoutSpec& layout, const load::Declaration* declaration) {
    const resolve::ResolvedForm form = resolve::resolve_form(layout, declaration);
    Sheet sheet;
    sheet.page_width_pt = layout.page.width_pt;
    sheet.page_height_pt = layout.page.height_pt;
    sheet.margin_top_pt = layout.page.margins.top;
    sheet.margin_bottom_pt = layout.page.margins.bottom;
    sheet.margin_left_pt = layout.page.margins.left;
    sheet.margin_right_pt = layout.page.margins.right;
    SheetBuilder(layout, sheet).build(form);
    return sheet;
}

void report_unplaced_values(const Sheet& sheet, const load::Declaration& declaration,
                            const std::string& layout_file, Diagnostics& diagnostics) {
    std::set<LocKey> shown;
    for (const SheetCell& cell : sheet.cells) {
        shown.insert(key_of(cell.loc));
    }
    std::vector<const load::TextValue*> values;
    for (const auto& [id, value] : declaration.fields) {
        values.push_back(&value);
    }
    for (const auto& [id, groups] : declaration.trees) {
        collect_values(groups, values);
    }
    for (const load::TextValue* value : values) {
        if (!value->text.empty() && shown.count(key_of(value->loc)) == 0) {
            diagnostics.error(value->loc,
                              tr("this value has no cell on the form's sheet: the workbook "
                                 "would lose it"),
                              tr("the layout {0} does not show it (a field it does not print, or "
                                 "a tree without a group row); add it to the layout, or remove "
                                 "it from the declaration",
                                 {layout_file}));
        }
    }
}

} // namespace formpdf::workbook_writer
