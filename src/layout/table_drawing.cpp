// Drawing a planned page of a table: fills, then texts, then borders (table_layout_run.h).

#include "layout/cell_borders.h"
#include "layout/cell_text.h"
#include "layout/table_layout_run.h"
#include "layout/text_box.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace formpdf::layout::detail {

void TableLayouter::draw_page(const std::vector<Fragment>& page) {
    std::vector<PageItem>& items = flow_.items();
    flow_.count_rows(static_cast<std::size_t>(
        std::count_if(page.begin(), page.end(),
                      [](const Fragment& fragment) { return !fragment.repeated_header; })));
    const double top = flow_.cursor();
    std::vector<double> fragment_top(page.size());
    double y = top;
    for (std::size_t f = 0; f < page.size(); ++f) {
        fragment_top[f] = y;
        y -= page[f].height;
    }
    const double bottom = y;
    if (!flow_.draws()) {
        flow_.advance(top - bottom); // as below: the same sums, so the same cursor
        return;
    }

    std::vector<PageItem> fills;
    std::vector<PageItem> texts;
    // Cell outlines, rounded and de-duplicated so that shared edges are stroked once, in
    // sorted order (sorted and made unique once, not a set node allocated per edge).
    std::vector<std::tuple<double, double, double, double>> edges;
    edges.reserve(4 * cells_.size());
    const auto add_outline = [&](const Rect& box) {
        const auto r = [](double v) { return std::round(v * 1000) / 1000; };
        const double left = r(box.left()), right = r(box.right());
        const double low = r(box.bottom()), high = r(box.top());
        edges.emplace_back(left, high, right, high);
        edges.emplace_back(left, low, right, low);
        edges.emplace_back(left, low, left, high);
        edges.emplace_back(right, low, right, high);
    };

    std::vector<CellFrame> frames; // with table_.cell_borders: the cells' own borders
    const auto load_frame = [&](const CellOnPage& entry) {
        const resolve::ResolvedCell& cell = *cells_[entry.index].cell;
        return CellFrame{cell.column, cell.column + cell.colspan, entry.first_fragment,
                         entry.last_fragment + 1, cell.border};
    };
    for (const CellOnPage& entry : cells_on_page(page)) {
        const std::size_t index = entry.index;
        const MeasuredCell& cell = cells_[index];
        const double box_top = fragment_top[entry.first_fragment];
        const double box_bottom =
            fragment_top[entry.last_fragment] - page[entry.last_fragment].height;
        const Rect box{cell.x, box_bottom, cell.width, box_top - box_bottom};
        if (named_boxes_ && !cell.cell->name.empty() && entry.starts) {
            named_boxes_->push_back(
                NamedBox{cell.cell->name, static_cast<int>(flow_.page_index()), box});
        }
        if (cell.cell->fill) {
            fills.emplace_back(FilledRect{box, *cell.cell->fill});
        }
        if (table_.cell_borders) {
            frames.push_back(load_frame(entry));
        } else if (table_.border_width_pt > 0) {
            add_outline(box);
        }

        const BrokenText* text = nullptr;
        std::size_t first_line = 0, last_line = 0;
        const Fragment& fragment = page[entry.first_fragment];
        if (cell.cell->rowspan == 1 && fragment.split) {
            const auto found = fragment.lines.find(index);
            if (found != fragment.lines.end()) {
                text = &cell.text;
                std::tie(first_line, last_line) = found->second;
            } else if (std::find(fragment.repeated.begin(), fragment.repeated.end(), index) !=
                       fragment.repeated.end()) {
                text = &cell.text;
                last_line = cell.text.lines().size();
            }
        } else if (cell.cell->rowspan == 1) {
            text = &cell.text;
            last_line = cell.text.lines().size();
        } else {
            text = shown_text(entry);
            last_line = text ? text->lines().size() : 0;
        }
        if (!text || last_line <= first_line) {
            continue;
        }
        const double text_height = text->height_of(last_line - first_line);
        const double slack = std::max(0.0, box.height - text_height);
        double text_top = box.top();
        if (text->style->valign == load::VAlign::Middle) {
            text_top -= slack / 2;
        } else if (text->style->valign == load::VAlign::Bottom) {
            text_top -= slack;
        }
        if (!cell.parts.empty()) {
            place_parts(cell.parts, box, texts);
            continue;
        }
        place_lines(*text, first_line, last_line, box.x, text_top, box.width, texts);
    }

    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
    items.reserve(items.size() + fills.size() + texts.size() + edges.size());
    for (PageItem& item : fills) {
        items.push_back(std::move(item));
    }
    for (PageItem& item : texts) {
        items.push_back(std::move(item));
    }
    for (const auto& [x1, y1, x2, y2] : edges) {
        items.emplace_back(
            StrokedLine{{x1, y1}, {x2, y2}, table_.border_width_pt, table_.border_color});
    }
    if (table_.cell_borders) {
        std::vector<double> row_y(fragment_top);
        row_y.push_back(bottom);
        for (StrokedLine& line : cell_border_rules(frames, column_x_, row_y, table_.border_width_pt,
                                                   table_.border_color)) {
            items.emplace_back(line);
        }
    }
    flow_.advance(top - bottom);
}

} // namespace formpdf::layout::detail
