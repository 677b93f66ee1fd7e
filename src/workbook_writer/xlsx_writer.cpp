#include "workbook_writer/xlsx_writer.h"

#include "core/diagnostic.h"
#include "core/file_io.h"
#include "core/messages.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>

namespace formpdf::workbook_writer {

namespace {

// Pixels at Excel's 96 dpi.
int pixels(double pt) {
    return static_cast<int>(std::lround(pt * 96.0 / 72.0));
}

lxw_color_t rgb(const Color& color) {
    const auto channel = [](double v) {
        return static_cast<lxw_color_t>(std::lround(std::clamp(v, 0.0, 1.0) * 255));
    };
    const lxw_color_t value = (channel(color.r) << 16) | (channel(color.g) << 8) | channel(color.b);
    // 0 means "not set" to libxlsxwriter.
    return value == 0 ? static_cast<lxw_color_t>(LXW_COLOR_BLACK) : value;
}

// Excel's paper numbers for the layout's paper sizes (docs/layout-format.md); 0: the printer's.
std::uint8_t paper_type(double width_pt, double height_pt) {
    const double short_mm = std::min(width_pt, height_pt) * 25.4 / 72;
    const double long_mm = std::max(width_pt, height_pt) * 25.4 / 72;
    const auto is = [&](double w, double h) {
        return std::abs(short_mm - w) < 1 && std::abs(long_mm - h) < 1;
    };
    if (is(210, 297)) {
        return 9;
    }
    if (is(297, 420)) {
        return 8;
    }
    if (is(148, 210)) {
        return 11;
    }
    if (is(176, 250)) {
        return 34; // B5 (ISO)
    }
    if (is(215.9, 279.4)) {
        return 1;
    }
    if (is(215.9, 355.6)) {
        return 5;
    }
    return 0;
}

// OOXML reads `_xHHHH_` in a cell's text as the character U+HHHH (how control characters are
// written); a text that holds those characters itself has its underscore written as `_x005F_`, so
// Excel and LibreOffice show it as declared. libxlsxwriter writes the text as given.
std::string escape_hex_sequences(const std::string& text) {
    const auto is_hex = [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    };
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && is_hex(text[i + 2]) &&
            is_hex(text[i + 3]) && is_hex(text[i + 4]) && is_hex(text[i + 5]) &&
            text[i + 6] == '_') {
            out += "_x005F";
        }
        out += text[i];
    }
    return out;
}

