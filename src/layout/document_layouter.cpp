#include "layout/document_layouter.h"

#include "core/diagnostic.h"
#include "core/messages.h"
#include "core/number_format.h"
#include "layout/document_merge.h"
#include "layout/form_tightening.h"
#include "layout/page_flow.h"
#include "layout/resolved_style.h"
#include "layout/table_layouter.h"
#include "layout/text_box.h"
#include "resolve/form_resolver.h"

#include <algorithm>
#include <cmath>
#include <optional>

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
    FormLayouter(const StyleSet& styles, PageFlow& flow) : styles_(styles), flow_(flow) {}

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
                layout_table(*block.table, styles_, flow_, tail_height(form, i), &named_boxes_);
                flow_.advance(spec.space_after_pt);
                break;
            }
        }
    }

private:
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
                height +=
                    spec.space_before_pt + table_height(*form.blocks[next].table, styles_, flow_);
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
            std::vector<PageItem>& items = flow_.items();
            if (spec.fill) {
                items.emplace_back(FilledRect{box, *spec.fill});
            }
            place_lines(broken, next, std::min(last, broken.lines().size()), left, flow_.cursor(),
                        width, items);
            if (spec.frame) {
                add_frame(box, items);
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
    std::vector<NamedBox> named_boxes_;
};

std::string replace_all(std::string text, std::string_view from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

// Draws "第{page}页 共{pages}页" in the bottom (or top) margin of each page of one form.
void add_page_numbers(const load::LayoutSpec& spec, const StyleSet& styles, Document& document,
                      std::size_t first_page) {
    const load::PageNumberSpec& numbers = spec.page_numbers;
    if (numbers.format.empty()) {
        return;
    }
    const ResolvedStyle& style = styles.get(numbers.style);
    const std::size_t pages = document.pages.size() - first_page;
    const double left = spec.page.margins.left;
    const double width = spec.page.width_pt - spec.page.margins.left - spec.page.margins.right;
    for (std::size_t i = 0; i < pages; ++i) {
        std::string text = replace_all(numbers.format, "{page}", std::to_string(i + 1));
        text = replace_all(text, "{pages}", std::to_string(pages));
        const BrokenText broken = break_text(styles, style, text, width, numbers.loc);
        require_width_fits(broken, numbers.loc);
        const double height = broken.height();
        Page& page = document.pages[first_page + i];
        const double top =
            numbers.at_top ? page.height - numbers.offset_pt : numbers.offset_pt + height;
        if (top - height < -1e-6 || top > page.height + 1e-6) {
            const auto mm = [](double pt) { return format_number(pt_to_mm(pt), 2) + "mm"; };
            throw DiagnosticError(make_error(
                numbers.loc,
                tr("the page number '{0}' takes {1} line(s), {2} tall, {3} from the page's edge: "
                   "it runs off the {4} page",
                   {text, std::to_string(broken.lines().size()), mm(height), mm(numbers.offset_pt),
                    mm(page.height)}),
                tr("make the page numbers' style smaller or their offset smaller, or shorten the "
                   "format")));
        }
        // Exactly the room for the number: growing a full vector would double every page's items.
        page.items.reserve(page.items.size() + broken.lines().size());
        place_lines(broken, 0, broken.lines().size(), left, top, width, page.items);
    }
}

// One form laid out on its own pages.
struct FormPages {
    std::vector<Page> pages;
    std::vector<NamedBox> named_boxes; // page indexes counted from the form's first page
    std::size_t rows_on_last_page = 0;
};

FormPages lay_out_form(const resolve::ResolvedForm& form, const StyleSet& styles,
                       const load::PageSpec& page) {
    FormPages laid;
    PageFlow flow(page, laid.pages);
    FormLayouter form_layouter(styles, flow);
    form_layouter.layout(form);
    flow.finish();
    laid.named_boxes = std::move(form_layouter.named_boxes());
    laid.rows_on_last_page = flow.rows_on_last_page();
    return laid;
}

// The form laid out again with its vertical spacing tightened (`tighten:`), when that saves a
// page: the least of the shares 1/4, 1/2, 3/4, 1 that gives as few pages as the layout's limits
// do (found in at most three more layouts; one when the limits do not save a page). Otherwise
// the form as it was laid out.
FormPages tighten_to_save_pages(FormPages normal, const resolve::ResolvedForm& form,
                                const StyleSet& styles, const load::LayoutSpec& spec) {
    const auto attempt = [&](double share) -> std::optional<FormPages> {
        try {
            return lay_out_form(tightened_form(form, spec.tighten, share),
                                tightened_styles(styles, spec.tighten, share), spec.page);
        } catch (const DiagnosticError&) {
            return std::nullopt; // the form as the layout gives it is laid out already
        }
    };
    std::optional<FormPages> best = attempt(1);
    if (!best || best->pages.size() >= normal.pages.size()) {
        return normal;
    }
    const std::size_t target = best->pages.size();
    double best_share = 1;
    double low = 0;
    for (int step = 0; step < 2; ++step) {
        const double share = (low + best_share) / 2;
        std::optional<FormPages> tighter = attempt(share);
        if (tighter && tighter->pages.size() <= target) {
            best = std::move(tighter);
            best_share = share;
        } else {
            low = share;
        }
    }
    for (Page& page : best->pages) {
        page.tightened = best_share;
    }
    return std::move(*best);
}

// Adds a form's named boxes to the document: the first form keeps a name, later forms with the
// same name get "-2", "-3" ... after it.
void add_named_boxes(const std::vector<NamedBox>& boxes, std::size_t first_page,
                     Document& document) {
    for (NamedBox box : boxes) {
        box.page_index += static_cast<int>(first_page);
        add_named_box(document, std::move(box));
    }
}

} // namespace

