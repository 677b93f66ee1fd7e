#include "layout/document_layouter.h"

#include "core/diagnostic.h"
#include "core/messages.h"
#include "core/number_format.h"
#include "layout/document_merge.h"
#include "layout/form_layouter.h"
#include "layout/form_tightening.h"
#include "layout/resolved_style.h"
#include "layout/text_box.h"
#include "resolve/form_resolver.h"

#include <optional>

namespace formpdf::layout {

namespace {

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

// The form laid out again with its vertical spacing tightened (`tighten:`), when that saves a
// page: the least of the shares 1/4, 1/2, 3/4, 1 that gives as few pages as the layout's limits
// do, found in at most three more passes that only count pages (one when the limits do not save a
// page), then drawn once with that share. Otherwise the form as it was laid out.
// `lines`: the lines of the form's tables as its first pass broke them; tightening changes no
// width, so every pass takes them as they are.
FormPages tighten_to_save_pages(FormPages normal, const resolve::ResolvedForm& form,
                                const StyleSet& styles, const load::LayoutSpec& spec,
                                FormLines& lines) {
    // One copy of the form serves every pass: each sets its rows' least heights anew.
    resolve::ResolvedForm tightened = form;
    // The number of pages the form takes tightened by `share`; none when it cannot be laid out.
    const auto pages_when_tightened = [&](double share) -> std::optional<std::size_t> {
        try {
            tighten_rows(form, spec.tighten, share, tightened);
            return lay_out_form(tightened, tightened_styles(styles, spec.tighten, share), spec.page,
                                LayoutPass::CountPages, &lines)
                .pages.size();
        } catch (const DiagnosticError&) {
            return std::nullopt; // the form as the layout gives it is laid out already
        }
    };
    const std::optional<std::size_t> target = pages_when_tightened(1);
    if (!target || *target >= normal.pages.size()) {
        return normal;
    }
    double best_share = 1;
    double low = 0;
    for (int step = 0; step < 2; ++step) {
        const double share = (low + best_share) / 2;
        const std::optional<std::size_t> pages = pages_when_tightened(share);
        if (pages && *pages <= *target) {
            best_share = share;
        } else {
            low = share;
        }
    }
    // Drawing paginates as counting did (page_flow.h): the pages counted, now with their content.
    tighten_rows(form, spec.tighten, best_share, tightened);
    FormPages laid = lay_out_form(tightened, tightened_styles(styles, spec.tighten, best_share),
                                  spec.page, LayoutPass::Draw, &lines);
    for (Page& page : laid.pages) {
        page.tightened = best_share;
    }
    return laid;
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
        // With `tighten:`, the lines of the form's tables are kept for the passes tightened.
        FormLines lines;
        FormPages laid = lay_out_form(form, styles, spec.page, LayoutPass::Draw,
                                      spec.tighten.enabled ? &lines : nullptr);
        if (worth_tightening(spec.tighten, laid.pages.size(), laid.rows_on_last_page)) {
            laid = tighten_to_save_pages(std::move(laid), form, styles, spec, lines);
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