// A folder only this process uses, removed with everything in it.
class PrivateFolder {
public:
    PrivateFolder() {
        std::string pattern = (std::filesystem::temp_directory_path() / "formpdf-xlsx-XXXXXX");
        if (!mkdtemp(pattern.data())) {
            const std::string reason = std::strerror(errno);
            throw IoError(tr("cannot create a temporary folder for the workbook in {0}: {1}",
                             {std::filesystem::temp_directory_path().string(), reason}));
        }
        path_ = pattern;
    }
    ~PrivateFolder() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    PrivateFolder(const PrivateFolder&) = delete;
    PrivateFolder& operator=(const PrivateFolder&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

class XlsxWriter {
public:
    XlsxWriter(const std::filesystem::path& file, const std::filesystem::path& tmpdir) {
        lxw_workbook_options options{};
        tmpdir_ = tmpdir.string();
        options.tmpdir = tmpdir_.data();
        workbook_ = workbook_new_opt(file.c_str(), &options);
        if (!workbook_) {
            throw IoError(tr("cannot create the workbook {0}", {file.string()}));
        }
    }
    ~XlsxWriter() {
        if (workbook_) {
            workbook_close(workbook_); // after an error: only to free it
        }
    }
    XlsxWriter(const XlsxWriter&) = delete;
    XlsxWriter& operator=(const XlsxWriter&) = delete;

    void properties(const WorkbookProperties& properties) {
        title_ = properties.title;
        lxw_doc_properties doc{};
        doc.title = title_.data();
        doc.created = static_cast<time_t>(properties.created);
        workbook_set_properties(workbook_, &doc);
    }

    void sheet(const Sheet& sheet) {
        lxw_worksheet* ws = workbook_add_worksheet(workbook_, sheet.name.c_str());
        if (!ws) {
            throw IoError(tr("cannot add the sheet '{0}' to the workbook", {sheet.name}));
        }
        for (std::size_t c = 0; c < sheet.column_widths_pt.size(); ++c) {
            worksheet_set_column_pixels(
                ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                static_cast<std::uint32_t>(pixels(sheet.column_widths_pt[c])), nullptr);
        }
        for (std::size_t r = 0; r < sheet.row_heights_pt.size(); ++r) {
            worksheet_set_row(ws, static_cast<lxw_row_t>(r), sheet.row_heights_pt[r], nullptr);
        }
        for (const SheetCell& cell : sheet.cells) {
            write_cell(ws, cell);
        }
        for (const DropDown& drop_down : sheet.drop_downs) {
            validation(ws, drop_down);
        }
        page_setup(ws, sheet);
        worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
        // The values are text on purpose (docs/workbook.md): no "number stored as text" marks.
        worksheet_ignore_errors(ws, LXW_IGNORE_NUMBER_STORED_AS_TEXT, "A1:XFD1048576");
        // Non-zero: the user may do it on the protected sheet.
        lxw_protection protection{};
        protection.format_columns = 1;
        protection.format_rows = 1;
        protection.insert_rows = 1;
        worksheet_protect(ws, nullptr, &protection);
    }

    void close() {
        const lxw_error error = workbook_close(workbook_);
        workbook_ = nullptr;
        if (error != LXW_NO_ERROR) {
            throw IoError(tr("cannot write the workbook: {0}", {lxw_strerror(error)}));
        }
    }

private:
    lxw_format* format(const CellFormat& wanted) {
        for (const auto& [known, format] : formats_) {
            if (known == wanted) {
                return format;
            }
        }
        lxw_format* f = workbook_add_format(workbook_);
        format_set_font_name(f, wanted.font.c_str());
        format_set_font_size(f, wanted.size_pt);
        if (wanted.bold) {
            format_set_bold(f);
        }
        if (!(wanted.color == Color{})) {
            format_set_font_color(f, rgb(wanted.color));
        }
        format_set_align(f, wanted.align == CellAlign::Center  ? LXW_ALIGN_CENTER
                            : wanted.align == CellAlign::Right ? LXW_ALIGN_RIGHT
                                                               : LXW_ALIGN_LEFT);
        format_set_align(f, wanted.valign == CellVAlign::Middle   ? LXW_ALIGN_VERTICAL_CENTER
                            : wanted.valign == CellVAlign::Bottom ? LXW_ALIGN_VERTICAL_BOTTOM
                                                                  : LXW_ALIGN_VERTICAL_TOP);
        if (wanted.wrap) {
            format_set_text_wrap(f);
        }
        if (wanted.fill) {
            format_set_bg_color(f, rgb(*wanted.fill));
        }
        if (wanted.border) {
            format_set_border(f, LXW_BORDER_THIN);
            format_set_border_color(f, rgb(wanted.border_color));
        }
        if (!wanted.locked) {
            format_set_unlocked(f);
        }
        format_set_num_format(f, "@"); // text: what is typed stays what was typed
        formats_.emplace_back(wanted, f);
        return f;
    }

    void write_cell(lxw_worksheet* ws, const SheetCell& cell) {
        lxw_format* f = format(cell.format);
        const auto row = static_cast<lxw_row_t>(cell.row);
        const auto col = static_cast<lxw_col_t>(cell.column);
        const std::string text = escape_hex_sequences(cell.text);
        const lxw_error error =
            cell.rowspan > 1 || cell.colspan > 1
                ? worksheet_merge_range(
                      ws, row, col, static_cast<lxw_row_t>(cell.row + cell.rowspan - 1),
                      static_cast<lxw_col_t>(cell.column + cell.colspan - 1), text.c_str(), f)
                : worksheet_write_string(ws, row, col, text.c_str(), f);
        if (error != LXW_NO_ERROR) {
            throw DiagnosticError(make_error(
                cell.loc, tr("a workbook cell cannot hold this value: {0}", {lxw_strerror(error)}),
                tr("an Excel cell holds at most 32,767 characters")));
        }
    }

    static void validation(lxw_worksheet* ws, const DropDown& drop_down) {
        std::vector<char*> list;
        std::vector<std::string> choices = drop_down.choices;
        for (std::string& choice : choices) {
            list.push_back(choice.data());
        }
        list.push_back(nullptr);
        lxw_data_validation v{};
        v.validate = LXW_VALIDATION_TYPE_LIST;
        v.value_list = list.data();
        v.ignore_blank = LXW_VALIDATION_ON;
        v.error_type =
            drop_down.strict ? LXW_VALIDATION_ERROR_TYPE_STOP : LXW_VALIDATION_ERROR_TYPE_WARNING;
        worksheet_data_validation_range(ws, static_cast<lxw_row_t>(drop_down.first_row),
                                        static_cast<lxw_col_t>(drop_down.first_column),
                                        static_cast<lxw_row_t>(drop_down.last_row),
                                        static_cast<lxw_col_t>(drop_down.last_column), &v);
    }

    static void page_setup(lxw_worksheet* ws, const Sheet& sheet) {
        if (const std::uint8_t paper = paper_type(sheet.page_width_pt, sheet.page_height_pt)) {
            worksheet_set_paper(ws, paper);
        }
        if (sheet.page_width_pt > sheet.page_height_pt) {
            worksheet_set_landscape(ws);
        }
        worksheet_set_margins(ws, sheet.margin_left_pt / 72, sheet.margin_right_pt / 72,
                              sheet.margin_top_pt / 72, sheet.margin_bottom_pt / 72);
        worksheet_fit_to_pages(ws, 1, 0); // one page wide, as long as it takes
        if (sheet.repeat_first_row >= 0) {
            worksheet_repeat_rows(ws, static_cast<lxw_row_t>(sheet.repeat_first_row),
                                  static_cast<lxw_row_t>(sheet.repeat_last_row));
        }
    }

    lxw_workbook* workbook_ = nullptr;
    std::string tmpdir_;
    std::string title_;
    std::vector<std::pair<CellFormat, lxw_format*>> formats_;
};

} // namespace

std::string write_xlsx(const std::vector<Sheet>& sheets, const WorkbookProperties& properties) {
    const PrivateFolder folder;
    const std::filesystem::path file = folder.path() / "workbook.xlsx";
    {
        XlsxWriter writer(file, folder.path());
        writer.properties(properties);
        for (const Sheet& sheet : sheets) {
            writer.sheet(sheet);
        }
        writer.close();
    }
    return read_file(file, std::size_t{1} << 32);
}

} // namespace formpdf::workbook_writer
