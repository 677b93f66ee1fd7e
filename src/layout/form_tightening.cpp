#include "layout/form_tightening.h"

#include <optional>

namespace formpdf::layout {

namespace {

// `value` moved `share` of the way down to `limit`; never raised, never below the limit.
double toward(double value, const std::optional<double>& limit, double share) {
    if (!limit || value <= *limit) {
        return value;
    }
    return value - share * (value - *limit);
}

} // namespace

bool worth_tightening(const load::TighteningSpec& limits, std::size_t pages,
                      std::size_t rows_on_last_page) {
    if (!limits.enabled || pages < 2) {
        return false;
    }
    return !limits.last_page_rows ||
           rows_on_last_page <= static_cast<std::size_t>(*limits.last_page_rows);
}

StyleSet tightened_styles(const StyleSet& styles, const load::TighteningSpec& limits,
                          double share) {
    return styles.adjusted([&](ResolvedStyle& style) {
        style.padding.top = toward(style.padding.top, limits.padding_pt, share);
        style.padding.bottom = toward(style.padding.bottom, limits.padding_pt, share);
        const double spacing = style.size_pt > 0 ? style.line_height_pt / style.size_pt : 0;
        const double tightened = toward(spacing, limits.line_spacing, share);
        if (tightened < spacing) {
            const double line_height = style.size_pt * tightened;
            // The leading is shared half above, half below the glyphs (resolved_style.cpp): the
            // baseline moves up by half of what the line loses.
            style.ascent_pt -= (style.line_height_pt - line_height) / 2;
            style.line_height_pt = line_height;
        }
    });
}

resolve::ResolvedForm tightened_form(const resolve::ResolvedForm& form,
                                     const load::TighteningSpec& limits, double share) {
    resolve::ResolvedForm tightened = form;
    tighten_rows(form, limits, share, tightened);
    return tightened;
}

void tighten_rows(const resolve::ResolvedForm& form, const load::TighteningSpec& limits,
                  double share, resolve::ResolvedForm& tightened) {
    for (std::size_t b = 0; b < form.blocks.size(); ++b) {
        if (!form.blocks[b].table) {
            continue;
        }
        const std::vector<resolve::ResolvedRow>& rows = form.blocks[b].table->rows;
        std::vector<resolve::ResolvedRow>& out = tightened.blocks[b].table->rows;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            out[r].min_height_pt = toward(rows[r].min_height_pt, limits.row_height_pt, share);
        }
    }
}

} // namespace formpdf::layout
