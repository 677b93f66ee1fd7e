#pragma once

#include "load/form_definition.h"

#include <map>
#include <string>
#include <string_view>

namespace formpdf::load {

// How the import recognises a form's words in the export (docs/import.md): a field's label with
// or without its final colon, and the names of a tree's indicator vocabulary, by which cells the
// export shifted out of their columns are put back.

// "项目编码：" and "项目编码" name the same field: exports differ in the colon.
std::string_view without_colon(std::string_view label);
bool same_label(std::string_view cell, std::string_view label);

// Which level of the tree's vocabulary a name (without its marker) belongs to.
class IndicatorVocabulary {
public:
    explicit IndicatorVocabulary(const TreeDefinition& tree);

    bool empty() const { return names_.empty(); }
    // The shallowest level at or below `from` that has the name, or -1.
    int level_of(std::string_view cell, int from) const;
    bool is_name(std::string_view cell) const { return level_of(cell, 0) >= 0; }
    bool is_name_at(std::string_view cell, int level) const;

private:
    void collect(const std::vector<VocabularyEntry>& entries, int level);

    const TreeDefinition& tree_;
    std::multimap<std::string, int> names_;
};

} // namespace formpdf::load
