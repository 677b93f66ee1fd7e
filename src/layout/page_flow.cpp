#include "layout/page_flow.h"

#include <algorithm>

namespace formpdf::layout {

PageFlow::PageFlow(const load::PageSpec& page, std::vector<Page>& pages, LayoutPass pass)
    : width_(page.width_pt), height_(page.height_pt), margins_(page.margins), pages_(pages),
      pass_(pass), cursor_(page.height_pt - page.margins.top) {}

void PageFlow::advance(double height_pt) {
    cursor_ = std::max(margins_.bottom, cursor_ - height_pt);
}

void PageFlow::new_page() {
    if (!page_open_) {
        items(); // the first page is opened on demand; make the page that is being left exist
    }
    page_open_ = false;
    cursor_ = height_ - margins_.top;
    items();
}

std::vector<PageItem>& PageFlow::items() {
    if (!page_open_) {
        pages_.push_back(Page{width_, height_, {}});
        page_open_ = true;
        rows_on_page_ = 0;
    }
    return pages_.back().items;
}

void PageFlow::count_rows(std::size_t rows) {
    items(); // the rows are on the page items() fills
    rows_on_page_ += rows;
}

void PageFlow::finish() {
    if (pages_.empty()) {
        items();
    }
}

} // namespace formpdf::layout
