#include "core/cell_grid.h"

#include <algorithm>

namespace formpdf {

namespace {

int count_code_points(std::string_view text) {
    return static_cast<int>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

bool needs_quotes(std::string_view name) {
    return std::any_of(name.begin(), name.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x80 && !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
                             (c >= 'a' && c <= 'z') || c == '_' || c == '.');
    });
}

} // namespace

std::string column_letters(int col) {
    std::string letters;
    while (col > 0) {
        letters.push_back(static_cast<char>('A' + (col - 1) % 26));
        col = (col - 1) / 26;
    }
    std::reverse(letters.begin(), letters.end());
    return letters;
}

std::string quoted_sheet_name(std::string_view name) {
    if (!needs_quotes(name) && !name.empty()) {
        return std::string(name);
    }
    std::string quoted = "'";
    for (const char c : name) {
        quoted += c;
        if (c == '\'') {
            quoted += '\'';
        }
    }
    return quoted + "'";
}

SourceLoc CellGrid::loc(const GridSheet& sheet, int row, int col) const {
    if (unit == GridUnit::TextLines) {
        return SourceLoc{file, row, col};
    }
    return SourceLoc{file + ":" + quoted_sheet_name(sheet.name) + "!" + column_letters(col) +
                         std::to_string(row),
                     0, 0};
}

int CellGrid::column_after(const GridCell& cell) const {
    return unit == GridUnit::TextLines ? cell.col + count_code_points(cell.text) + 1 : cell.col + 1;
}

std::string CellGrid::row_name(const GridSheet& sheet, int row) const {
    if (unit == GridUnit::TextLines) {
        return "line " + std::to_string(row);
    }
    std::string name = "row " + std::to_string(row);
    if (sheets.size() > 1) {
        name += " of sheet " + quoted_sheet_name(sheet.name);
    }
    return name;
}

CellGrid grid_from_tab_text(std::string_view text, std::string file) {
    CellGrid grid;
    grid.file = std::move(file);
    grid.unit = GridUnit::TextLines;
    GridSheet& sheet = grid.sheets.emplace_back();
    int number = 0;
    while (true) {
        ++number;
        const std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        if (line.ends_with('\r')) {
            line.remove_suffix(1); // CRLF line ends
        }
        GridRow& row = sheet.rows.emplace_back();
        row.number = number;
        int col = 1;
        while (true) {
            const std::size_t tab = line.find('\t');
            const std::string_view cell = line.substr(0, tab);
            row.cells.push_back(GridCell{std::string(cell), col});
            if (tab == std::string_view::npos) {
                break;
            }
            col += count_code_points(cell) + 1;
            line.remove_prefix(tab + 1);
        }
        if (end == std::string_view::npos) {
            break;
        }
        text.remove_prefix(end + 1);
    }
    return grid;
}

} // namespace formpdf
