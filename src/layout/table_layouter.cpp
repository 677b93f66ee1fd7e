#include "layout/table_layouter.h"

#include "core/diagnostic.h"
#include "core/messages.h"
#include "core/number_format.h"
#include "layout/cell_borders.h"
#include "layout/cell_text.h"
#include "layout/text_box.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <deque>
#include <map>
#include <tuple>

namespace formpdf::layout {

namespace {

constexpr double kEpsilon = 1e-6;
constexpr Color kHintGrey{0.5, 0.5, 0.5}; // a hint's colour when the layout names no hint-style

std::atomic<std::size_t> cells_visited{0}; // see table_cells_visited()

struct MeasuredCell {
    const resolve::ResolvedCell* cell = nullptr;
    double x = 0;
    double width = 0;
    BrokenText text; // the cell's own text
    // For a label repeated on a later page: its text followed by the continued suffix. Absent when
    // it would be the text itself (a copy of a megabyte text's lines would double its memory).
    std::optional<BrokenText> continued;
    // A cell with several texts (`texts:`): each broken for the cell. `text` then stands for all of
    // them as one line as tall as they are together, which pagination keeps whole.
    std::vector<BrokenText> parts;

    const BrokenText& continued_text() const { return continued ? *continued : text; }

    int first_row() const { return cell->row; }
    int last_row() const { return cell->row + cell->rowspan - 1; }
    // The height the text needs: its lines plus padding; an empty cell counts one line, so that a
    // blank form leaves room to write by hand.
    double needed_height() const {
        return text.height_of(std::max<std::size_t>(text.lines().size(), 1));
    }
};

// One row, or the part of a split row, on one page.
struct Fragment {
    std::size_t row = 0;
    double height = 0;
    bool repeated_header = false; // a header row printed again at the top of a later page
    bool split = false;           // part of a row split between pages: `lines` says which lines
    bool continuation = false;    // the rest of a row begun on an earlier page
    std::vector<std::size_t> repeated; // cells finished earlier, printed again whole (continuation)
    std::map<std::size_t, std::pair<std::size_t, std::size_t>> lines; // cell → [first, last)
};

class TableLayouter {
public:
    TableLayouter(const resolve::ResolvedTable& table, const StyleSet& styles, PageFlow& flow,
                  double tail_height_pt, std::vector<NamedBox>* named_boxes,
                  TableLines* known_lines)
        : table_(table), styles_(styles), flow_(flow), tail_(tail_height_pt),
          named_boxes_(named_boxes), known_lines_(known_lines) {}

