#include "load/export_lines.h"

#include "core/messages.h"
#include "core/utf8.h"

#include <algorithm>

namespace formpdf::load {

namespace {

int count_code_points(std::string_view text) {
    return static_cast<int>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

} // namespace

ExportLine export_line_of(const GridRow& row) {
    ExportLine line;
    line.number = row.number;
    line.cells.reserve(row.cells.size());
    int index = 0;
    for (const GridCell& cell : row.cells) {
        line.cells.push_back(ExportCell{cell.text, index++, cell.col});
    }
    return line;
}

bool is_empty_cell(std::string_view text) {
    return text.find_first_not_of(' ') == std::string_view::npos;
}

std::vector<const ExportCell*> nonempty_cells(const ExportLine& line) {
    std::vector<const ExportCell*> cells;
    for (const ExportCell& cell : line.cells) {
        if (!is_empty_cell(cell.text)) {
            cells.push_back(&cell);
        }
    }
    return cells;
}

bool is_blank(const ExportLine& line) {
    return nonempty_cells(line).empty();
}

std::string_view cell_at(const ExportLine& line, std::size_t index) {
    return index < line.cells.size() ? line.cells[index].text : std::string_view{};
}

std::string shorten(std::string_view text) {
    return quote_excerpt(text, 12);
}

std::string first_difference(std::string_view actual, std::string_view expected) {
    std::size_t a = 0;
    std::size_t e = 0;
    while (a < actual.size() && e < expected.size()) {
        const std::size_t a_start = a;
        const std::size_t e_start = e;
        char32_t ca = 0;
        char32_t ce = 0;
        decode_utf8(actual, a, ca);
        decode_utf8(expected, e, ce);
        if (ca != ce) {
            return tr("'{0}' instead of '{1}' at character {2}",
                      {actual.substr(a_start, a - a_start), expected.substr(e_start, e - e_start),
                       std::to_string(count_code_points(actual.substr(0, a_start)) + 1)});
        }
    }
    return a < actual.size() ? tr("it is longer") : tr("it is shorter");
}

int ExportSite::col_of(const ExportLine& line, std::size_t index) const {
    if (index < line.cells.size()) {
        return line.cells[index].col;
    }
    if (grid_.unit == GridUnit::SheetCells || line.cells.empty()) {
        return static_cast<int>(index) + 1;
    }
    // A text line: past its last cell, one character per missing tab.
    const ExportCell& last = line.cells.back();
    return grid_.column_after(GridCell{std::string(last.text), last.col}) +
           static_cast<int>(index - line.cells.size());
}

} // namespace formpdf::load
