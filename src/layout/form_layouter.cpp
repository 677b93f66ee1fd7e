#include "layout/form_layouter.h"

#include "layout/table_layouter.h"
#include "layout/text_box.h"

#include <algorithm>
#include <atomic>
#include <cmath>

namespace formpdf::layout {

namespace {

std::atomic<std::size_t> forms_drawn{0};   // see form_layout_counts()
std::atomic<std::size_t> forms_counted{0}; // see form_layout_counts()

constexpr Color kFrameColor{0, 0, 0};
constexpr double kFrameWidth = 0.5;

void add_frame(const Rect& box, std::vector<PageItem>& items) {
    const Point corners[4] = {{box.left(), box.top()},
                              {box.right(), box.top()},
                              {box.right(), box.bottom()},
                              {box.left(), box.bottom()}};
    for (int i = 0; i < 4; ++i) {
        items.emplace_back(StrokedLine{corners[i], corners[(i + 1) % 4], kFrameWidth, kFrameColor});
    }
}

double block_width(const load::BlockSpec& block, const PageFlow& flow) {
    return std::min(block.width_pt.value_or(flow.content_width()), flow.content_width());
}

double box_left(const load::BlockSpec& block, const PageFlow& flow, double box_width) {
    const double free = flow.content_width() - box_width;
    switch (block.box_align.value_or(load::HAlign::Left)) {
    case load::HAlign::Center:
        return flow.content_left() + free / 2;
    case load::HAlign::Right:
        return flow.content_left() + free;
    case load::HAlign::Left:
        break;
    }
    return flow.content_left();
}

class FormLayouter {
public:
    FormLayouter(const StyleSet& styles, PageFlow& flow, FormLines* known_lines)
        : styles_(styles), flow_(flow), known_lines_(known_lines) {}

    // The named cells' boxes, with page indexes counted from the form's first page.
    std::vector<NamedBox>& named_boxes() { return named_boxes_; }

    void layout(const resolve::ResolvedForm& form) {
        for (std::size_t i = 0; i < form.blocks.size(); ++i) {
            const resolve::ResolvedBlock& block = form.blocks[i];
            const load::BlockSpec& spec = *block.spec;
            switch (spec.kind) {
            case load::BlockKind::Spacer:
                if (spec.height_pt > flow_.remaining()) {
                    flow_.new_page();
                } else {
                    flow_.advance(spec.height_pt);
                }
                break;
            case load::BlockKind::Title:
            case load::BlockKind::Paragraph:
                layout_text_block(block);
                break;
            case load::BlockKind::Table:
                if (!flow_.at_page_top()) {
                    flow_.advance(spec.space_before_pt);
                }
                layout_table(*block.table, styles_, flow_, tail_height(form, i), &named_boxes_,
                             known_lines(form, i));
                flow_.advance(spec.space_after_pt);
                break;
            }
        }
    }

private:
    // The lines kept for the table of block i, if lines are kept.
    TableLines* known_lines(const resolve::ResolvedForm& form, std::size_t i) const {
        if (!known_lines_) {
            return nullptr;
        }
        known_lines_->resize(std::max(known_lines_->size(), form.blocks.size()));
        return &(*known_lines_)[i];
    }

    BrokenText break_block(const resolve::ResolvedBlock& block) const {
        const load::BlockSpec& spec = *block.spec;
        BrokenText broken = break_text(styles_, styles_.get(spec.style), block.text,
                                       block_width(spec, flow_), block.text_loc);
        require_width_fits(broken, spec.loc, block.text_loc);
        return broken;
    }