Document layout_forms(const load::LayoutSpec& spec,
                      const std::vector<const load::Declaration*>& declarations,
                      text::FontLibrary& fonts) {
    Diagnostics ignored;
    return layout_forms(spec, declarations, fonts, ignored);
}

Document layout_forms(const load::LayoutSpec& spec,
                      const std::vector<const load::Declaration*>& declarations,
                      text::FontLibrary& fonts, Diagnostics& diagnostics) {
    const StyleSet styles(spec, fonts, &diagnostics);
    Document document;
    document.metadata.title = spec.title;
    std::vector<const load::Declaration*> forms = declarations;
    if (forms.empty()) {
        forms.push_back(nullptr); // the layout alone: the blank template
    }
    std::string single_title; // the title of the form, when there is one
    for (const load::Declaration* declaration : forms) {
        const resolve::ResolvedForm form = resolve::resolve_form(spec, declaration);
        single_title = form.title;
        const std::size_t first_page = document.pages.size();
        FormPages laid = lay_out_form(form, styles, spec.page);
        if (worth_tightening(spec.tighten, laid.pages.size(), laid.rows_on_last_page)) {
            laid = tighten_to_save_pages(std::move(laid), form, styles, spec);
        }
        add_named_boxes(laid.named_boxes, first_page, document);
        for (Page& page : laid.pages) {
            document.pages.push_back(std::move(page));
        }
        add_page_numbers(spec, styles, document, first_page);
        if (declaration) {
            document.outlines.push_back(
                Outline{form.outline_title, static_cast<int>(first_page), {}});
        }
    }
    if (declarations.size() == 1 && !document.outlines.empty()) {
        // The form's title, its declaration's own when it has one (resolve_form).
        const std::string& outline = document.outlines.front().title;
        document.metadata.title = outline.empty() || outline == single_title
                                      ? single_title
                                      : single_title + " " + outline;
    }
    document.fonts = styles.fonts();
    return document;
}

Document layout_document(const load::LayoutSpec& spec, text::FontLibrary& fonts) {
    return layout_forms(spec, {}, fonts);
}

} // namespace formpdf::layout
