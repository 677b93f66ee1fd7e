#pragma once

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace formpdf::load {

// The layout's own texts as `formpdf workbook` writes them on the form's sheet (docs/workbook.md,
// "The sheet"): built by src/workbook_writer (workbook_cell_texts()), read by `formpdf import` of
// a fill-in workbook (docs/import.md, "The fill-in workbook's own texts"), so that the layout's
// text is never read as a value.

// A value cell that the workbook writes with the layout's text around the value (a `texts:` cell:
// the opinion, then 单位公章：　　年　　月　　日 on the line below).
struct WrappedFieldCell {
    std::string field;  // the header field's id
    std::string before; // the cell's text = before + value + after
    std::string after;
};

struct WorkbookCellTexts {
    // Every text of a cell that shows no value (labels, headings, 单位负责人签字：), as written.
    // (A set: every header cell of every form of the export is looked up.)
    std::set<std::string, std::less<>> static_texts;
    std::vector<WrappedFieldCell> wrapped_fields;

    bool is_static(std::string_view text) const { return static_texts.contains(text); }
    const WrappedFieldCell* wrapped(std::string_view field) const {
        for (const WrappedFieldCell& cell : wrapped_fields) {
            if (cell.field == field) {
                return &cell;
            }
        }
        return nullptr;
    }
};

} // namespace formpdf::load
