#pragma once

#include "layout/document.h"
#include "load/layout_spec.h"

namespace formpdf::layout {

// What a layout pass makes: the pages with everything drawn on them, or only as many pages as the
// content takes, left empty. The attempts of `tighten:` (form_tightening.h) only need to know how
// many pages a tightened form takes: counting them costs about half of drawing them. Both passes
// paginate alike (the same rows on the same pages, the same cursor after every block).
enum class LayoutPass { Draw, CountPages };

// Fills pages top to bottom inside the margins. Pages are created on demand, so a document with no
// content still gets its one page when finish() is called.
class PageFlow {
public:
    PageFlow(const load::PageSpec& page, std::vector<Page>& pages,
             LayoutPass pass = LayoutPass::Draw);

    // False when the pass only counts pages: nothing is to be placed into items() (it must still
    // be called where a drawing pass would, since it opens the page).
    bool draws() const { return pass_ == LayoutPass::Draw; }

    double content_left() const { return margins_.left; }
    double content_width() const { return width_ - margins_.left - margins_.right; }
    double content_height() const { return height_ - margins_.top - margins_.bottom; }

    // The y of the next free line (PDF coordinates: y grows upwards).
    double cursor() const { return cursor_; }
    double remaining() const { return cursor_ - margins_.bottom; }
    // True when nothing has been placed on the current page yet.
    bool at_page_top() const { return cursor_ >= height_ - margins_.top; }

    // Moves the cursor down; never below the bottom margin.
    void advance(double height_pt);
    void new_page();
    std::vector<PageItem>& items();
    // The index (in the pages vector) of the page items() fills.
    std::size_t page_index() const { return pages_.empty() ? 0 : pages_.size() - 1; }
    void finish();

    // Counts table rows placed on the current page (repeated header rows are not counted), so
    // that a form whose last page holds only a few rows can be tightened (form_tightening.h).
    void count_rows(std::size_t rows);
    // The rows counted on the last page opened.
    std::size_t rows_on_last_page() const { return rows_on_page_; }

private:
    double width_;
    double height_;
    load::Insets margins_;
    std::vector<Page>& pages_;
    LayoutPass pass_;
    double cursor_;
    bool page_open_ = false;
    std::size_t rows_on_page_ = 0;
};

} // namespace formpdf::layout
