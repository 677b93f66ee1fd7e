#pragma once

#include "core/geometry.h"
#include "text/font_resource.h"
#include "text/shaped_text.h"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace formpdf::layout {

// The laid-out document: pages of positioned items, pure data, in PDF points with the origin at the
// bottom-left corner of the page and y growing upwards. Produced by the layout stage, consumed by
// the PDF stage and by the layout dump (docs/layout-dump.md).

// One line of text, drawn from its baseline.
struct TextItem {
    Point baseline;     // start of the baseline
    double width = 0;   // advance width of the line
    std::string family; // family of the style's primary font (fallback glyphs may differ)
    double size = 0;    // font size in points
    Color color;
    std::string text; // exactly the characters of the line
    Rect box;         // the box the line was laid into (a cell's or block's content box)
    std::vector<text::ShapedGlyph> glyphs; // clusters are byte offsets into text
};

struct FilledRect {
    Rect rect;
    Color fill;
};

struct StrokedLine {
    Point from;
    Point to;
    double line_width = 0.5;
    Color color;
};

using PageItem = std::variant<TextItem, FilledRect, StrokedLine>;

struct Page {
    double width = 0;
    double height = 0;
    std::vector<PageItem> items; // in painting order
    // The share (0..1] of the way from the layout's vertical spacing to the limits of its
    // `tighten:` that this page's form was laid out with to save a page; 0: not tightened.
    double tightened = 0;
};

struct Outline {
    std::string title;
    int page_index = 0; // 0-based
    std::vector<Outline> children;
};

// A box the layout names (`name:` on a table cell): where it was laid out, for tools that place
// something there later, such as a visible signature in the 单位盖章 area. Written into the PDF as
// a named destination with /FitR.
struct NamedBox {
    std::string name;
    int page_index = 0; // 0-based
    Rect rect;
};

struct Metadata {
    std::string title;
    std::string language = "zh-CN";
};

struct Document {
    Metadata metadata;
    std::vector<text::FontResource> fonts; // indexed by text::FontId
    std::vector<Page> pages;
    std::vector<Outline> outlines;
    std::vector<NamedBox> named_boxes; // names unique within the document
};

} // namespace formpdf::layout
