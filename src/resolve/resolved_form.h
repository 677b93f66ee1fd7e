#pragma once

#include "core/geometry.h"
#include "core/source_location.h"
#include "load/layout_spec.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace formpdf::resolve {

// A layout with a declaration's data bound into it: every cell and text knows exactly what it
// prints. Plain data; the layout stage may assume it is valid (spans tile the grid).

// One of several texts of a cell (load::CellTextSpec), with its value put in.
struct ResolvedText {
    std::string text;  // exactly what to print
    SourceLoc loc;     // where the text was written (the declaration's value, or the layout)
    std::string field; // the header field it shows (`field:`); empty for the layout's own text
    std::string style;
    std::optional<load::HAlign> align;  // empty: the style's
    std::optional<load::VAlign> valign; // empty: the style's
};

struct ResolvedCell {
    int row = 0;    // first grid row
    int column = 0; // first grid column
    int rowspan = 1;
    int colspan = 1;
    std::string text;  // exactly what to print (empty for an empty cell)
    SourceLoc loc;     // where the text was written (the declaration's value, or the layout)
    SourceLoc box_loc; // the layout's cell: where an error about its box (too narrow) points
    std::string style; // text style name
    std::optional<Color> fill;
    // A group label (一级/二级 name): when a page break cuts its span, it is printed again at the
    // top of its part on the next page, followed by the table's continued_suffix.
    bool repeat_when_split = false;
    // What follows the repeated text instead of the table's continued_suffix (empty: nothing, for
    // a number or an amount, where '3,309,840.00（续）' would misread as a value). Absent: the
    // table's.
    std::optional<std::string> continued_suffix;
    std::string name; // the layout's name for the cell's box (a named destination), or empty
    // What of the declaration the cell shows, for a program that lets it be edited (the fill-in
    // workbook): a header field's id, or in a group row a record field's id; empty for the layout's
    // own text. The cells of a group row name their `tree`; a level cell (一级/二级 name) has
    // `level` (0 = outermost).
    std::string field;
    std::string tree;
    int level = -1;
    // How the cell itself is drawn (load::CellSpec): its own borders; several texts (then `text`
    // holds them one a line, for the workbook); one character a line; the hint printed in place
    // of an empty `text`, in `hint_style` (empty: the cell's style in grey). The hint is never
    // part of `text`: it is not a value.
    load::CellBorders border;
    std::vector<ResolvedText> texts;
    bool vertical = false;
    std::string hint;
    std::string hint_style;
};

struct ResolvedRow {
    bool header = false; // repeated at the top of every later page of the table
    double min_height_pt = 0;
    SourceLoc loc; // the layout's row (a group row: its `- group:` row)
    // A header row: the grid row where the rows it heads end (exclusive). Its header block repeats
    // on a later page only when that page starts above this row (`heads:`, load::HeaderScope).
    std::size_t heads_until = static_cast<std::size_t>(-1);
};

struct ResolvedTable {
    std::vector<double> column_widths_pt;
    std::vector<ResolvedRow> rows;
    std::vector<ResolvedCell> cells; // ordered by row, then column
    double border_width_pt = 0.5;
    Color border_color;
    std::string continued_suffix;
    SourceLoc loc;
    bool cell_borders = false; // some cell has a border of its own: rules are drawn side by side
};

struct ResolvedBlock {
    const load::BlockSpec* spec = nullptr; // style, width, spacing, kind...
    std::string text;                      // titles/paragraphs: what to print
    SourceLoc text_loc;
    std::optional<ResolvedTable> table;
};

struct ResolvedForm {
    std::vector<ResolvedBlock> blocks;
    std::string title;         // for the document's Info
    std::string outline_title; // for the form's bookmark: "项目编码 项目名称" or the title
};

} // namespace formpdf::resolve
