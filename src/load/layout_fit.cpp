#include "load/layout_fit.h"

#include "core/diagnostic.h"
#include "core/messages.h"
#include "core/number_format.h"

#include <algorithm>

namespace formpdf::load {

namespace {

std::string mm(double pt) {
    return format_number(pt_to_mm(pt), 2) + "mm";
}

// For widths far below a millimetre: "0.0001mm", not "0mm".
std::string fine_mm(double pt) {
    return format_number(pt_to_mm(pt), 4) + "mm";
}

[[noreturn]] void fail(const SourceLoc& where, std::string message, std::string hint) {
    throw DiagnosticError(make_error(where, std::move(message), std::move(hint)));
}

// A built-in style or slot has no line of its own: its problems are the page's.
const SourceLoc& located(const SourceLoc& where, const SourceLoc& otherwise) {
    return where.line > 0 ? where : otherwise;
}

class FitChecker {
public:
    explicit FitChecker(const LayoutSpec& spec)
        : spec_(spec),
          content_width_(spec.page.width_pt - spec.page.margins.left - spec.page.margins.right),
          content_height_(spec.page.height_pt - spec.page.margins.top - spec.page.margins.bottom) {}

    void run() {
        check_content_area();
        for (const StyleSpec& style : spec_.styles) {
            check_line_height(style);
        }
        for (const BlockSpec& block : spec_.blocks) {
            if (block.kind == BlockKind::Title || block.kind == BlockKind::Paragraph) {
                const double width =
                    std::min(block.width_pt.value_or(content_width_), content_width_);
                check_padding(style(block.style), width, block.loc, N_("block"));
            } else if (block.kind == BlockKind::Table && block.table) {
                check_table(*block.table);
            }
        }
        check_page_numbers();
    }

private:
    const StyleSpec& style(const std::string& name) const {
        return *spec_.find_style(name); // the loader checked every style name
    }

    double line_height(const StyleSpec& style) const {
        return style.size_pt * style.line_spacing + style.padding.top + style.padding.bottom;
    }

    void check_content_area() const {
        if (pt_to_mm(content_width_) < kMinContentMm - 1e-9 ||
            pt_to_mm(content_height_) < kMinContentMm - 1e-9) {
            fail(spec_.page.loc,
                 tr("the margins leave {0} × {1} for the content of the page, less than the "
                    "minimum of {2}mm each way",
                    {mm(content_width_), mm(content_height_), format_number(kMinContentMm)}),
                 tr("make the margins smaller or the page larger"));
        }
    }

    void check_line_height(const StyleSpec& style) const {
        const double height = line_height(style);
        if (height > content_height_ + 1e-9) {
            // At its size when the file gives one there (the usual culprit), else at the style.
            fail(located(style.size_loc.line > 0 ? style.size_loc : style.loc, spec_.page.loc),
                 tr("one line of style '{0}' is {1} tall with its padding (size {2}pt × "
                    "line-spacing {3}), more than the page's content height of {4}",
                    {style.name, mm(height), format_number(style.size_pt),
                     format_number(style.line_spacing), mm(content_height_)}),
                 tr("make the style's size, line-spacing or vertical padding smaller, or the "
                    "page's margins smaller"));
        }
    }

    // `what` is an N_() literal: "block", "cell", "page number line".
    void check_padding(const StyleSpec& style, double box_width, const SourceLoc& where,
                       const char* what) const {
        const double padding = style.padding.left + style.padding.right;
        if (padding >= box_width - 1e-9) {
            std::string hint =
                tr("make the style's left and right padding smaller or the {0} wider", {tr(what)});
            if (style.loc.line > 0) {
                hint += tr(" (style '{0}' is at line {1})",
                           {style.name, std::to_string(style.loc.line)});
            }
            fail(where,
                 tr("the padding of style '{0}' ({1} left, {2} right) leaves no room for text in "
                    "this {3}, which is {4} wide",
                    {style.name, mm(style.padding.left), mm(style.padding.right), tr(what),
                     mm(box_width)}),
                 std::move(hint));
        }
    }