    void run() {
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
    double whole_height() {
        measure();
        compute_row_heights();
        return rows_height(0, table_.rows.size());
    }

private:
    // --- measuring --------------------------------------------------------------------------

    void measure() {
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
            if (cell.repeat_when_split && cell.rowspan > 1 && !cell.text.empty() &&
                !suffix.empty()) {
                const std::string continued = cell.text + suffix;
                measured.continued =
                    broken(style, cell.vertical ? vertical_text(continued) : continued,
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
    BrokenText broken(const ResolvedStyle& style, const std::string& text, double width,
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
    void measure_drawn(MeasuredCell& measured, const ResolvedStyle& style) {
        const resolve::ResolvedCell& cell = *measured.cell;
        const bool hinted = cell.text.empty() && !cell.hint.empty();
        const std::string& shown = hinted ? cell.hint : cell.text;
        const ResolvedStyle& shown_style = hinted ? hint_style(cell, style) : style;
        const SourceLoc& where = hinted ? cell.box_loc : cell.loc;
        measured.text = broken(shown_style, cell.vertical ? vertical_text(shown) : shown,
                               measured.width, where);
        require_width_fits(measured.text, cell.box_loc, where);
    }

    // The hint's style: the one the layout names, or the cell's own in grey.
    const ResolvedStyle& hint_style(const resolve::ResolvedCell& cell, const ResolvedStyle& style) {
        if (!cell.hint_style.empty()) {
            return styles_.get(cell.hint_style);
        }
        return derived_style(style, style.align, style.valign, kHintGrey);
    }

    // A style with another alignment or colour, made once per table (a group of thousands of
    // rows shares it).
    const ResolvedStyle& derived_style(const ResolvedStyle& base, load::HAlign align,
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
    void measure_parts(MeasuredCell& measured) {
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

    void compute_row_heights() {
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
                heights_[static_cast<std::size_t>(cell->last_row())] +=
                    cell->needed_height() - spanned;
            }
        }
    }

    // --- rows and their parts ---------------------------------------------------------------

    bool is_header(std::size_t row) const { return table_.rows[row].header; }

    std::size_t header_block_end(std::size_t row) const {
        while (row < table_.rows.size() && is_header(row)) {
            ++row;
        }
        return row;
    }

    double rows_height(std::size_t first, std::size_t end) const {
        double height = 0;
        for (std::size_t r = first; r < end; ++r) {
            height += heights_[r];
        }
        return height;
    }

    // The least of a row that may stand on a page: one line of each of its single-row cells.
    // (A spanning cell starting in the row is shown whole in each of its parts, see
    // settle_labels().)
    double min_part_height(std::size_t row) const {
        double height = 0;
        for (std::size_t index : cells_by_row_[row]) {
            if (cells_[index].cell->rowspan == 1) {
                height = std::max(height, cells_[index].text.height_of(1));
            }
        }
        return height;
    }

    std::size_t placed_lines(std::size_t index) const {
        const auto found = next_line_.find(index);
        return found == next_line_.end() ? 0 : found->second;
    }

    // Height of what is left of a row that was split on an earlier page.
    // A cell of a split row whose lines all stood on an earlier page (the row's label, such as
    // 项目概况：) is printed again, whole, on each later part: the row's label continues.
    bool repeats_on_continuation(std::size_t index) const {
        const BrokenText& text = cells_[index].text;
        return !text.lines().empty() && placed_lines(index) >= text.lines().size();
    }

    double rest_height(std::size_t row) const {
        double height = 0;
        for (std::size_t index : cells_by_row_[row]) {
            if (cells_[index].cell->rowspan == 1) {
                const BrokenText& text = cells_[index].text;
                height = std::max(height,
                                  repeats_on_continuation(index)
                                      ? text.height()
                                      : text.height_of(text.lines().size() - placed_lines(index)));
            }
        }
        return height;
    }

    // The part of the rest of `row` that fits in `available`: as many lines of each cell as fit.
    // False when some unfinished cell cannot show even one line.
    bool take_part(std::size_t row, double available, Fragment& part) {
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
    void forget_lines(std::size_t row) {
        for (std::size_t index : cells_by_row_[row]) {
            next_line_.erase(index);
        }
    }

    bool row_done(std::size_t row) const {
        for (std::size_t index : cells_by_row_[row]) {
            if (cells_[index].cell->rowspan == 1 &&
                placed_lines(index) < cells_[index].text.lines().size()) {
                return false;
            }
        }
        return true;
    }

    // --- what cannot fit on any page ----------------------------------------------------------

    struct PaginationState {
        std::size_t row = 0;
        bool continuing = false;
        std::map<std::size_t, std::size_t> next_line;
        std::pair<std::size_t, std::size_t> header;
        std::pair<std::size_t, std::size_t> previous_header;
    };

    PaginationState state() const {
        return {row_, continuing_, next_line_, header_, previous_header_};
    }

    void restore(const PaginationState& state) {
        row_ = state.row;
        continuing_ = state.continuing;
        next_line_ = state.next_line;
        header_ = state.header;
        previous_header_ = state.previous_header;
    }

    static double planned_height(const std::vector<Fragment>& page) {
        double height = 0;
        for (const Fragment& fragment : page) {
            height += fragment.height;
        }
        return height;
    }

    // Plans an empty page again, each time keeping free the room the last plan overflowed by,
    // until it fits. Fails (at the label) when even one row's part cannot be placed that way.
    std::vector<Fragment> plan_with_room_for_labels(bool first_page,
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
    [[noreturn]] void fail_overflow(const std::vector<Fragment>& page) {
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

    static std::string mm(double pt) { return format_number(pt_to_mm(pt), 2) + "mm"; }

    // A header block [first, end) must leave room on a page for the first line of the row after
    // it, or every page would overflow.
    void require_header_fits(std::size_t first, std::size_t end) const {
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

    [[noreturn]] void fail_no_room_below_header(std::size_t row) const {
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

    // --- one page ---------------------------------------------------------------------------

    double capacity_below_header() const {
        return flow_.content_height() - rows_height(header_.first, header_.second);
    }

    // The header block in force heads the next row to place: it repeats above it on a new page.
    // Static rows after the indicators (合计, approval rows) are not headed (`heads:`).
    bool header_heads_next_row() const {
        return header_.second > header_.first && row_ < table_.rows[header_.first].heads_until;
    }

    // What a fresh page holds for the next row: the page less the header block that repeats
    // above it.
    double capacity_for_next_row() const {
        return header_heads_next_row() ? capacity_below_header() : flow_.content_height();
    }

    // `reserve`: room kept free on the page for labels to grow into (plan_with_room_for_labels).
    std::vector<Fragment> plan_page(bool first_page, double reserve = 0) {
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

    bool covers(const MeasuredCell& cell, const Fragment& fragment) const {
        const auto first = static_cast<std::size_t>(cell.first_row());
        const auto last = static_cast<std::size_t>(cell.last_row());
        if (fragment.row < first || fragment.row > last) {
            return false;
        }
        // A repeated header row belongs to cells of the header block only.
        return !fragment.repeated_header || is_header(first);
    }

    // A cell with a part on a page: the fragments its box runs over.
    struct CellOnPage {
        std::size_t index = 0; // in cells_
        std::size_t first_fragment = 0;
        std::size_t last_fragment = 0;
        double height = 0;        // of the fragments it covers
        bool header_part = false; // its part lies in a repeated header
        bool starts = false;      // its first row (not a repeated copy of it) is on this page
    };

    // The cells with a part on the page, in the order of cells_ (the painting order). Visits only
    // the cells that cover the page's rows, so a page costs its own cells, not the whole table's:
    // a table of 66,000 rows is laid out in linear time.
    std::vector<CellOnPage> cells_on_page(const std::vector<Fragment>& page) {
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
    const BrokenText* shown_text(const CellOnPage& entry) const {
        const MeasuredCell& cell = cells_[entry.index];
        if (entry.starts || entry.header_part) {
            return &cell.text;
        }
        return cell.cell->repeat_when_split ? &cell.continued_text() : nullptr;
    }

    // Every part of a spanning cell on this page must be tall enough for the text it shows: the
    // last row of the part grows. When the page has no room for that, rows move to the next page.
    void settle_labels(std::vector<Fragment>& page, double room) {
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
    void require_labels_fit(const std::vector<Fragment>& page) {
        for (const CellOnPage& entry : cells_on_page(page)) {
            const MeasuredCell& cell = cells_[entry.index];
            const BrokenText* text = shown_text(entry);
            if (cell.cell->rowspan <= 1 || !text || text->lines().empty()) {
                continue;
            }
            const double room =
                entry.header_part ? flow_.content_height() : capacity_below_header();
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
    bool can_move_last_row(const std::vector<Fragment>& page) const {
        std::size_t body = 0;
        for (const Fragment& fragment : page) {
            if (!fragment.repeated_header && !is_header(fragment.row)) {
                ++body;
            }
        }
        const Fragment& last = page.back();
        return body > 1 && !last.split && !last.repeated_header && !is_header(last.row);
    }

    void move_last_row_to_next_page(std::vector<Fragment>& page) {
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

    // --- drawing ----------------------------------------------------------------------------

    void draw_page(const std::vector<Fragment>& page) {
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
            for (StrokedLine& line : cell_border_rules(
                     frames, column_x_, row_y, table_.border_width_pt, table_.border_color)) {
                items.emplace_back(line);
            }
        }
        flow_.advance(top - bottom);
    }

    const resolve::ResolvedTable& table_;
    const StyleSet& styles_;
    PageFlow& flow_;
    double tail_;
    std::vector<NamedBox>* named_boxes_;
    TableLines* known_lines_;
    std::size_t next_known_ = 0; // the entry of known_lines_ the next text measured takes

    std::vector<MeasuredCell> cells_;
    std::deque<ResolvedStyle> derived_styles_; // hint and aligned styles; stable addresses
    std::map<std::tuple<std::string, load::HAlign, load::VAlign, double, double, double>,
             const ResolvedStyle*>
        derived_by_key_;
    std::vector<double> column_x_;                       // the columns' edges, left to right
    std::vector<std::vector<std::size_t>> cells_by_row_; // the cells that start in each row
    std::vector<std::vector<std::size_t>> covering_;     // the cells that cover each row
    // Scratch for cells_on_page(): where a cell is in its result, kNotOnPage between calls.
    static constexpr std::size_t kNotOnPage = static_cast<std::size_t>(-1);
    std::vector<std::size_t> place_of_cell_;
    std::vector<double> heights_;

    // Pagination state.
    std::size_t row_ = 0;                          // the next row to place
    bool continuing_ = false;                      // row_ was split and its rest goes on this page
    std::map<std::size_t, std::size_t> next_line_; // split rows: the next line of each cell
    std::pair<std::size_t, std::size_t> header_{0, 0}; // the header block in force
    std::pair<std::size_t, std::size_t> previous_header_{0, 0};
};

} // namespace

void layout_table(const resolve::ResolvedTable& table, const StyleSet& styles, PageFlow& flow,
                  double tail_height_pt, std::vector<NamedBox>* named_boxes,
                  TableLines* known_lines) {
    TableLayouter(table, styles, flow, tail_height_pt, named_boxes, known_lines).run();
}

std::size_t table_cells_visited() {
    return cells_visited.load(std::memory_order_relaxed);
}

double table_height(const resolve::ResolvedTable& table, const StyleSet& styles, PageFlow& flow,
                    TableLines* known_lines) {
    return TableLayouter(table, styles, flow, 0, nullptr, known_lines).whole_height();
}

} // namespace formpdf::layout
