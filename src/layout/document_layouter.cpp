#include "layout/document_layouter.h"

#include "layout/page_flow.h"
#include "layout/resolved_style.h"
#include "layout/text_box.h"

#include <algorithm>
#include <cmath>

namespace formpdf::layout {

namespace {

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

// Places a title or paragraph. A paragraph that does not fit continues on the next page between
// two lines; a title moves whole unless it is taller than a page. Each part gets its own fill and
// frame, so borders close at a page break.
void layout_text_block(const load::BlockSpec& block, const StyleSet& styles, PageFlow& flow) {
    const ResolvedStyle& style = styles.get(block.style);
    const double width = std::min(block.width_pt.value_or(flow.content_width()), flow.content_width());
    const BrokenText broken = break_text(styles, style, block.text, width, block.text_loc);
    const double left = box_left(block, flow, width);

    if (!flow.at_page_top()) {
        flow.advance(block.space_before_pt);
    }
    const bool keep_whole = block.kind == load::BlockKind::Title;
    if (keep_whole && broken.height() > flow.remaining() && !flow.at_page_top() &&
        broken.height() <= flow.content_height()) {
        flow.new_page();
    }

    std::size_t next = 0;
    const std::size_t total = std::max<std::size_t>(broken.lines.size(), 1);
    while (next < total) {
        const double room = flow.remaining() - (broken.height_of(0));
        auto fitting = static_cast<std::size_t>(std::floor(room / style.line_height_pt + 1e-9));
        if (fitting == 0) {
            if (!flow.at_page_top()) {
                flow.new_page();
                continue;
            }
            fitting = 1; // a line taller than a page: place it anyway rather than loop forever
        }
        const std::size_t last = std::min(total, next + fitting);
        const double height = broken.height_of(last - next);
        const Rect box{left, flow.cursor() - height, width, height};
        std::vector<PageItem>& items = flow.items();
        if (block.fill) {
            items.emplace_back(FilledRect{box, *block.fill});
        }
        place_lines(broken, next, std::min(last, broken.lines.size()), left, flow.cursor(), width,
                    items);
        if (block.frame) {
            add_frame(box, items);
        }
        flow.advance(height);
        next = last;
        if (next < total) {
            flow.new_page();
        }
    }
    flow.advance(block.space_after_pt);
}

std::string document_title(const load::LayoutSpec& spec) {
    if (!spec.title.empty()) {
        return spec.title;
    }
    for (const load::BlockSpec& block : spec.blocks) {
        if (block.kind == load::BlockKind::Title) {
            return block.text;
        }
    }
    return {};
}

} // namespace

Document layout_document(const load::LayoutSpec& spec, text::FontLibrary& fonts) {
    const StyleSet styles(spec, fonts);
    Document document;
    document.metadata.title = document_title(spec);
    PageFlow flow(spec.page, document.pages);
    for (const load::BlockSpec& block : spec.blocks) {
        switch (block.kind) {
        case load::BlockKind::Spacer:
            if (block.height_pt > flow.remaining()) {
                flow.new_page();
            } else {
                flow.advance(block.height_pt);
            }
            break;
        case load::BlockKind::Title:
        case load::BlockKind::Paragraph:
            layout_text_block(block, styles, flow);
            break;
        }
    }
    flow.finish();
    document.fonts = styles.fonts();
    return document;
}

} // namespace formpdf::layout
