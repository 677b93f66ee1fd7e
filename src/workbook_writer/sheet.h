#pragma once

#include "core/geometry.h"
#include "core/source_location.h"

#include <optional>
#include <string>
#include <vector>

namespace formpdf::workbook_writer {

// One sheet of the fill-in workbook (docs/workbook.md), as plain data: a grid of text cells with
// merges, formats, drop-downs and print settings. Built from a layout and a declaration by
// form_sheet.h, written by xlsx_writer.h; nothing here knows libxlsxwriter.

enum class CellAlign { Left, Center, Right };
enum class CellVAlign { Top, Middle, Bottom };

struct CellFormat {
    std::string font =
        "宋体"; // the font name Excel shows (the print's font mapped to a system one)
    double size_pt = 10.5;
    bool bold = false;
    Color color;
    CellAlign align = CellAlign::Left;
    CellVAlign valign = CellVAlign::Top;
    bool wrap = true;
    std::optional<Color> fill;
    bool border = false; // a thin border on every side
    Color border_color;
    // false: the cell stays editable under the sheet's protection (a fill-in cell).
    bool locked = true;

    bool operator==(const CellFormat&) const = default;
};

// A cell written at (row, column), merged over rowspan x colspan cells when either is above 1.
// Every cell is written as text (number format "@"): what was declared is what Excel shows and
// what a user types stays text ("849.00" does not become 849).
struct SheetCell {
    int row = 0; // 0-based
    int column = 0;
    int rowspan = 1;
    int colspan = 1;
    std::string text;
    SourceLoc loc; // where the text was written (the declaration's value, or the layout)
    CellFormat format;
    // What of the declaration the cell shows (resolve::ResolvedCell): a header field's id, or in
    // a group row a record field's id (`tree` set); a level cell has `level` (0 = outermost).
    // Empty for the layout's own text. The import reads a form by these positions
    // (cell_positions.h).
    std::string field;
    std::string tree;
    int level = -1;
    // A cell of several texts (`texts:`) with one header field among the layout's own texts (主管
    // 部门审核意见 above 单位公章：…): `field` is that field, and the cell's text is
    // text_before + the value + text_after (the texts one a line, as the print shows them).
    std::string text_before;
    std::string text_after;
};

// A drop-down list (data validation) over a rectangle of cells.
struct DropDown {
    int first_row = 0;
    int first_column = 0;
    int last_row = 0;
    int last_column = 0;
    std::vector<std::string> choices;
    // true: only a choice may be entered (是否新增项目); false: another text is accepted after a
    // warning (an indicator name outside the form's vocabulary, which `formpdf check` notes).
    bool strict = false;
};

struct Sheet {
    std::string name; // unique in the workbook, at most 31 characters, none of []:*?/\ .
    std::vector<double> column_widths_pt;
    std::vector<double> row_heights_pt;
    std::vector<SheetCell> cells; // ordered by row, then column; merged areas are not repeated
    std::vector<DropDown> drop_downs;
    // The print: paper and margins of the layout, one page wide, the rows to repeat at the top of
    // every page (the indicator table's header), or -1.
    double page_width_pt = 595.28;
    double page_height_pt = 841.89;
    double margin_top_pt = 72;
    double margin_bottom_pt = 72;
    double margin_left_pt = 54;
    double margin_right_pt = 54;
    int repeat_first_row = -1;
    int repeat_last_row = -1;
};

} // namespace formpdf::workbook_writer