    void check_table(const TableSpec& table) const {
        const std::vector<double> widths = column_widths_pt(table.columns, content_width_);
        double fixed = 0;
        for (const ColumnSpec& column : table.columns) {
            fixed += column.width_pt;
        }
        for (std::size_t c = 0; c < widths.size(); ++c) {
            if (pt_to_mm(widths[c]) >= kMinColumnMm - 1e-9) {
                continue;
            }
            const ColumnSpec& column = table.columns[c];
            fail(
                column.loc,
                column.fraction > 0
                    ? tr("column {0} (a share of {1}fr) gets {2}, narrower than the minimum of "
                         "{3}mm: the fixed columns leave {4} for the shares",
                         {std::to_string(c + 1), format_number(column.fraction), fine_mm(widths[c]),
                          format_number(kMinColumnMm), mm(std::max(0.0, content_width_ - fixed))})
                    : tr("column {0} is {1} wide, narrower than the minimum of {2}mm",
                         {std::to_string(c + 1), fine_mm(widths[c]), format_number(kMinColumnMm)}),
                tr("make the column wider (or the fixed columns narrower)"));
        }
        if (table.min_row_height_pt > content_height_ + 1e-9) {
            fail(located(table.min_row_height_loc, table.loc),
                 tr("'min-row-height' {0} is more than the page's content height of {1}",
                    {mm(table.min_row_height_pt), mm(content_height_)}),
                 tr("make it smaller than the page less its margins"));
        }
        double header = 0; // the least height of the header block being read
        const RowSpec* header_start = nullptr;
        for (const RowSpec& row : table.rows) {
            const double floor = row_floor(table, row, widths);
            if (row.header) {
                header_start = header_start ? header_start : &row;
                header += floor;
                if (header > content_height_ + 1e-9) {
                    fail(header_start->loc,
                         tr("the header rows starting here are at least {0} tall, more than the "
                            "page's content height of {1}",
                            {mm(header), mm(content_height_)}),
                         tr("header rows repeat on every page: make them (their min-height, font "
                            "size or padding) smaller"));
                }
            } else {
                header = 0;
                header_start = nullptr;
            }
        }
    }

    // The least height of a row: its min-height, and one line of each of its cells. Fails when
    // that alone is taller than the page, or a cell's padding fills its width.
    double row_floor(const TableSpec& table, const RowSpec& row,
                     const std::vector<double>& widths) const {
        const double min_height = std::max(row.min_height_pt, table.min_row_height_pt);
        if (row.min_height_pt > content_height_ + 1e-9) {
            fail(located(row.min_height_loc, row.loc),
                 tr("this row's min-height {0} is more than the page's content height of {1}",
                    {mm(row.min_height_pt), mm(content_height_)}),
                 tr("make it smaller than the page less its margins"));
        }
        double floor = min_height;
        const auto check_cell = [&](const CellSpec& cell) {
            const StyleSpec& cell_style = style(cell.style.empty() ? table.style : cell.style);
            double width = 0;
            for (int c = cell.column; c < cell.column + cell.colspan; ++c) {
                width += widths[static_cast<std::size_t>(c)];
            }
            check_padding(cell_style, width, cell.loc, N_("cell"));
            if (!cell.hint_style.empty()) {
                check_padding(style(cell.hint_style), width, cell.hint_style_loc, N_("cell"));
            }
            // The texts of a cell are kept together: at least one line of each.
            double texts_height = 0;
            for (const CellTextSpec& part : cell.texts) {
                const StyleSpec& part_style = part.style.empty() ? cell_style : style(part.style);
                check_padding(part_style, width, part.loc, N_("cell"));
                texts_height += line_height(part_style);
            }
            if (texts_height > content_height_ + 1e-9) {
                fail(cell.loc,
                     tr("the texts of this cell are kept together on one page and need at least "
                        "{0}, more than the page's content height of {1}",
                        {mm(texts_height), mm(content_height_)}),
                     tr("give the cell fewer texts, or their styles a smaller size or padding"));
            }
            if (cell.rowspan == 1 && !cell.rowspan_to_group) {
                floor =
                    std::max(floor, cell.texts.empty() ? line_height(cell_style) : texts_height);
            }
        };
        for (const CellSpec& level : row.levels) {
            check_cell(level);
        }
        for (const CellSpec& cell : row.cells) {
            check_cell(cell);
        }
        return floor;
    }

    void check_page_numbers() const {
        const PageNumberSpec& numbers = spec_.page_numbers;
        if (numbers.format.empty()) {
            return;
        }
        const StyleSpec& number_style = style(numbers.style);
        check_padding(number_style, content_width_, numbers.loc, N_("page number line"));
        const double height = line_height(number_style);
        if (numbers.offset_pt + height > spec_.page.height_pt + 1e-9) {
            fail(numbers.loc,
                 tr("the page numbers' line ({0} tall, {1} from the page edge) runs off the {2} "
                    "page",
                    {mm(height), mm(numbers.offset_pt), mm(spec_.page.height_pt)}),
                 tr("make 'offset' or the style's size smaller"));
        }
    }

    const LayoutSpec& spec_;
    double content_width_;
    double content_height_;
};

} // namespace

void check_layout_fits(const LayoutSpec& spec) {
    FitChecker(spec).run();
}

} // namespace formpdf::load