    // The height of the blocks right after block i that must stay on its page (keep-with-previous),
    // so that a table's last row moves with them rather than leave them alone on a page.
    double tail_height(const resolve::ResolvedForm& form, std::size_t i) const {
        double height = 0;
        for (std::size_t next = i + 1; next < form.blocks.size(); ++next) {
            const load::BlockSpec& spec = *form.blocks[next].spec;
            if (!spec.keep_with_previous) {
                break;
            }
            switch (spec.kind) {
            case load::BlockKind::Spacer:
                height += spec.height_pt;
                break;
            case load::BlockKind::Title:
            case load::BlockKind::Paragraph:
                height += spec.space_before_pt + break_block(form.blocks[next]).height();
                break;
            case load::BlockKind::Table:
                // Sign-off lines written as a borderless table: all its rows stay with the block
                // before it.
                height += spec.space_before_pt + table_height(*form.blocks[next].table, styles_,
                                                              flow_, known_lines(form, next));
                break;
            }
        }
        return height <= flow_.content_height() ? height : 0;
    }

    // Places a title or paragraph. A paragraph that does not fit continues on the next page between
    // two lines; a title moves whole unless it is taller than a page. Each part gets its own fill
    // and frame, so borders close at a page break.
    void layout_text_block(const resolve::ResolvedBlock& block) {
        const load::BlockSpec& spec = *block.spec;
        const ResolvedStyle& style = styles_.get(spec.style);
        const double width = block_width(spec, flow_);
        const BrokenText broken = break_block(block);
        const double left = box_left(spec, flow_, width);

        if (!flow_.at_page_top()) {
            flow_.advance(spec.space_before_pt);
        }
        const bool keep_whole = spec.kind == load::BlockKind::Title || spec.keep_with_previous;
        if (keep_whole && broken.height() > flow_.remaining() && !flow_.at_page_top() &&
            broken.height() <= flow_.content_height()) {
            flow_.new_page();
        }

        std::size_t next = 0;
        const std::size_t total = std::max<std::size_t>(broken.lines().size(), 1);
        while (next < total) {
            const double room = flow_.remaining() - broken.height_of(0);
            // (room is negative when the padding alone does not fit what is left of the page)
            auto fitting = static_cast<std::size_t>(
                std::max(0.0, std::floor(room / style.line_height_pt + 1e-9)));
            if (fitting == 0) {
                if (!flow_.at_page_top()) {
                    flow_.new_page();
                    continue;
                }
                fitting = 1; // a line taller than a page: place it rather than loop forever
            }
            const std::size_t last = std::min(total, next + fitting);
            const double height = broken.height_of(last - next);
            const Rect box{left, flow_.cursor() - height, width, height};
            std::vector<PageItem>& items = flow_.items(); // opens the page, drawn or not
            if (flow_.draws()) {
                if (spec.fill) {
                    items.emplace_back(FilledRect{box, *spec.fill});
                }
                place_lines(broken, next, std::min(last, broken.lines().size()), left,
                            flow_.cursor(), width, items);
                if (spec.frame) {
                    add_frame(box, items);
                }
            }
            flow_.advance(height);
            next = last;
            if (next < total) {
                flow_.new_page();
            }
        }
        flow_.advance(spec.space_after_pt);
    }

    const StyleSet& styles_;
    PageFlow& flow_;
    FormLines* known_lines_;
    std::vector<NamedBox> named_boxes_;
};

} // namespace

FormPages lay_out_form(const resolve::ResolvedForm& form, const StyleSet& styles,
                       const load::PageSpec& page, LayoutPass pass, FormLines* known_lines) {
    (pass == LayoutPass::Draw ? forms_drawn : forms_counted)
        .fetch_add(1, std::memory_order_relaxed);
    FormPages laid;
    PageFlow flow(page, laid.pages, pass);
    FormLayouter form_layouter(styles, flow, known_lines);
    form_layouter.layout(form);
    flow.finish();
    laid.named_boxes = std::move(form_layouter.named_boxes());
    laid.rows_on_last_page = flow.rows_on_last_page();
    return laid;
}

FormLayoutCounts form_layout_counts() {
    return {forms_drawn.load(std::memory_order_relaxed),
            forms_counted.load(std::memory_order_relaxed)};
}

} // namespace formpdf::layout
