#include "workbook_writer/cell_texts.h"

#include "workbook_writer/form_sheet.h"

namespace formpdf::workbook_writer {

load::WorkbookCellTexts workbook_cell_texts(const load::LayoutSpec& layout) {
    const Sheet sheet = form_sheet(layout, nullptr);
    load::WorkbookCellTexts texts;
    for (const SheetCell& cell : sheet.cells) {
        if (cell.field.empty() && cell.tree.empty() && cell.level < 0 && !cell.text.empty()) {
            texts.static_texts.insert(cell.text);
        } else if (!cell.text_before.empty() || !cell.text_after.empty()) {
            if (!texts.wrapped(cell.field)) {
                texts.wrapped_fields.push_back(
                    load::WrappedFieldCell{cell.field, cell.text_before, cell.text_after});
            }
        }
    }
    return texts;
}

} // namespace formpdf::workbook_writer
