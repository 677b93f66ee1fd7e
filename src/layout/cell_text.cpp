#include "layout/cell_text.h"

#include "core/utf8.h"

#include <algorithm>

namespace formpdf::layout {

namespace {

// Joins the character before it: combining marks, variation selectors, zero-width joiners.
bool joins_previous(char32_t c) {
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
           (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE00 && c <= 0xFE0F) ||
           (c >= 0xFE20 && c <= 0xFE2F) || (c >= 0xE0100 && c <= 0xE01EF) || c == 0x200D ||
           c == 0x3099 || c == 0x309A;
}

bool is_gap(char32_t c) {
    return c == U' ' || c == U'\t' || c == U'\n' || c == 0x3000;
}

} // namespace

std::string vertical_text(std::string_view text) {
    std::string out;
    bool line_open = false; // a character is on the current line
    bool after_zwj = false; // the last code point was a zero-width joiner
    bool first_line = true; // no line ended yet
    const auto end_line = [&] {
        if (!first_line) {
            out += '\n';
        }
        first_line = false;
    };
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t start = pos;
        char32_t c = 0;
        decode_utf8(text, pos, c);
        if (c == U'\r' && pos < text.size() && text[pos] == '\n') {
            continue; // "\r\n" is one line break
        }
        if (line_open && (joins_previous(c) || after_zwj)) {
            out.append(text.substr(start, pos - start));
            after_zwj = c == 0x200D;
            continue;
        }
        end_line();
        after_zwj = false;
        if (is_gap(c) || c == U'\r') {
            line_open = false; // an empty line
            continue;
        }
        out.append(text.substr(start, pos - start));
        line_open = true;
        after_zwj = c == 0x200D;
    }
    return out;
}

double part_height(const BrokenText& part) {
    return part.height_of(std::max<std::size_t>(part.lines().size(), 1));
}

double parts_height(const std::vector<BrokenText>& parts) {
    double height = 0;
    for (const BrokenText& part : parts) {
        height += part_height(part);
    }
    return height;
}

void place_parts(const std::vector<BrokenText>& parts, const Rect& box,
                 std::vector<PageItem>& out) {
    double top_stack = 0, middle_stack = 0, bottom_stack = 0;
    for (const BrokenText& part : parts) {
        switch (part.style->valign) {
        case load::VAlign::Top:
            top_stack += part_height(part);
            break;
        case load::VAlign::Middle:
            middle_stack += part_height(part);
            break;
        case load::VAlign::Bottom:
            bottom_stack += part_height(part);
            break;
        }
    }
    double top_y = box.top();
    double middle_y = box.top() - std::max(0.0, box.height - middle_stack) / 2;
    double bottom_y = box.bottom() + bottom_stack;
    for (const BrokenText& part : parts) {
        double& y = part.style->valign == load::VAlign::Top      ? top_y
                    : part.style->valign == load::VAlign::Middle ? middle_y
                                                                 : bottom_y;
        place_lines(part, 0, part.lines().size(), box.x, y, box.width, out);
        y -= part_height(part);
    }
}

} // namespace formpdf::layout
