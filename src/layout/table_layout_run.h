#pragma once

// One table laid out on pages (layout_table(), table_height(): table_layouter.h), in the files that
// share this private header of the layout stage:
//  - table_measuring.cpp: each cell's text broken for its width, and the rows' heights;
//  - table_pagination.cpp: which rows, or parts of rows, go on each page, and what can never fit;
//  - table_drawing.cpp: a planned page's fills, texts and borders;
//  - table_layouter.cpp: the pages one after another, and the public functions.
// Each method's comment stands with its definition.

#include "layout/page_flow.h"
#include "layout/resolved_style.h"
#include "layout/table_layouter.h"
#include "layout/text_box.h"
#include "resolve/resolved_form.h"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace formpdf::layout::detail {

inline constexpr double kEpsilon = 1e-6;

extern std::atomic<std::size_t> cells_visited; // see table_cells_visited()

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

    // table_layouter.cpp
    void run();
    double whole_height();

private:
    // --- measuring (table_measuring.cpp) ----------------------------------------------------

    void measure();
    BrokenText broken(const ResolvedStyle& style, const std::string& text, double width,
                      const SourceLoc& where);
    void measure_drawn(MeasuredCell& measured, const ResolvedStyle& style);
    const ResolvedStyle& hint_style(const resolve::ResolvedCell& cell, const ResolvedStyle& style);
    const ResolvedStyle& derived_style(const ResolvedStyle& base, load::HAlign align,
                                       load::VAlign valign, const Color& color);
    void measure_parts(MeasuredCell& measured);
    void compute_row_heights();

    // --- rows and their parts (table_pagination.cpp) ----------------------------------------

    bool is_header(std::size_t row) const { return table_.rows[row].header; }
    std::size_t header_block_end(std::size_t row) const;
    double rows_height(std::size_t first, std::size_t end) const;
    double min_part_height(std::size_t row) const;
    std::size_t placed_lines(std::size_t index) const;
    bool repeats_on_continuation(std::size_t index) const;
    double rest_height(std::size_t row) const;
    bool take_part(std::size_t row, double available, Fragment& part);
    void forget_lines(std::size_t row);
    bool row_done(std::size_t row) const;

    // --- what cannot fit on any page (table_pagination.cpp) ---------------------------------

    struct PaginationState {
        std::size_t row = 0;
        bool continuing = false;
        std::map<std::size_t, std::size_t> next_line;
        std::pair<std::size_t, std::size_t> header;
        std::pair<std::size_t, std::size_t> previous_header;
    };

    PaginationState state() const;
    void restore(const PaginationState& state);
    static double planned_height(const std::vector<Fragment>& page);
    std::vector<Fragment> plan_with_room_for_labels(bool first_page,
                                                    const std::vector<Fragment>& overflowing);
    [[noreturn]] void fail_overflow(const std::vector<Fragment>& page);
    static std::string mm(double pt);
    void require_header_fits(std::size_t first, std::size_t end) const;
    [[noreturn]] void fail_no_room_below_header(std::size_t row) const;

    // --- one page (table_pagination.cpp) ----------------------------------------------------

    double capacity_below_header() const;
    bool header_heads_next_row() const;
    double capacity_for_next_row() const;
    std::vector<Fragment> plan_page(bool first_page, double reserve = 0);
    bool covers(const MeasuredCell& cell, const Fragment& fragment) const;

    // A cell with a part on a page: the fragments its box runs over.
    struct CellOnPage {
        std::size_t index = 0; // in cells_
        std::size_t first_fragment = 0;
        std::size_t last_fragment = 0;
        double height = 0;        // of the fragments it covers
        bool header_part = false; // its part lies in a repeated header
        bool starts = false;      // its first row (not a repeated copy of it) is on this page
    };

    std::vector<CellOnPage> cells_on_page(const std::vector<Fragment>& page);
    const BrokenText* shown_text(const CellOnPage& entry) const;
    void settle_labels(std::vector<Fragment>& page, double room);
    void require_labels_fit(const std::vector<Fragment>& page);
    bool can_move_last_row(const std::vector<Fragment>& page) const;
    void move_last_row_to_next_page(std::vector<Fragment>& page);

    // --- drawing (table_drawing.cpp) --------------------------------------------------------

    void draw_page(const std::vector<Fragment>& page);

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

} // namespace formpdf::layout::detail
