// Measuring a table: each cell's text broken for its width (table_layout_run.h), and the rows'
// heights.

#include "core/diagnostic.h"
#include "core/messages.h"
#include "layout/cell_text.h"
#include "layout/table_layout_run.h"
#include "layout/text_box.h"

#include <algorithm>
#include <memory>
#include <tuple>

namespace formpdf::layout::detail {

namespace {

constexpr Color kHintGrey{0.5, 0.5, 0.5}; // a hint's colour when the layout names no hint-style

} // namespace

void TableLayouter::measure() {
    std::vector<double> column_x(table_.column_widths_pt.size() + 1, flow_.content_left());
    for (std::size_t c = 0; c < table_.column_widths_pt.size(); ++c) {
        column_x[c + 1] = column_x[c] + table_.column_widths_pt[c];
    }
    column_x_ = column_x;
    cells_by_row_.resize(table_.rows.size());
    covering_.resize(table_.rows.size());
    cells_.reserve(table_.cells.size());
    for (const resolve::ResolvedCell& cell : table_.cells) {
        MeasuredCell measured;
        measured.cell = &cell;
        measured.x = column_x[static_cast<std::size_t>(cell.column)];
        measured.width =
            column_x[static_cast<std::size_t>(cell.column + cell.colspan)] - measured.x;
        const ResolvedStyle& style = styles_.get(cell.style);
        if (!cell.texts.empty()) {
            measure_parts(measured);
        } else if (cell.vertical || (cell.text.empty() && !cell.hint.empty())) {
            measure_drawn(measured, style);
        } else {
            measured.text = broken(style, cell.text, measured.width, cell.loc);
            require_width_fits(measured.text, cell.box_loc, cell.loc);
        }
        const std::string& suffix =
            cell.continued_suffix ? *cell.continued_suffix : table_.continued_suffix;
        if (cell.repeat_when_split && cell.rowspan > 1 && !cell.text.empty() && !suffix.empty()) {
            const std::string continued = cell.text + suffix;
            measured.continued = broken(style, cell.vertical ? vertical_text(continued) : continued,
                                        measured.width, cell.loc);
            require_width_fits(*measured.continued, cell.box_loc, cell.loc);
        }
        cells_by_row_[static_cast<std::size_t>(cell.row)].push_back(cells_.size());
        for (int r = cell.row; r < cell.row + cell.rowspan; ++r) {
            covering_[static_cast<std::size_t>(r)].push_back(cells_.size());
        }
        cells_.push_back(std::move(measured));
    }
    place_of_cell_.assign(cells_.size(), kNotOnPage);
}

// `text` broken for a box `width` wide: the lines an earlier pass broke when it kept them
// (TableLines: the n-th text measured), else shaped and broken now, and kept.
BrokenText TableLayouter::broken(const ResolvedStyle& style, const std::string& text, double width,
                                 const SourceLoc& where) {
    if (!known_lines_) {
        return break_text(styles_, style, text, width, where);
    }
    std::vector<TableLines::Entry>& entries = known_lines_->entries;
    const std::size_t n = next_known_++;
    BrokenText reused;
    reused.style = &style;
    reused.content_width_pt = std::max(0.0, width - style.padding.left - style.padding.right);
    if (n < entries.size() && entries[n].size_pt == style.size_pt &&
        entries[n].content_width_pt == reused.content_width_pt) {
        reused.shared_lines = entries[n].lines;
        return reused;
    }
    BrokenText made = break_text(styles_, style, text, width, where);
    TableLines::Entry entry{made.shared_lines, style.size_pt, made.content_width_pt};
    if (n < entries.size()) {
        entries[n] = std::move(entry);
    } else {
        entries.push_back(std::move(entry));
    }
    return made;
}

// A vertical cell (one character a line), or an empty one that shows its hint.
void TableLayouter::measure_drawn(MeasuredCell& measured, const ResolvedStyle& style) {
    const resolve::ResolvedCell& cell = *measured.cell;
    const bool hinted = cell.text.empty() && !cell.hint.empty();
    const std::string& shown = hinted ? cell.hint : cell.text;
    const ResolvedStyle& shown_style = hinted ? hint_style(cell, style) : style;
    const SourceLoc& where = hinted ? cell.box_loc : cell.loc;
    measured.text =
        broken(shown_style, cell.vertical ? vertical_text(shown) : shown, measured.width, where);
    require_width_fits(measured.text, cell.box_loc, where);
}

// The hint's style: the one the layout names, or the cell's own in grey.
const ResolvedStyle& TableLayouter::hint_style(const resolve::ResolvedCell& cell,
                                               const ResolvedStyle& style) {
    if (!cell.hint_style.empty()) {
        return styles_.get(cell.hint_style);
    }
    return derived_style(style, style.align, style.valign, kHintGrey);
}

// A style with another alignment or colour, made once per table (a group of thousands of
// rows shares it).
const ResolvedStyle& TableLayouter::derived_style(const ResolvedStyle& base, load::HAlign align,
                                                  load::VAlign valign, const Color& color) {
    const auto key = std::make_tuple(base.name, align, valign, color.r, color.g, color.b);
    const auto found = derived_by_key_.find(key);
    if (found != derived_by_key_.end()) {
        return *found->second;
    }
    ResolvedStyle derived = base;
    derived.align = align;
    derived.valign = valign;
    derived.color = color;
    const ResolvedStyle& made = derived_styles_.emplace_back(std::move(derived));
    derived_by_key_.emplace(key, &made);
    return made;
}

// Each of the cell's texts in its own style and alignment; together they count as one line.
void TableLayouter::measure_parts(MeasuredCell& measured) {
    const resolve::ResolvedCell& cell = *measured.cell;
    for (const resolve::ResolvedText& part : cell.texts) {
        const ResolvedStyle* style = &styles_.get(part.style);
        if (part.align || part.valign) {
            style = &derived_style(*style, part.align.value_or(style->align),
                                   part.valign.value_or(style->valign), style->color);
        }
        measured.parts.push_back(broken(*style, part.text, measured.width, part.loc));
        require_width_fits(measured.parts.back(), cell.box_loc, part.loc);
    }
    const double height = parts_height(measured.parts);
    if (height > flow_.content_height() + kEpsilon) {
        throw DiagnosticError(make_error(
            cell.box_loc,
            tr("the texts of this cell are kept together on one page and need {0}, more than "
               "the page's content height of {1}",
               {mm(height), mm(flow_.content_height())}),
            tr("make the cell's column wider or its texts shorter, or put the long text into "
               "a cell of its own")));
    }
    ResolvedStyle whole = styles_.get(cell.style);
    whole.padding = {};
    whole.line_height_pt = height;
    measured.text.style = &derived_styles_.emplace_back(std::move(whole));
    measured.text.shared_lines = std::make_shared<const std::vector<text::TextLine>>(1);
    measured.text.content_width_pt = measured.width;
}

void TableLayouter::compute_row_heights() {
    heights_.assign(table_.rows.size(), 0);
    for (std::size_t r = 0; r < table_.rows.size(); ++r) {
        heights_[r] = table_.rows[r].min_height_pt;
    }
    std::vector<const MeasuredCell*> spanning;
    for (const MeasuredCell& cell : cells_) {
        if (cell.cell->rowspan == 1) {
            double& height = heights_[static_cast<std::size_t>(cell.cell->row)];
            height = std::max(height, cell.needed_height());
        } else {
            spanning.push_back(&cell);
        }
    }
    // A spanning cell taller than its rows makes the last of them taller; shorter spans
    // first, so that a long span sees what its inner spans added.
    std::stable_sort(spanning.begin(), spanning.end(), [](const auto* a, const auto* b) {
        return a->cell->rowspan < b->cell->rowspan;
    });
    for (const MeasuredCell* cell : spanning) {
        double spanned = 0;
        for (int r = cell->first_row(); r <= cell->last_row(); ++r) {
            spanned += heights_[static_cast<std::size_t>(r)];
        }
        if (cell->needed_height() > spanned) {
            heights_[static_cast<std::size_t>(cell->last_row())] += cell->needed_height() - spanned;
        }
    }
}

} // namespace formpdf::layout::detail
