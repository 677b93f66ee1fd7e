#include "workbook/xls_reader.h"

#include "core/messages.h"
#include "workbook/number_format.h"
#include "workbook/sheet_builder.h"

#include <freexl.h>

#include <cmath>

namespace formpdf::workbook {

namespace {

struct Handle {
    const void* handle = nullptr;
    ~Handle() { freexl_close(handle); }
};

} // namespace

CellGrid read_xls(const std::filesystem::path& path, const std::string& file,
                  Diagnostics& diagnostics, const WorkbookLimits& limits) {
    Handle xls;
    const int opened = freexl_open(path.c_str(), &xls.handle);
    if (opened != FREEXL_OK) {
        throw DiagnosticError(make_error(
            SourceLoc{file, 0, 0},
            tr("this is a Microsoft Office file that FreeXL cannot read as an Excel workbook "
               "(error {0}): a Word document (.doc), an encrypted or damaged .xls?",
               {std::to_string(opened)}),
            tr("open it in Excel or LibreOffice and save it as .xlsx")));
    }
    unsigned int info = 0;
    if (freexl_get_info(xls.handle, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
        info == FREEXL_BIFF_OBFUSCATED) {
        throw DiagnosticError(make_error(SourceLoc{file, 0, 0},
                                         tr("the workbook is protected by a password"),
                                         tr("save it again without a password")));
    }
    unsigned int sheet_count = 0;
    freexl_get_info(xls.handle, FREEXL_BIFF_SHEET_COUNT, &sheet_count);
    CellGrid grid;
    grid.file = file;
    grid.unit = GridUnit::SheetCells;
    std::size_t cells = 0;
    for (unsigned int index = 0; index < sheet_count && index < limits.max_sheets; ++index) {
        const char* name = nullptr;
        if (freexl_get_worksheet_name(xls.handle, static_cast<unsigned short>(index), &name) !=
                FREEXL_OK ||
            freexl_select_active_worksheet(xls.handle, static_cast<unsigned short>(index)) !=
                FREEXL_OK) {
            continue;
        }
        GridSheet& sheet = grid.sheets.emplace_back();
        sheet.name = name ? name : "";
        SheetBuilder builder(grid, sheet, limits, diagnostics, cells);
        unsigned int rows = 0;
        unsigned short columns = 0;
        freexl_worksheet_dimensions(xls.handle, &rows, &columns);
        int fractional_numbers = 0;
        SourceLoc first_number;
        for (unsigned int r = 0; r < rows && r < static_cast<unsigned>(limits.max_row); ++r) {
            builder.start_row(static_cast<int>(r) + 1, false);
            for (unsigned short c = 0; c < columns; ++c) {
                FreeXL_CellValue value;
                if (freexl_get_cell_value(xls.handle, r, c, &value) != FREEXL_OK) {
                    continue;
                }
                std::string text;
                switch (value.type) {
                case FREEXL_CELL_INT:
                    text = std::to_string(value.value.int_value);
                    break;
                case FREEXL_CELL_DOUBLE:
                    text = format_number(value.value.double_value, "General");
                    if (fractional_numbers++ == 0) {
                        first_number = builder.loc(static_cast<int>(r) + 1, c + 1);
                    }
                    if (std::fabs(value.value.double_value) >= 1e15) {
                        diagnostics.error(builder.loc(static_cast<int>(r) + 1, c + 1),
                                          tr("the cell holds the number {0}: a spreadsheet "
                                             "number keeps 15 significant digits, so the digits "
                                             "of a longer code such as a 项目编码 are already "
                                             "lost in the file",
                                             {text}),
                                          tr("format the column as text (@) and enter or export "
                                             "the codes again"));
                    }
                    break;
                case FREEXL_CELL_TEXT:
                case FREEXL_CELL_SST_TEXT:
                case FREEXL_CELL_DATE:
                case FREEXL_CELL_DATETIME:
                case FREEXL_CELL_TIME:
                    text = value.value.text_value ? value.value.text_value : "";
                    break;
                default:
                    break;
                }
                builder.add_cell(c + 1, std::move(text));
            }
        }
        builder.finish();
        if (fractional_numbers > 0) {
            diagnostics.warning(
                first_number,
                tr("{0} number cells of the sheet {1} are read in the General "
                   "format: the .xls reader does not know their number formats "
                   "(849 shown as 849.00 reads 849)",
                   {std::to_string(fractional_numbers), quoted_sheet_name(sheet.name)}),
                tr("save the workbook as .xlsx to keep the number formats"));
        }
    }
    return grid;
}

} // namespace formpdf::workbook
