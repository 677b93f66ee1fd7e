#include "check/finding_text.h"

#include "core/utf8.h"

namespace formpdf::check {

std::string bare_label(std::string_view label) {
    for (const std::string_view colon : {std::string_view("："), std::string_view(":")}) {
        if (label.ends_with(colon)) {
            label.remove_suffix(colon.size());
            break;
        }
    }
    return std::string(label);
}

std::string field_name(std::string_view label, std::string_view id) {
    return bare_label(label) + " (" + std::string(id) + ")";
}

std::string quote_value(std::string_view text) {
    return quote_excerpt(text, 24);
}

bool is_blank(std::string_view text) {
    std::size_t pos = 0;
    char32_t cp = 0;
    while (pos < text.size()) {
        if (!decode_utf8(text, pos, cp) || (cp != ' ' && cp != 0x3000 && cp != '\t')) {
            return false;
        }
    }
    return true;
}

} // namespace formpdf::check
