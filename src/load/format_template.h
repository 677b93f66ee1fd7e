#pragma once

#include <string_view>

namespace formpdf::load {

// A layout's `format:` template in its parts, as the print fills it (resolve's fill_template):
// `literal(text)` for the text between placeholders (never empty), `field(id)` for each `{id}`. A
// '{' with no '}' after it is text. The one reading of templates for the checks of the layout,
// the fields it prints and the import's matching of headings.
template <typename Literal, typename Field>
void for_each_template_part(std::string_view format, Literal&& literal, Field&& field) {
    std::size_t pos = 0;
    while (pos < format.size()) {
        const std::size_t open = format.find('{', pos);
        const std::size_t close =
            open == std::string_view::npos ? std::string_view::npos : format.find('}', open);
        if (close == std::string_view::npos) {
            literal(format.substr(pos));
            return;
        }
        if (open > pos) {
            literal(format.substr(pos, open - pos));
        }
        field(format.substr(open + 1, close - open - 1));
        pos = close + 1;
    }
}

} // namespace formpdf::load
