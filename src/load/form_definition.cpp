#include "load/form_definition.h"

#include <algorithm>

namespace formpdf::load {

namespace {

template <typename Item>
const Item* find_by_id(const std::vector<Item>& items, std::string_view id) {
    const auto it =
        std::find_if(items.begin(), items.end(), [&](const Item& item) { return item.id == id; });
    return it == items.end() ? nullptr : &*it;
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

constexpr std::string_view kNumberPlaceholder = "{n}";

// The end of `pattern` matched at `pos` of `text`, or npos.
std::size_t match_at(std::string_view text, std::size_t pos, std::string_view pattern) {
    for (std::size_t p = 0; p < pattern.size();) {
        if (pattern.substr(p).starts_with(kNumberPlaceholder)) {
            const std::size_t start = pos;
            while (pos < text.size() && is_digit(text[pos])) {
                ++pos;
            }
            if (pos == start) {
                return std::string_view::npos;
            }
            if (pos + 1 < text.size() && text[pos] == '.' && is_digit(text[pos + 1])) {
                for (++pos; pos < text.size() && is_digit(text[pos]);) {
                    ++pos;
                }
            }
            p += kNumberPlaceholder.size();
        } else if (pos < text.size() && text[pos] == pattern[p]) {
            ++pos;
            ++p;
        } else {
            return std::string_view::npos;
        }
    }
    return pos;
}

// Spaces left where a decoration was: ASCII and the full-width U+3000.
void trim_spaces(std::string& text) {
    constexpr std::string_view kWide = "\xE3\x80\x80";
    while (true) {
        if (text.starts_with(' ')) {
            text.erase(0, 1);
        } else if (text.starts_with(kWide)) {
            text.erase(0, kWide.size());
        } else if (text.ends_with(' ')) {
            text.pop_back();
        } else if (text.ends_with(kWide)) {
            text.erase(text.size() - kWide.size());
        } else {
            return;
        }
    }
}

} // namespace

std::pair<std::size_t, std::size_t> NameDecoration::find_in(std::string_view text,
                                                            std::size_t from) const {
    for (std::size_t begin = from; begin < text.size() && !pattern.empty(); ++begin) {
        if (const std::size_t end = match_at(text, begin, pattern); end != std::string_view::npos) {
            return {begin, end};
        }
    }
    return {std::string_view::npos, std::string_view::npos};
}

std::string_view TreeDefinition::marker_of(std::string_view name) const {
    if (!mandatory_marker.empty() && name.starts_with(mandatory_marker)) {
        return mandatory_marker;
    }
    for (const std::string& variant : marker_variants) {
        if (!variant.empty() && name.starts_with(variant)) {
            return variant;
        }
    }
    return {};
}

std::string_view TreeDefinition::strip_marker(std::string_view name) const {
    return name.substr(marker_of(name).size());
}

std::string TreeDefinition::bare_name(std::string_view name) const {
    std::string bare(strip_marker(name));
    if (decorations.empty()) {
        return bare;
    }
    // Every occurrence of every decoration: "★★★", or a score and a mark on one name.
    for (bool removed = true; removed;) {
        removed = false;
        for (const NameDecoration& decoration : decorations) {
            if (const auto [begin, end] = decoration.find_in(bare); begin != std::string::npos) {
                bare.erase(begin, end - begin);
                removed = true;
            }
        }
    }
    trim_spaces(bare);
    return std::string(strip_marker(bare));
}

const NameDecoration* TreeDefinition::mandatory_decoration(std::string_view name) const {
    for (const NameDecoration& decoration : decorations) {
        if (decoration.mandatory && decoration.find_in(name).first != std::string_view::npos) {
            return &decoration;
        }
    }
    return nullptr;
}

const FieldDefinition* FormDefinition::find_field(std::string_view id) const {
    return find_by_id(fields, id);
}

const TreeDefinition* FormDefinition::find_tree(std::string_view id) const {
    return find_by_id(trees, id);
}

} // namespace formpdf::load
