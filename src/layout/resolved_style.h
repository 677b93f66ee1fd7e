#pragma once

#include "core/diagnostic.h"
#include "load/layout_spec.h"
#include "text/font_library.h"
#include "text/shaper.h"

#include <functional>
#include <map>
#include <string>

namespace formpdf::layout {

// A text style with its fonts loaded: what the layout engine needs to shape and place text.
struct ResolvedStyle {
    std::string name;
    text::FontChain chain; // the style's own font first, then the layout's fallback slots
    std::string family;    // family of the primary font, for the dump
    double size_pt = 10.5;
    Color color;
    load::HAlign align = load::HAlign::Left;
    load::VAlign valign = load::VAlign::Top;
    double line_height_pt = 0; // baseline-to-baseline distance
    double ascent_pt = 0;      // baseline below the top of a line box
    load::Insets padding;
};

// Loads every font slot a layout names (once) and resolves its styles.
class StyleSet {
public:
    // Throws DiagnosticError for a font that cannot be found, at the place the layout names it.
    // A slot whose family has no face near the weight asked for (bold asked, only regular found:
    // 仿宋 and 宋体 files often have no bold) is a warning in `diagnostics`, never silent.
    StyleSet(const load::LayoutSpec& spec, text::FontLibrary& fonts,
             Diagnostics* diagnostics = nullptr);

    // The style must exist: the loader has checked every reference.
    const ResolvedStyle& get(const std::string& name) const;
    // Every font face the styles use (for the document's font table, in FontId order).
    const std::vector<text::FontResource>& fonts() const { return fonts_->resources(); }
    const text::FontLibrary& library() const { return *fonts_; }

    // Readies the text engine for every face the styles use (text::warm_up); thread-safe.
    void warm_up() const;

    // A copy with every style passed through `change` (a form's spacing tightened to save a page,
    // form_tightening.h); the fonts are shared, not loaded again.
    StyleSet adjusted(const std::function<void(ResolvedStyle&)>& change) const;

private:
    text::FontLibrary* fonts_;
    std::map<std::string, ResolvedStyle> styles_;
};

} // namespace formpdf::layout
