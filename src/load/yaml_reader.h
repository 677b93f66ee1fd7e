#pragma once

// Typed, located access to a parsed YAML file, shared by the loaders of layouts and declarations.
// Every accessor either returns a value of the asked-for type or throws a DiagnosticError at the
// value's file:line:col that names the value by its path ("styles.body.size") and says what was
// expected. Scalars are read from their exact text as the parser gives it, never through
// conversions, so "0.00", "3", "否", "yes" and "≥ 90%" keep their characters. The values come
// from yaml_tree.h: the guard's one pass over yaml-cpp's events builds them.
//
// Private to src/load/.

#include "core/diagnostic.h"
#include "core/geometry.h"
#include "load/source_text.h"
#include "load/yaml_guard.h"
#include "load/yaml_tree.h"

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace formpdf::load {

// No sheet of paper is two metres long: a larger length is a typo or a wrong unit.
inline constexpr double kMaxLengthMm = 2000;

// The candidate the word was most likely meant to be (a typo, other case, '_' for '-'), if any.
std::optional<std::string_view> closest_match(std::string_view word,
                                              std::span<const std::string_view> candidates);

// "did you mean 'margins'? allowed keys: size, orientation, margins" (the question only when there
// is a close match; `list_label` names the list, e.g. "allowed keys" or "defined styles": an N_()
// literal, or a text already translated, which the hint translates with tr()).
std::string suggestion_hint(std::string_view word, std::span<const std::string_view> candidates,
                            std::string_view list_label);

// "a, b, c"
std::string join_names(std::span<const std::string_view> names);

// One allowed value of an enumeration, for ValueReader::choice().
template <typename T> struct NamedValue {
    std::string_view name;
    T value;
};

class MapReader;

// One value of the document. Cheap to copy: the node and the source text are shared.
class ValueReader {
public:
    // `path` names the value in messages ("" for the top level); `key_offset` is the byte offset of
    // the key a map value belongs to, where a missing value is reported (the parser marks an empty
    // value at the start of the next line).
    // `tree` keeps the documents that `node` points into alive.
    ValueReader(const YamlNode* node, std::shared_ptr<const std::vector<YamlNode>> tree,
                std::shared_ptr<const SourceText> source, std::string path,
                std::optional<std::size_t> key_offset = {});

    const YamlNode& node() const { return *node_; }
    // The byte offset the parser marks the value at (in source()->text()), if any.
    std::optional<std::size_t> offset() const;
    const std::shared_ptr<const SourceText>& source() const { return source_; }
    const std::shared_ptr<const std::vector<YamlNode>>& tree() const { return tree_; }
    const std::string& path() const { return path_; }
    std::string label() const; // "'styles.body.size'", or "the top level"
    SourceLoc loc() const;

    bool is_null() const { return node_->kind == YamlNode::Kind::Null; }
    bool is_scalar() const { return node_->kind == YamlNode::Kind::Scalar; }
    bool is_map() const { return node_->kind == YamlNode::Kind::Map; }
    bool is_list() const { return node_->kind == YamlNode::Kind::Sequence; }
    // "a map", "a list", "no value", or the text itself in quotes (shortened)
    std::string describe() const;

    // The message and hint are shown as given: translate them with tr() (docs/messages.md).
    [[noreturn]] void fail(std::string message, std::string hint = {}) const;
    // "'page.size' must be <expected>, not a map" (or "has no value"); `expected` and `hint` are
    // translated already (tr("a list")), the sentence around them is translated here.
    [[noreturn]] void fail_expected(std::string_view expected, std::string hint = {}) const;

    // The scalar's text exactly as YAML gives it (quotes removed, block scalars as YAML folds
    // them).
    std::string text() const;
    // A decimal number in [min, max]; no exponents of infinities, no YAML conversions.
    double number(double min, double max) const;
    int integer(int min, int max) const;
    bool boolean() const; // true/false, yes/no (any case)
    // A length: a number with unit mm, cm, pt or in (a bare number is mm), 0..kMaxLengthMm, in pt.
    double length_pt() const;
    double positive_length_pt() const;
    // A font size: a number of points, optionally written with "pt"; 0 < size <= 1000.
    double font_size_pt() const;
    // "#RRGGBB", "#RGB", or a grey level from 0 (black) to 1 (white).
    Color color() const;

    // One of the names (ASCII case ignored); fails with the allowed names in the hint.
    std::size_t choice_index(std::span<const std::string_view> names) const;
    template <typename T> T choice(std::initializer_list<NamedValue<T>> choices) const {
        std::vector<std::string_view> names;
        for (const NamedValue<T>& choice : choices) {
            names.push_back(choice.name);
        }
        return std::data(choices)[choice_index(names)].value;
    }

    // A map whose keys must all be among allowed_keys. An empty value counts as an empty map, so
    // a section whose entries are all commented out means the same as leaving it out.
    MapReader map(std::initializer_list<std::string_view> allowed_keys) const;
    // A map with any keys (names the user chooses, such as style names), or whose allowed keys
    // depend on its content: call MapReader::check_keys() once known.
    MapReader open_map() const;
    // A list; an empty value counts as an empty list. Items are named "path[1]", "path[2]", ...
    std::vector<ValueReader> list() const;

private:
    std::optional<double> parse_length_mm(std::string_view text) const;

    const YamlNode* node_;
    std::shared_ptr<const std::vector<YamlNode>> tree_;
    std::shared_ptr<const SourceText> source_;
    std::string path_;
    std::optional<std::size_t> key_offset_;
};

struct MapEntry {
    std::string key;
    SourceLoc key_loc;
    ValueReader value;
};

// A YAML map, checked for keys that are not text and for duplicate keys (YAML parsers keep both).
// Entries keep the file's order.
class MapReader {
public:
    explicit MapReader(const ValueReader& map);

    const ValueReader& value() const { return map_; }
    const std::vector<MapEntry>& entries() const { return entries_; }

    // Fails at the first key not in allowed_keys, with a did-you-mean hint listing them.
    void check_keys(std::span<const std::string_view> allowed_keys) const;
    void check_keys(std::initializer_list<std::string_view> allowed_keys) const {
        check_keys(std::span<const std::string_view>(allowed_keys.begin(), allowed_keys.size()));
    }

    bool has(std::string_view key) const { return find_entry(key) != nullptr; }
    const MapEntry* find_entry(std::string_view key) const;
    std::optional<ValueReader> find(std::string_view key) const;
    // A required key; fails at the map with "missing key" and the hint when it is absent.
    ValueReader get(std::string_view key, std::string hint = {}) const;

    // "in 'page'" or "at the top level"
    std::string where() const;

private:
    // Maps with more keys than this are indexed by key: a flow-style map of 100,000 keys must not
    // compare every key with every other one. Small maps (every map of a real file) scan.
    static constexpr std::size_t kIndexedFrom = 16;

    ValueReader map_;
    std::vector<MapEntry> entries_;
    std::unordered_map<std::string_view, std::size_t> index_; // key → entry, for large maps
};

// Checks the text with check_yaml() and parses its single document. An empty file gives a null
// top-level value; more than one document is an error at the second.
ValueReader read_yaml(std::string_view yaml, const std::string& file,
                      const YamlLimits& limits = {});

// The same for a file of several documents (separated by `---`), in order; empty documents are
// included as null values.
std::vector<ValueReader> read_yaml_documents(std::string_view yaml, const std::string& file,
                                             const YamlLimits& limits = {});

} // namespace formpdf::load
