#include "workbook/export_reader.h"

namespace formpdf::workbook {

CellGrid grid_from_csv_text(std::string_view text, std::string file) {
    CellGrid grid;
    grid.file = std::move(file);
    grid.unit = GridUnit::TextLines;
    GridSheet& sheet = grid.sheets.emplace_back();
    int line = 1;
    int col = 1; // code points from the start of the line
    std::size_t i = 0;
    const auto advance = [&](char c) {
        if (c == '\n') {
            ++line;
            col = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++col;
        }
    };
    while (i <= text.size()) {
        GridRow row;
        row.number = line;
        while (true) { // one cell
            GridCell cell{{}, col};
            if (i < text.size() && text[i] == '"') {
                advance(text[i++]);
                while (i < text.size()) {
                    if (text[i] == '"') {
                        if (i + 1 < text.size() && text[i + 1] == '"') {
                            cell.text += '"';
                            advance(text[i++]);
                            advance(text[i++]);
                            continue;
                        }
                        advance(text[i++]);
                        break;
                    }
                    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
                        ++i; // a CRLF in a quoted cell is one line break
                        continue;
                    }
                    cell.text += text[i];
                    advance(text[i++]);
                }
            }
            // Unquoted text, or what follows a closing quote, up to the separator.
            while (i < text.size() && text[i] != ',' && text[i] != '\n') {
                if (!(text[i] == '\r' && (i + 1 == text.size() || text[i + 1] == '\n'))) {
                    cell.text += text[i];
                }
                advance(text[i++]);
            }
            row.cells.push_back(std::move(cell));
            if (i < text.size() && text[i] == ',') {
                advance(text[i++]);
                continue;
            }
            break;
        }
        sheet.rows.push_back(std::move(row));
        if (i >= text.size()) {
            break;
        }
        advance(text[i++]); // the line break
    }
    return grid;
}

} // namespace formpdf::workbook
