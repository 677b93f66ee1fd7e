#pragma once

#include "core/geometry.h"
#include "core/source_location.h"
#include "load/alignment.h"

#include <optional>
#include <string>
#include <vector>

namespace formpdf::load {

// A table block of a layout (docs/layout-format.md, "Tables"), as plain data.

// A column width: a length, or a share ("1fr") of the width that the fixed columns leave.
struct ColumnSpec {
    double width_pt = 0; // when fraction == 0
    double fraction = 0;
    SourceLoc loc;
};

// What a cell shows.
enum class CellContent {
    Empty,  // nothing (`~`, `""`)
    Text,   // literal text from the layout (a label)
    Field,  // a declaration field: a header field, or a record's field inside a group row
    Label,  // the label of the tree node a group level cell stands for (一级/二级 names)
    Format, // literal text with {field} placeholders: "填表人：{preparer}"
};

// A cell's own border (`border:`), side by side: a side not given is the table's border; a width
// of 0 draws none. A rule shared by two cells is drawn when either cell asks for it explicitly
// (the wider of the two), and follows the table's border when neither does.
struct CellBorders {
    std::optional<double> top; // points
    std::optional<double> right;
    std::optional<double> bottom;
    std::optional<double> left;
    SourceLoc loc;

    bool any() const { return top || right || bottom || left; }
};

// One of several texts of a cell (`texts:`), each with its own style and alignment: the opinion at
// the top left of an approval cell, "（盖章）" and "年  月  日" at its bottom right. The texts
// with `valign: top` stack from the top of the cell, `bottom` ones up from its bottom, `middle`
// ones in the middle; the cell is as tall as all of them together.
struct CellTextSpec {
    CellContent content = CellContent::Empty; // Text, Field or Format
    std::string text; // Text: the literal; Field: the field id; Format: the template
    SourceLoc loc;
    std::string style; // empty: the cell's style
    SourceLoc style_loc;
    std::optional<HAlign> align;  // empty: the style's
    std::optional<VAlign> valign; // empty: the style's
};

// What a merged cell cut by a page break shows at the top of its part on the next page.
enum class ContinuedLabel {
    Mark,   // its text again followed by the table's `continued` text, unless the text is a number
    Repeat, // its text again, without a marker (amounts, numbers)
    None,   // nothing: the part is left empty
};

struct CellSpec {
    CellContent content = CellContent::Empty;
    std::string text;  // Text: the literal; Field: the field id; Format: the template
    SourceLoc loc;     // where the cell is written
    std::string style; // empty: the table's default style
    SourceLoc style_loc;
    std::optional<Color> fill;
    int colspan = 1;
    int rowspan = 1;               // within the static rows of the table
    bool rowspan_to_group = false; // `rowspan: group`: down to the last row of the next group
    int column = 0; // 0-based first column, assigned by the loader (skips spanned cells)
    // Names the cell's box in the PDF (a named destination), e.g. "unit-seal" for the 单位盖章 area
    // where `formpdf sign --box unit-seal` puts a visible signature. Empty: unnamed.
    std::string name;
    // Drawing of the cell itself (docs/layout-format.md, "Cells"): its own borders; several texts
    // in place of one; the text set vertically (one character a line); a hint shown in a lighter
    // style where the value is empty (the blank template), never data.
    CellBorders border;
    std::vector<CellTextSpec> texts; // non-empty: the cell shows these instead of `text`
    bool vertical = false;
    std::string hint;
    SourceLoc hint_loc;
    std::string hint_style; // empty: the cell's style, in grey
    SourceLoc hint_style_loc;
    // A cell of a list row merged over several rows (`merge-by`): what its part on a later page
    // shows when a page break cuts the span (`continued:`).
    ContinuedLabel continued = ContinuedLabel::Mark;
    SourceLoc continued_loc;
};

// Which rows a header block heads, i.e. above which rows it repeats on a later page.
enum class HeaderScope {
    Group, // down to the end of the next group row (the indicators); the static rows after it
           // (合计, approval rows) are not headed. A header with no group row below heads the rest
           // of the table.
    Table, // every later row of the table (`heads: table`)
};

// A static row, or a repeating group bound to a declaration tree.
struct RowSpec {
    bool header = false;                    // repeats at the top of every later page of the table
    HeaderScope heads = HeaderScope::Group; // header rows: the rows the header heads
    std::vector<CellSpec> cells;
    double min_height_pt = 0;
    SourceLoc min_height_loc; // where min-height is written (line 0: not written)
    SourceLoc loc;

    // Group rows (`- group: indicators`): one table row per record of the tree, with one cell per
    // tree level before the record's cells; a level's cell spans all rows of its node.
    std::string group; // the tree id; empty for a static row
    std::vector<CellSpec> levels;
    int blank_rows = 0; // rows printed when there is no data (the blank template)

    // List rows (`- list: projects`): `group` names a list of records of the declaration, one
    // table row per record, no levels. The cells whose fields are in `merge_by` span the adjacent
    // records with equal text (the span also ends where a merged column to its left ends).
    bool list = false;
    std::vector<std::string> merge_by; // field ids, as written
    std::vector<SourceLoc> merge_by_locs;
};

struct TableSpec {
    std::vector<ColumnSpec> columns;
    std::string style; // default cell style
    SourceLoc style_loc;
    double border_width_pt = 0.5; // 0: no borders
    Color border_color;
    std::string continued_suffix; // appended to a label repeated on a continuation page
    double min_row_height_pt = 0;
    SourceLoc min_row_height_loc;
    std::vector<RowSpec> rows;
    SourceLoc loc;
};

// Column widths: fixed ones as given, the content width they leave shared by the fr columns.
std::vector<double> column_widths_pt(const std::vector<ColumnSpec>& columns,
                                     double content_width_pt);

} // namespace formpdf::load
