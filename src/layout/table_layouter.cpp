#include "layout/table_layouter.h"

#include "layout/table_layout_run.h"

#include <atomic>

namespace formpdf::layout {

namespace detail {

std::atomic<std::size_t> cells_visited{0}; // see table_cells_visited()

void TableLayouter::run() {
    measure();
    compute_row_heights();
    bool first_page = true;
    while (row_ < table_.rows.size()) {
        if (!first_page) {
            flow_.new_page();
        }
        const PaginationState before = state();
        std::vector<Fragment> page = plan_page(first_page);
        if (planned_height(page) > flow_.remaining() + kEpsilon) {
            // The rules above could not make the page fit (labels grown past the room
            // left): start the table afresh on the next page; on a page that starts empty,
            // plan it again with less room for rows, leaving the labels room to grow.
            restore(before);
            if (!flow_.at_page_top()) {
                first_page = false;
                continue;
            }
            page = plan_with_room_for_labels(first_page, page);
        }
        draw_page(page);
        first_page = false;
    }
}

// The height of all rows on one page, as measured for pagination.
double TableLayouter::whole_height() {
    measure();
    compute_row_heights();
    return rows_height(0, table_.rows.size());
}

} // namespace detail

void layout_table(const resolve::ResolvedTable& table, const StyleSet& styles, PageFlow& flow,
                  double tail_height_pt, std::vector<NamedBox>* named_boxes,
                  TableLines* known_lines) {
    detail::TableLayouter(table, styles, flow, tail_height_pt, named_boxes, known_lines).run();
}

std::size_t table_cells_visited() {
    return detail::cells_visited.load(std::memory_order_relaxed);
}

double table_height(const resolve::ResolvedTable& table, const StyleSet& styles, PageFlow& flow,
                    TableLines* known_lines) {
    return detail::TableLayouter(table, styles, flow, 0, nullptr, known_lines).whole_height();
}

} // namespace formpdf::layout
