#pragma once

#include "core/geometry.h"
#include "core/source_location.h"
#include "load/alignment.h"
#include "load/batch_fields.h"
#include "load/form_definition.h"
#include "load/table_spec.h"
#include "load/tightening_spec.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace formpdf::load {

// The layout file (the form's design), as plain data. Every value keeps where it was written.
// The format is documented in docs/layout-format.md. Lengths are already converted to points.

// A named font slot: `fonts: { body: { family: Noto Serif CJK SC, weight: regular } }`.
struct FontSpec {
    std::string name;
    std::string family;
    int weight = 400; // "regular" = 400, "bold" = 700, or a number 100..900
    SourceLoc loc;
};

// Padding of a box, in points.
struct Insets {
    double top = 0;
    double right = 0;
    double bottom = 0;
    double left = 0;
};

// A named text style: `styles: { body: { font: body, size: 10.5, ... } }`.
struct StyleSpec {
    std::string name;
    std::string font; // name of a FontSpec (checked by the loader)
    SourceLoc font_loc;
    double size_pt = 10.5;
    SourceLoc size_loc; // where size is written (line 0: not written, inherited)
    Color color;        // default black
    HAlign align = HAlign::Left;
    VAlign valign = VAlign::Top;
    double line_spacing = 1.5; // baseline-to-baseline distance as a multiple of size_pt
    Insets padding;            // around the text inside its box
    SourceLoc loc;
};

struct PageSpec {
    double width_pt = mm_to_pt(210);
    double height_pt = mm_to_pt(297);
    Insets margins{mm_to_pt(25), mm_to_pt(20), mm_to_pt(25), mm_to_pt(20)};
    SourceLoc loc;
};

enum class BlockKind {
    Title,     // `- title: text`: one or more lines in the block's style (default style "title")
    Paragraph, // `- paragraph: text`: wrapped into a box (default style "body")
    Spacer,    // `- spacer: 5mm`: vertical space
    Table,     // `- table: {columns: …, rows: …}`: a paginated table (table_spec.h)
};

struct BlockSpec {
    BlockKind kind = BlockKind::Paragraph;
    std::string text;   // exactly as written in the YAML scalar
    SourceLoc text_loc; // where the text value starts
    std::string style;  // name of a StyleSpec (checked by the loader)
    SourceLoc style_loc;
    std::optional<double> width_pt;  // box width; default: the page's content width
    std::optional<HAlign> box_align; // where a narrower box sits: left (default), center, right
    bool frame = false;              // stroke the box's outline
    std::optional<Color> fill;       // fill the box
    double space_before_pt = 0;
    double space_after_pt = 0;
    double height_pt = 0; // for spacers
    // Title/paragraph: print this declaration field instead of `text` when the declaration has it
    // (`text` is then the default, e.g. the standard 备注 line that a declaration may override).
    std::string field;
    SourceLoc field_loc;
    // Keep this block on the same page as the end of the block before it: a table's last row(s)
    // move to the next page with it rather than leave it alone there (备注, sign-off lines).
    bool keep_with_previous = false;
    std::optional<TableSpec> table; // for tables
    SourceLoc loc;
};

// Page numbers, drawn in the bottom (or top) margin of every page of a form.
struct PageNumberSpec {
    std::string format; // "第{page}页 共{pages}页", "-{page}-", "— {page} —"; empty: none
    std::string style;  // text style; its align places the number
    bool at_top = false;
    double offset_pt = mm_to_pt(10); // distance of the line box from the page edge
    SourceLoc loc;
};

struct LayoutSpec {
    std::string file;                // as given to the loader; used in diagnostics
    std::filesystem::path directory; // the layout's own folder (searched for fonts)
    std::string title; // document title for the PDF Info; default: the first title block
    PageSpec page;
    std::vector<FontSpec> fonts;       // always contains "body" and "heavy" (defaults if not given)
    std::vector<std::string> fallback; // slots tried after a style's own font; default body, heavy
    SourceLoc fallback_loc;
    std::vector<StyleSpec> styles; // always contains "title" and "body" (defaults if not given)
    std::vector<BlockSpec> blocks;
    PageNumberSpec page_numbers;
    // `tighten:`: how far a form's vertical spacing may shrink to save a nearly empty last page.
    TighteningSpec tighten;
    // The bookmark of each form, with {field} replaced by the declaration's value, e.g.
    // "{project_code} {project_name}"; empty: the title.
    std::string bookmark;
    SourceLoc bookmark_loc;
    // `output: {pdfa: true}`: write PDF/A-2b (docs/pdfa.md); `render --pdfa` also turns it on.
    bool pdfa = false;
    // `batch:`: the fields `formpdf batch` reads as each form's code, name, unit and amount, and
    // the default order of a batch (batch_fields.h).
    BatchFields batch;
    // `form:`: what a declaration of this form holds and how it is checked (form_definition.h);
    // absent in a layout that only prints fixed text.
    std::optional<FormDefinition> form;

    const FontSpec* find_font(const std::string& name) const;
    const StyleSpec* find_style(const std::string& name) const;
};

} // namespace formpdf::load
