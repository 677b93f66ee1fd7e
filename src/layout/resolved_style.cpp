#include "layout/resolved_style.h"

#include "core/messages.h"

#include <algorithm>
#include <cassert>
#include <cstdlib>
#include <set>

namespace formpdf::layout {

namespace {

// Vertical placement of a line: half the leading above the font's ascent, half below its descent,
// so CJK text sits in the middle of its line box as in a word processor.
void set_line_metrics(ResolvedStyle& style, const text::FontResource& font, double line_spacing) {
    const double scale = style.size_pt / font.units_per_em;
    double ascent = font.ascender * scale;
    double descent = -font.descender * scale;
    if (ascent <= 0 || ascent + descent <= 0) {
        ascent = 0.88 * style.size_pt; // ideographic em box: 0.88 above, 0.12 below the baseline
        descent = 0.12 * style.size_pt;
    }
    style.line_height_pt = style.size_pt * line_spacing;
    const double leading = style.line_height_pt - (ascent + descent);
    style.ascent_pt = leading / 2 + ascent;
}

} // namespace

namespace {

std::string weight_name(int weight) {
    if (weight >= 650) {
        return tr("{0} (bold)", {std::to_string(weight)});
    }
    if (weight <= 450 && weight >= 350) {
        return tr("{0} (regular)", {std::to_string(weight)});
    }
    return std::to_string(weight);
}

} // namespace

StyleSet::StyleSet(const load::LayoutSpec& spec, text::FontLibrary& fonts, Diagnostics* diagnostics)
    : fonts_(&fonts) {
    std::map<std::string, text::FontId> slot_ids;
    const auto load_slot = [&](const std::string& slot_name) {
        auto found = slot_ids.find(slot_name);
        if (found != slot_ids.end()) {
            return found->second;
        }
        const load::FontSpec* slot = spec.find_font(slot_name);
        assert(slot && "the loader checks font slot references");
        const text::FontId id = fonts.load({slot->family, slot->weight, slot->loc}, diagnostics);
        slot_ids.emplace(slot_name, id);
        const int found_weight = fonts.resource(id).weight;
        if (diagnostics && std::abs(found_weight - slot->weight) >= 200) {
            diagnostics->warning(
                slot->loc,
                tr("font family \"{0}\" has no face of weight {1}; its weight {2} face is used",
                   {slot->family, weight_name(slot->weight), weight_name(found_weight)}),
                slot->weight > found_weight
                    ? tr("put the bold font file into fonts/, or name a family that has one (Noto "
                         "Sans CJK SC has a real bold, like 黑体); formpdf does not fake bold")
                    : tr("put the lighter font file into fonts/, or name a family that has one "
                         "(Noto Sans CJK SC has a real bold, like 黑体); formpdf does not fake "
                         "bold"));
        }
        return id;
    };

    // Every font the layout names is looked for before any error is reported, so that a layout
    // missing several fonts names all of them at once, not the first.
    {
        std::vector<Diagnostic> missing;
        std::vector<std::string> slots = spec.fallback;
        for (const load::StyleSpec& spec_style : spec.styles) {
            slots.push_back(spec_style.font);
        }
        std::set<std::string> tried;
        for (const std::string& slot_name : slots) {
            if (!tried.insert(slot_name).second) {
                continue;
            }
            try {
                load_slot(slot_name);
            } catch (const DiagnosticError& error) {
                missing.insert(missing.end(), error.diagnostics().begin(),
                               error.diagnostics().end());
            }
        }
        if (!missing.empty()) {
            throw DiagnosticError(std::move(missing));
        }
    }

    std::vector<text::FontId> fallback;
    for (const std::string& slot_name : spec.fallback) {
        fallback.push_back(load_slot(slot_name));
    }
    for (const load::StyleSpec& spec_style : spec.styles) {
        ResolvedStyle style;
        style.name = spec_style.name;
        const text::FontId primary = load_slot(spec_style.font);
        style.chain.fonts.push_back(primary);
        for (text::FontId id : fallback) {
            if (std::find(style.chain.fonts.begin(), style.chain.fonts.end(), id) ==
                style.chain.fonts.end()) {
                style.chain.fonts.push_back(id);
            }
        }
        const text::FontResource& font = fonts.resource(primary);
        style.family = font.family;
        style.size_pt = spec_style.size_pt;
        style.color = spec_style.color;
        style.align = spec_style.align;
        style.valign = spec_style.valign;
        style.padding = spec_style.padding;
        set_line_metrics(style, font, spec_style.line_spacing);
        styles_.emplace(style.name, std::move(style));
    }
}

const ResolvedStyle& StyleSet::get(const std::string& name) const {
    auto found = styles_.find(name);
    assert(found != styles_.end() && "the loader checks style references");
    return found->second;
}

StyleSet StyleSet::adjusted(const std::function<void(ResolvedStyle&)>& change) const {
    StyleSet copy = *this;
    for (auto& [name, style] : copy.styles_) {
        change(style);
    }
    return copy;
}

void StyleSet::warm_up() const {
    std::set<text::FontId> faces;
    for (const auto& [name, style] : styles_) {
        faces.insert(style.chain.fonts.begin(), style.chain.fonts.end());
    }
    for (text::FontId font : faces) {
        text::warm_up(*fonts_, font);
    }
}

} // namespace formpdf::layout
