// Paginating a table: which rows, or parts of rows, go on each page, and the errors for what
// cannot fit on any page (table_layout_run.h).

#include "core/diagnostic.h"
#include "core/geometry.h"
#include "core/messages.h"
#include "core/number_format.h"
#include "layout/table_layout_run.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>

namespace formpdf::layout::detail {

// --- rows and their parts -------------------------------------------------------------------

std::size_t TableLayouter::header_block_end(std::size_t row) const {
    while (row < table_.rows.size() && is_header(row)) {
        ++row;
    }
    return row;
}

double TableLayouter::rows_height(std::size_t first, std::size_t end) const {
    double height = 0;
    for (std::size_t r = first; r < end; ++r) {
        height += heights_[r];
    }
    return height;
}

// The least of a row that may stand on a page: one line of each of its single-row cells.
// (A spanning cell starting in the row is shown whole in each of its parts, see
// settle_labels().)
double TableLayouter::min_part_height(std::size_t row) const {
    double height = 0;
    for (std::size_t index : cells_by_row_[row]) {
        if (cells_[index].cell->rowspan == 1) {
            height = std::max(height, cells_[index].text.height_of(1));
        }
    }
    return height;
}

std::size_t TableLayouter::placed_lines(std::size_t index) const {
    const auto found = next_line_.find(index);
    return found == next_line_.end() ? 0 : found->second;
}

// Height of what is left of a row that was split on an earlier page.
// A cell of a split row whose lines all stood on an earlier page (the row's label, such as
// 项目概况：) is printed again, whole, on each later part: the row's label continues.
bool TableLayouter::repeats_on_continuation(std::size_t index) const {
    const BrokenText& text = cells_[index].text;
    return !text.lines().empty() && placed_lines(index) >= text.lines().size();
}

double TableLayouter::rest_height(std::size_t row) const {
    double height = 0;
    for (std::size_t index : cells_by_row_[row]) {
        if (cells_[index].cell->rowspan == 1) {
            const BrokenText& text = cells_[index].text;
            height =
                std::max(height, repeats_on_continuation(index)
                                     ? text.height()
                                     : text.height_of(text.lines().size() - placed_lines(index)));
        }
    }
    return height;
}

// The part of the rest of `row` that fits in `available`: as many lines of each cell as fit.
// False when some unfinished cell cannot show even one line.
bool TableLayouter::take_part(std::size_t row, double available, Fragment& part) {
    part.row = row;
    part.split = true;
    part.height = 0;
    for (std::size_t index : cells_by_row_[row]) {
        if (cells_[index].cell->rowspan != 1) {
            continue;
        }
        const BrokenText& text = cells_[index].text;
        if (part.continuation && repeats_on_continuation(index)) {
            part.repeated.push_back(index);
            part.height = std::max(part.height, text.height());
            continue;
        }
        const std::size_t first = placed_lines(index);
        const double room = available - text.height_of(0);
        const auto fit = static_cast<std::size_t>(
            std::max(0.0, std::floor(room / text.style->line_height_pt + kEpsilon)));
        const std::size_t last = std::min(text.lines().size(), first + fit);
        if (first < text.lines().size() && last == first) {
            return false;
        }
        part.lines[index] = {first, last};
        part.height = std::max(part.height, text.height_of(last - first));
    }
    part.height = std::max(part.height, 0.0);
    for (const auto& [index, range] : part.lines) {
        next_line_[index] = range.second;
    }
    return true;
}

// A row is finished: its cells' next lines are not needed again. next_line_ then holds the
// row being split only, so that saving the pagination state for each page stays cheap.
void TableLayouter::forget_lines(std::size_t row) {
    for (std::size_t index : cells_by_row_[row]) {
        next_line_.erase(index);
    }
}

bool TableLayouter::row_done(std::size_t row) const {
    for (std::size_t index : cells_by_row_[row]) {
        if (cells_[index].cell->rowspan == 1 &&
            placed_lines(index) < cells_[index].text.lines().size()) {
            return false;
        }
    }
    return true;
}

// --- what cannot fit on any page --------------------------------------------------------------

TableLayouter::PaginationState TableLayouter::state() const {
    return {row_, continuing_, next_line_, header_, previous_header_};
}

void TableLayouter::restore(const PaginationState& state) {
    row_ = state.row;
    continuing_ = state.continuing;
    next_line_ = state.next_line;
    header_ = state.header;
    previous_header_ = state.previous_header;
}

double TableLayouter::planned_height(const std::vector<Fragment>& page) {
    double height = 0;
    for (const Fragment& fragment : page) {
        height += fragment.height;
    }
    return height;
}

// Plans an empty page again, each time keeping free the room the last plan overflowed by,
// until it fits. Fails (at the label) when even one row's part cannot be placed that way.
std::vector<Fragment>
TableLayouter::plan_with_room_for_labels(bool first_page,
                                         const std::vector<Fragment>& overflowing) {
    const PaginationState before = state();
    double reserve = 0;
    std::vector<Fragment> page = overflowing;
    for (int attempt = 0; attempt < 16; ++attempt) {
        reserve += planned_height(page) - flow_.remaining();
        restore(before);
        const bool has_body = [&] {
            try {
                page = plan_page(first_page, reserve);
                return std::any_of(page.begin(), page.end(), [&](const Fragment& fragment) {
                    return !fragment.repeated_header && !is_header(fragment.row);
                });
            } catch (const DiagnosticError&) {
                return false; // not one line fits the room left: the label is at fault
            }
        }();
        if (!has_body) {
            break;
        }
        if (planned_height(page) <= flow_.remaining() + kEpsilon) {
            return page;
        }
    }
    restore(before);
    fail_overflow(overflowing);
}

// A page that starts empty and still overflows: a label (spanning cell) shown whole needs
// more than its rows get on the page. Points at the label that needs the most.
[[noreturn]] void TableLayouter::fail_overflow(const std::vector<Fragment>& page) {
    const MeasuredCell* worst = nullptr;
    double worst_need = 0;
    for (const CellOnPage& entry : cells_on_page(page)) {
        const BrokenText* text = shown_text(entry);
        if (cells_[entry.index].cell->rowspan > 1 && text && text->height() > worst_need) {
            worst = &cells_[entry.index];
            worst_need = text->height();
        }
    }
    if (!worst) {
        fail_no_room_below_header(page.back().row); // a line of the last row is too tall
    }
    throw DiagnosticError(make_error(
        worst->cell->box_loc,
        tr("the rows on this page need {0} but the page holds {1}: this cell spans rows and "
           "its text ({2}) is shown whole on the page",
           {mm(planned_height(page)), mm(flow_.content_height()), mm(worst_need)}),
        tr("make the cell's column wider or its text shorter, or let it span fewer rows")));
}

std::string TableLayouter::mm(double pt) {
    return format_number(pt_to_mm(pt), 2) + "mm";
}

// A header block [first, end) must leave room on a page for the first line of the row after
// it, or every page would overflow.
void TableLayouter::require_header_fits(std::size_t first, std::size_t end) const {
    const double block = rows_height(first, end);
    const double next = end < table_.rows.size() ? min_part_height(end) : 0;
    if (block + next <= flow_.content_height() + kEpsilon) {
        return;
    }
    throw DiagnosticError(make_error(
        table_.rows[first].loc,
        end < table_.rows.size()
            ? tr("the header rows starting here are {0} tall with their text, and the first "
                 "line of the row after them needs {1}: more than the page's content height "
                 "of {2}",
                 {mm(block), mm(next), mm(flow_.content_height())})
            : tr("the header rows starting here are {0} tall with their text, more than the "
                 "page's content height of {1}",
                 {mm(block), mm(flow_.content_height())}),
        tr("header rows repeat at the top of every page: make their text shorter, their "
           "columns wider, or their style's size or padding smaller")));
}

[[noreturn]] void TableLayouter::fail_no_room_below_header(std::size_t row) const {
    const bool has_header = header_heads_next_row();
    const SourceLoc& where = has_header ? table_.rows[header_.first].loc : table_.rows[row].loc;
    throw DiagnosticError(make_error(
        where,
        has_header ? tr("the first line of a row needs {0} but a page holds {1} below the "
                        "header rows starting here",
                        {mm(min_part_height(row)), mm(capacity_for_next_row())})
                   : tr("the first line of a row needs {0} but a page holds {1}",
                        {mm(min_part_height(row)), mm(capacity_for_next_row())}),
        tr("make the header rows or the row's style smaller, or the page's margins smaller")));
}

// --- one page -------------------------------------------------------------------------------

double TableLayouter::capacity_below_header() const {
    return flow_.content_height() - rows_height(header_.first, header_.second);
}

// The header block in force heads the next row to place: it repeats above it on a new page.
// Static rows after the indicators (合计, approval rows) are not headed (`heads:`).
bool TableLayouter::header_heads_next_row() const {
    return header_.second > header_.first && row_ < table_.rows[header_.first].heads_until;
}

// What a fresh page holds for the next row: the page less the header block that repeats
// above it.
double TableLayouter::capacity_for_next_row() const {
    return header_heads_next_row() ? capacity_below_header() : flow_.content_height();
}

// `reserve`: room kept free on the page for labels to grow into (plan_with_room_for_labels).
std::vector<Fragment> TableLayouter::plan_page(bool first_page, double reserve) {
    std::vector<Fragment> page;
    const bool page_was_empty = flow_.at_page_top();
    double available = flow_.remaining() - reserve;
    if (!first_page && header_heads_next_row()) {
        for (std::size_t h = header_.first; h < header_.second; ++h) {
            Fragment header;
            header.row = h;
            header.height = heights_[h];
            header.repeated_header = true;
            page.push_back(header);
            available -= heights_[h];
        }
    }
    bool body_here = false; // a row of the table other than a repeated header is on the page
    const auto may_break = [&] { return body_here || !page_was_empty; };
    const std::size_t rows = table_.rows.size();
    while (row_ < rows) {
        if (is_header(row_) && !continuing_) {
            // A header block comes with the first part of the row after it, never alone.
            const std::size_t end = header_block_end(row_);
            const double block = rows_height(row_, end);
            // The row after the header moves whole unless it is taller than a page: then
            // its first line is enough.
            double next = 0;
            if (end < rows) {
                const double fresh = flow_.content_height() - block;
                next = heights_[end] <= fresh + kEpsilon ? heights_[end] : min_part_height(end);
            }
            require_header_fits(row_, end);
            if (block + next > available + kEpsilon && may_break()) {
                break;
            }
            for (std::size_t h = row_; h < end; ++h) {
                Fragment header;
                header.row = h;
                header.height = heights_[h];
                page.push_back(header);
                available -= heights_[h];
            }
            previous_header_ = header_;
            header_ = {row_, end};
            row_ = end;
            body_here = true;
            continue;
        }
        const double whole = continuing_ ? rest_height(row_) : heights_[row_];
        double need = whole;
        if (row_ + 1 == rows && whole + tail_ <= capacity_for_next_row() + kEpsilon) {
            need += tail_; // the last row stays with the blocks that must follow the table
        }
        if (need <= available + kEpsilon) {
            Fragment fragment;
            fragment.continuation = continuing_;
            if (continuing_) {
                take_part(row_, whole + kEpsilon, fragment);
            } else {
                fragment.row = row_;
            }
            fragment.height = whole;
            page.push_back(std::move(fragment));
            available -= whole;
            body_here = true;
            continuing_ = false;
            forget_lines(row_);
            ++row_;
            continue;
        }
        // It does not fit here. If it fits a fresh page, it moves there whole.
        if (need <= capacity_for_next_row() + kEpsilon && may_break()) {
            break;
        }
        Fragment part;
        part.continuation = continuing_;
        if (!take_part(row_, available, part)) {
            if (may_break()) {
                break;
            }
            // Not one line fits on an empty page: the header rows leave too little room
            // (require_header_fits() let no other case through).
            fail_no_room_below_header(row_);
        }
        page.push_back(std::move(part));
        body_here = true;
        continuing_ = !row_done(row_);
        if (!continuing_) {
            forget_lines(row_);
            ++row_;
        }
        break; // the rest of the row continues on the next page
    }
    settle_labels(page, flow_.remaining());
    return page;
}

bool TableLayouter::covers(const MeasuredCell& cell, const Fragment& fragment) const {
    const auto first = static_cast<std::size_t>(cell.first_row());
    const auto last = static_cast<std::size_t>(cell.last_row());
    if (fragment.row < first || fragment.row > last) {
        return false;
    }
    // A repeated header row belongs to cells of the header block only.
    return !fragment.repeated_header || is_header(first);
}

// The cells with a part on the page, in the order of cells_ (the painting order). Visits only
// the cells that cover the page's rows, so a page costs its own cells, not the whole table's:
// a table of 66,000 rows is laid out in linear time.
std::vector<TableLayouter::CellOnPage>
TableLayouter::cells_on_page(const std::vector<Fragment>& page) {
    std::vector<CellOnPage> on_page;
    for (std::size_t f = 0; f < page.size(); ++f) {
        const Fragment& fragment = page[f];
        for (const std::size_t index : covering_[fragment.row]) {
            const MeasuredCell& cell = cells_[index];
            if (!covers(cell, fragment)) {
                continue;
            }
            std::size_t& place = place_of_cell_[index];
            if (place == kNotOnPage) {
                place = on_page.size();
                on_page.push_back(CellOnPage{index, f, f});
            }
            CellOnPage& entry = on_page[place];
            entry.last_fragment = f;
            entry.height += fragment.height;
            entry.header_part = entry.header_part || fragment.repeated_header;
            entry.starts =
                entry.starts || (fragment.row == static_cast<std::size_t>(cell.first_row()) &&
                                 !fragment.repeated_header && !fragment.continuation);
        }
    }
    std::size_t visited = 0;
    for (const Fragment& fragment : page) {
        visited += covering_[fragment.row].size();
    }
    cells_visited.fetch_add(visited, std::memory_order_relaxed);
    for (const CellOnPage& entry : on_page) {
        place_of_cell_[entry.index] = kNotOnPage;
    }
    std::sort(on_page.begin(), on_page.end(),
              [](const CellOnPage& a, const CellOnPage& b) { return a.index < b.index; });
    return on_page;
}

// The text a spanning cell shows on this page: its own, or the label repeated with the
// continued suffix, or nothing.
const BrokenText* TableLayouter::shown_text(const CellOnPage& entry) const {
    const MeasuredCell& cell = cells_[entry.index];
    if (entry.starts || entry.header_part) {
        return &cell.text;
    }
    return cell.cell->repeat_when_split ? &cell.continued_text() : nullptr;
}

// Every part of a spanning cell on this page must be tall enough for the text it shows: the
// last row of the part grows. When the page has no room for that, rows move to the next page.
void TableLayouter::settle_labels(std::vector<Fragment>& page, double room) {
    while (true) {
        std::map<std::size_t, double> growth; // fragment index → extra height
        for (const CellOnPage& entry : cells_on_page(page)) {
            if (cells_[entry.index].cell->rowspan <= 1) {
                continue;
            }
            const BrokenText* text = shown_text(entry);
            const double needed = text && !text->lines().empty() ? text->height() : 0;
            if (needed > entry.height + kEpsilon) {
                growth[entry.last_fragment] =
                    std::max(growth[entry.last_fragment], needed - entry.height);
            }
        }
        double total = 0;
        for (const Fragment& fragment : page) {
            total += fragment.height;
        }
        for (const auto& [f, extra] : growth) {
            total += extra;
        }
        if (total > room + kEpsilon) {
            require_labels_fit(page);
        }
        if (total <= room + kEpsilon || !can_move_last_row(page)) {
            for (const auto& [f, extra] : growth) {
                page[f].height += extra;
            }
            return;
        }
        move_last_row_to_next_page(page);
    }
}

// A label (a spanning cell) is shown whole on each page its span reaches: one taller than a
// page below the header rows can never be placed.
void TableLayouter::require_labels_fit(const std::vector<Fragment>& page) {
    for (const CellOnPage& entry : cells_on_page(page)) {
        const MeasuredCell& cell = cells_[entry.index];
        const BrokenText* text = shown_text(entry);
        if (cell.cell->rowspan <= 1 || !text || text->lines().empty()) {
            continue;
        }
        const double room = entry.header_part ? flow_.content_height() : capacity_below_header();
        if (text->height() > room + kEpsilon) {
            throw DiagnosticError(make_error(
                cell.cell->box_loc,
                entry.header_part
                    ? tr("this cell spans rows and is shown whole on every page it reaches, "
                         "but its text needs {0}, more than the {1} a page holds",
                         {mm(text->height()), mm(room)})
                    : tr("this cell spans rows and is shown whole on every page it reaches, "
                         "but its text needs {0}, more than the {1} a page holds below the "
                         "header rows",
                         {mm(text->height()), mm(room)}),
                tr("make the column wider, the text shorter, or the style's size or padding "
                   "smaller")));
        }
    }
}

// The last fragment can go back to the next page when it is a whole body row and not the only
// body row of the page.
bool TableLayouter::can_move_last_row(const std::vector<Fragment>& page) const {
    std::size_t body = 0;
    for (const Fragment& fragment : page) {
        if (!fragment.repeated_header && !is_header(fragment.row)) {
            ++body;
        }
    }
    const Fragment& last = page.back();
    return body > 1 && !last.split && !last.repeated_header && !is_header(last.row);
}

void TableLayouter::move_last_row_to_next_page(std::vector<Fragment>& page) {
    row_ = page.back().row;
    continuing_ = false;
    page.pop_back();
    // A header block left at the bottom goes along with it.
    if (!page.empty() && !page.back().repeated_header && is_header(page.back().row)) {
        while (!page.empty() && !page.back().repeated_header && is_header(page.back().row)) {
            row_ = page.back().row;
            page.pop_back();
        }
        header_ = previous_header_;
    }
}

} // namespace formpdf::layout::detail
