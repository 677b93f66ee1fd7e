#include "load/export_vocabulary.h"

#include <algorithm>

namespace formpdf::load {

std::string_view without_colon(std::string_view label) {
    while (!label.empty() && label.back() == ' ') {
        label.remove_suffix(1);
    }
    for (const std::string_view colon : {std::string_view("："), std::string_view(":")}) {
        if (label.ends_with(colon)) {
            label.remove_suffix(colon.size());
            break;
        }
    }
    while (!label.empty() && label.front() == ' ') {
        label.remove_prefix(1);
    }
    while (!label.empty() && label.back() == ' ') {
        label.remove_suffix(1);
    }
    return label;
}

bool same_label(std::string_view cell, std::string_view label) {
    return without_colon(cell) == without_colon(label);
}

IndicatorVocabulary::IndicatorVocabulary(const TreeDefinition& tree) : tree_(tree) {
    collect(tree.vocabulary, 0);
}

int IndicatorVocabulary::level_of(std::string_view cell, int from) const {
    const std::string name(tree_.strip_marker(cell));
    const auto range = names_.equal_range(name);
    int best = -1;
    for (auto it = range.first; it != range.second; ++it) {
        if (it->second >= from && (best < 0 || it->second < best)) {
            best = it->second;
        }
    }
    return best;
}

bool IndicatorVocabulary::is_name_at(std::string_view cell, int level) const {
    const std::string name(tree_.strip_marker(cell));
    const auto range = names_.equal_range(name);
    return std::any_of(range.first, range.second,
                       [&](const auto& entry) { return entry.second == level; });
}

void IndicatorVocabulary::collect(const std::vector<VocabularyEntry>& entries, int level) {
    for (const VocabularyEntry& entry : entries) {
        names_.emplace(entry.name, level);
        collect(entry.children, level + 1);
    }
}

} // namespace formpdf::load
