#pragma once

#include "core/geometry.h"
#include "core/source_location.h"

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
    // A cell of a list row merged over several rows (`merge-by`): what its part on a later page
    // shows when a page break cuts the span (`continued:`).
    ContinuedLabel continued = ContinuedLabel::Mark;
    SourceLoc continued_loc;
};

// A static row, or a repeating group bound to a declaration tree.
struct RowSpec {
    bool header = false; // repeats at the top of every later page of the table
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
