#include "load/yaml_reader.h"

#include "load/yaml_tree_serialization.h"
#include "load/yaml_tree_store.h"

#include "core/messages.h"
#include "core/number_format.h"
#include "core/utf8.h"
#include "load/chinese_font_sizes.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace formpdf::load {

namespace {

char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return ascii_lower(x) == ascii_lower(y);
           });
}

// Code points, lower-cased, so that distances count characters (a Chinese style name is three
// bytes per character) and ignore case.
std::u32string fold_for_matching(std::string_view text, bool drop_separators) {
    std::u32string out;
    std::size_t pos = 0;
    char32_t code_point = 0;
    while (pos < text.size()) {
        if (!decode_utf8(text, pos, code_point)) {
            continue;
        }
        if (drop_separators && (code_point == '-' || code_point == '_' || code_point == ' ')) {
            continue;
        }
        out += code_point < 0x80 ? static_cast<char32_t>(ascii_lower(static_cast<char>(code_point)))
                                 : code_point;
    }
    return out;
}

// Optimal string alignment distance: Levenshtein plus transposition of neighbours ("widht").
std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) {
        d[i][0] = i;
    }
    for (std::size_t j = 0; j <= b.size(); ++j) {
        d[0][j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.size()][b.size()];
}

std::string_view trim_spaces(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

// A plain decimal number ("10.5", "-3", "+2", ".5"); the whole text must be the number.
// std::from_chars is locale-free; it would also take "inf" and "nan", which are refused here.
std::optional<double> parse_decimal(std::string_view text) {
    text = trim_spaces(text);
    if (text.starts_with('+')) {
        text.remove_prefix(1);
    }
    if (text.empty() || text.find_first_not_of("0123456789.-") != std::string_view::npos) {
        return std::nullopt;
    }
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

// Splits "10.5pt" into the number text and the unit text ("pt"); the unit is the trailing run of
// letters.
std::pair<std::string_view, std::string_view> split_unit(std::string_view text) {
    text = trim_spaces(text);
    std::size_t unit_start = text.size();
    while (unit_start > 0 && std::isalpha(static_cast<unsigned char>(text[unit_start - 1]))) {
        --unit_start;
    }
    return {text.substr(0, unit_start), text.substr(unit_start)};
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c = ascii_lower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

std::optional<Color> parse_hex_color(std::string_view text) {
    if (!text.starts_with('#') || (text.size() != 4 && text.size() != 7)) {
        return std::nullopt;
    }
    const std::string_view digits = text.substr(1);
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return hex_digit(c) >= 0; })) {
        return std::nullopt;
    }
    const auto component = [&](int index) {
        const int value = digits.size() == 3 ? hex_digit(digits[index]) * 17
                                             : hex_digit(digits[2 * index]) * 16 +
                                                   hex_digit(digits[2 * index + 1]);
        return value / 255.0;
    };
    return Color{component(0), component(1), component(2)};
}

std::string quoted(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '\''; // not "'" + std::string: GCC 12 -Wrestrict false positive
    out += text;
    out += '\'';
    return out;
}

std::string length_text_mm(double mm) {
    return format_number(mm, 2) + "mm";
}

} // namespace

std::optional<std::string_view> closest_match(std::string_view word,
                                              std::span<const std::string_view> candidates) {
    const std::u32string folded = fold_for_matching(word, true);
    for (const std::string_view candidate : candidates) {
        if (fold_for_matching(candidate, true) == folded) {
            return candidate;
        }
    }
    const std::u32string lowered = fold_for_matching(word, false);
    const std::size_t allowed = lowered.size() <= 3 ? 1 : lowered.size() <= 6 ? 2 : 3;
    std::optional<std::string_view> best;
    std::size_t best_distance = allowed + 1;
    for (const std::string_view candidate : candidates) {
        const std::size_t distance = edit_distance(lowered, fold_for_matching(candidate, false));
        if (distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

std::string join_names(std::span<const std::string_view> names) {
    std::string out;
    for (const std::string_view name : names) {
        if (!out.empty()) {
            out += ", ";
        }
        out += name;
    }
    return out;
}

std::string suggestion_hint(std::string_view word, std::span<const std::string_view> candidates,
                            std::string_view list_label) {
    std::string hint;
    if (const auto match = closest_match(word, candidates)) {
        hint = tr("did you mean '{0}'? ", {*match});
    }
    // The label is an N_() literal of the caller's, translated here.
    const std::string label(list_label);
    const std::string names = candidates.empty() ? tr("(none)") : join_names(candidates);
    hint += tr("{0}: {1}", {tr(label.c_str()), names});
    return hint;
}

// ---------------------------------------------------------------------------------------------
// ValueReader

ValueReader::ValueReader(const YamlNode* node, std::shared_ptr<const std::vector<YamlNode>> tree,
                         std::shared_ptr<const SourceText> source, std::string path,
                         std::optional<std::size_t> key_offset)
    : node_(node), tree_(std::move(tree)), source_(std::move(source)), path_(std::move(path)),
      key_offset_(key_offset) {}

std::optional<std::size_t> ValueReader::offset() const {
    if (node_->pos < 0) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(node_->pos);
}

std::string ValueReader::label() const {
    return path_.empty() ? std::string(tr("the top level")) : quoted(path_);
}

SourceLoc ValueReader::loc() const {
    if (is_null() && key_offset_) {
        return source_->loc_at(*key_offset_);
    }
    if (const auto at = offset()) {
        return source_->loc_at(*at);
    }
    return SourceLoc{source_->file(), 0, 0};
}

std::string ValueReader::describe() const {
    if (is_map()) {
        return tr("a map");
    }
    if (is_list()) {
        return tr("a list");
    }
    if (!is_scalar()) {
        return tr("no value");
    }
    const std::string& text = node_->scalar;
    constexpr std::size_t kShown = 40;
    if (text.size() <= kShown) {
        return tr("'{0}'", {text}); // a value of the input: in Chinese quotes under Chinese
    }
    std::size_t cut = kShown;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
        --cut; // do not cut a character in half
    }
    return tr("'{0}'", {text.substr(0, cut) + "…"});
}

void ValueReader::fail(std::string message, std::string hint) const {
    throw DiagnosticError(make_error(loc(), std::move(message), std::move(hint)));
}

void ValueReader::fail_expected(std::string_view expected, std::string hint) const {
    if (is_null()) {
        // `color: #D9D9D9` is a key followed by a comment: the most common way to get no value.
        if (key_offset_ && source_->line_at(*key_offset_).find(" #") != std::string_view::npos) {
            hint = tr("an unquoted '#' starts a comment in YAML: put the value in quotes, e.g. "
                      "\"#D9D9D9\"");
        }
        fail(tr("{0} has no value; expected {1}", {label(), expected}), std::move(hint));
    }
    if (is_map() && node_->children.size() == 2 &&
        node_->children[0].kind == YamlNode::Kind::Scalar && !node_->children[0].scalar.empty() &&
        node_->children[1].kind == YamlNode::Kind::Null) {
        // `[预算单位:, …]`: the forms print a half-width ':' after a label, and YAML reads a ':'
        // before ',' or the line's end as a key's, so the text became a map with one empty key.
        const std::string& key = node_->children[0].scalar;
        hint = tr("if '{0}:' is meant as text, its half-width ':' made it a key: put it in "
                  "quotes, '{0}:'",
                  {key});
    }
    fail(tr("{0} must be {1}, not {2}", {label(), expected, describe()}), std::move(hint));
}

std::string ValueReader::text() const {
    if (!is_scalar()) {
        fail_expected(tr("text"));
    }
    return node_->scalar;
}

double ValueReader::number(double min, double max) const {
    const std::string expected =
        tr("a number from {0} to {1}", {format_number(min), format_number(max)});
    if (!is_scalar()) {
        fail_expected(expected);
    }
    const std::optional<double> value = parse_decimal(node_->scalar);
    if (!value || *value < min || *value > max) {
        fail_expected(expected);
    }
    return *value;
}

int ValueReader::integer(int min, int max) const {
    const std::string expected =
        tr("a whole number from {0} to {1}", {std::to_string(min), std::to_string(max)});
    if (!is_scalar()) {
        fail_expected(expected);
    }
    const std::string_view text = trim_spaces(node_->scalar);
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < min ||
        value > max) {
        fail_expected(expected);
    }
    return value;
}

bool ValueReader::boolean() const {
    static constexpr std::string_view kNames[] = {"true", "false", "yes", "no"};
    const std::size_t index = choice_index(kNames);
    return index == 0 || index == 2;
}

std::optional<double> ValueReader::parse_length_mm(std::string_view text) const {
    const auto [number_text, unit] = split_unit(text);
    const std::optional<double> number = parse_decimal(number_text);
    if (!number) {
        return std::nullopt;
    }
    if (unit.empty() || equals_ignoring_ascii_case(unit, "mm")) {
        return *number;
    }
    if (equals_ignoring_ascii_case(unit, "cm")) {
        return *number * 10;
    }
    if (equals_ignoring_ascii_case(unit, "pt")) {
        return pt_to_mm(*number);
    }
    if (equals_ignoring_ascii_case(unit, "in")) {
        return *number * 25.4;
    }
    return std::nullopt;
}

double ValueReader::length_pt() const {
    const char* const kExpected = tr("a length such as 20mm, 1.5cm, 10pt or 1in");
    const char* const kHint = tr("a length is a number followed by mm, cm, pt or in; a bare "
                                 "number means mm");
    if (!is_scalar()) {
        fail_expected(kExpected, kHint);
    }
    const std::optional<double> mm = parse_length_mm(node_->scalar);
    if (!mm) {
        fail_expected(kExpected, kHint);
    }
    if (*mm < 0) {
        fail(tr("{0} must not be negative (it is {1})", {label(), describe()}));
    }
    if (*mm > kMaxLengthMm) {
        fail(tr("{0} is {1}, longer than the limit of {2}",
                {label(), length_text_mm(*mm), length_text_mm(kMaxLengthMm)}),
             tr("check the number and the unit; a bare number means mm"));
    }
    return mm_to_pt(*mm);
}

double ValueReader::positive_length_pt() const {
    const double pt = length_pt();
    if (pt <= 0) {
        fail(tr("{0} must be more than 0", {label()}));
    }
    return pt;
}

double ValueReader::font_size_pt() const {
    const char* const kExpected =
        tr("a font size in points, such as 10.5 or 10.5pt, or a Chinese size such as 三号 or 小四");
    if (!is_scalar()) {
        fail_expected(kExpected);
    }
    if (const std::optional<double> named = chinese_font_size_pt(trim_spaces(node_->scalar))) {
        return *named;
    }
    const auto [number_text, unit] = split_unit(node_->scalar);
    const std::optional<double> size = parse_decimal(number_text);
    if (!size || (!unit.empty() && !equals_ignoring_ascii_case(unit, "pt"))) {
        fail_expected(kExpected);
    }
    if (*size <= 0 || *size > 1000) {
        fail(tr("{0} must be more than 0pt and at most 1000pt (it is {1})", {label(), describe()}));
    }
    return *size;
}

Color ValueReader::color() const {
    const char* const kExpected = tr("a colour");
    const char* const kHint = tr("write \"#RRGGBB\" or \"#RGB\" in quotes (e.g. \"#D9D9D9\"), or "
                                 "a grey level from 0 (black) to 1 (white)");
    if (!is_scalar()) {
        fail_expected(kExpected, kHint);
    }
    const std::string_view text = trim_spaces(node_->scalar);
    if (const std::optional<Color> color = parse_hex_color(text)) {
        return *color;
    }
    if (const std::optional<double> grey = parse_decimal(text); grey && *grey >= 0 && *grey <= 1) {
        return Color{*grey, *grey, *grey};
    }
    fail_expected(kExpected, kHint);
}

std::size_t ValueReader::choice_index(std::span<const std::string_view> names) const {
    const std::string expected = tr("one of: {0}", {join_names(names)});
    if (!is_scalar()) {
        fail_expected(expected);
    }
    const std::string_view text = trim_spaces(node_->scalar);
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (equals_ignoring_ascii_case(text, names[i])) {
            return i;
        }
    }
    fail(tr("{0} cannot be {1}", {label(), describe()}),
         suggestion_hint(text, names, N_("allowed values")));
}

MapReader ValueReader::map(std::initializer_list<std::string_view> allowed_keys) const {
    MapReader reader(*this);
    reader.check_keys(allowed_keys);
    return reader;
}

MapReader ValueReader::open_map() const {
    return MapReader(*this);
}

std::vector<ValueReader> ValueReader::list() const {
    std::vector<ValueReader> items;
    if (is_null()) {
        return items;
    }
    if (!is_list()) {
        fail_expected(tr("a list"));
    }
    items.reserve(node_->children.size());
    for (std::size_t i = 0; i < node_->children.size(); ++i) {
        items.emplace_back(&node_->children[i], tree_, source_,
                           path_ + "[" + std::to_string(i + 1) + "]");
    }
    return items;
}

// ---------------------------------------------------------------------------------------------
// MapReader

MapReader::MapReader(const ValueReader& map) : map_(map) {
    if (map.is_null()) {
        return;
    }
    if (!map.is_map()) {
        map.fail_expected(tr("a map (keys with values)"));
    }
    const std::vector<YamlNode>& children = map.node().children;
    entries_.reserve(children.size() / 2);
    if (children.size() / 2 > kIndexedFrom) {
        index_.reserve(children.size() / 2);
    }
    for (std::size_t i = 0; i + 1 < children.size(); i += 2) {
        const YamlNode& key_node = children[i];
        const YamlNode& value_node = children[i + 1];
        const std::size_t key_offset =
            key_node.pos < 0 ? 0 : static_cast<std::size_t>(key_node.pos);
        ValueReader key(&key_node, map.tree(), map.source(), map.path());
        if (key.is_null()) {
            key.fail(tr("an entry has no key before its ':' ({0})", {where()}),
                     tr("write `key: value`; if the ':' is part of the text, put the text in "
                        "quotes"));
        }
        if (!key.is_scalar()) {
            key.fail(tr("a key must be text, not {0} ({1})", {key.describe(), where()}));
        }
        const std::string& name = key_node.scalar;
        if (const MapEntry* first = find_entry(name)) {
            key.fail(tr("duplicate key '{0}' {1}", {name, where()}),
                     tr("it is already given at line {0}; a key may appear only once in a map",
                        {std::to_string(first->key_loc.line)}));
        }
        std::string path = map.path().empty() ? name : map.path() + "." + name;
        entries_.push_back(MapEntry{
            name, key.loc(),
            ValueReader(&value_node, map.tree(), map.source(), std::move(path), key_offset)});
        if (children.size() / 2 > kIndexedFrom) {
            index_.emplace(key_node.scalar, entries_.size() - 1); // the tree outlives the reader
        }
    }
}

std::string MapReader::where() const {
    return map_.path().empty() ? std::string(tr("at the top level")) : tr("in {0}", {map_.label()});
}

void MapReader::check_keys(std::span<const std::string_view> allowed_keys) const {
    for (const MapEntry& entry : entries_) {
        if (std::find(allowed_keys.begin(), allowed_keys.end(), entry.key) == allowed_keys.end()) {
            throw DiagnosticError(
                make_error(entry.key_loc, tr("unknown key '{0}' {1}", {entry.key, where()}),
                           suggestion_hint(entry.key, allowed_keys, N_("allowed keys"))));
        }
    }
}

const MapEntry* MapReader::find_entry(std::string_view key) const {
    if (!index_.empty()) {
        const auto found = index_.find(key);
        return found == index_.end() ? nullptr : &entries_[found->second];
    }
    for (const MapEntry& entry : entries_) {
        if (entry.key == key) {
            return &entry;
        }
    }
    return nullptr;
}

std::optional<ValueReader> MapReader::find(std::string_view key) const {
    if (const MapEntry* entry = find_entry(key)) {
        return entry->value;
    }
    return std::nullopt;
}

ValueReader MapReader::get(std::string_view key, std::string hint) const {
    if (const MapEntry* entry = find_entry(key)) {
        return entry->value;
    }
    map_.fail(tr("missing key '{0}' {1}", {key, where()}), std::move(hint));
}

// ---------------------------------------------------------------------------------------------

namespace {

// The documents of a checked text, shared by the readers that point into them.
struct ParsedText {
    std::shared_ptr<const SourceText> source;
    std::shared_ptr<const std::vector<YamlNode>> documents;
};

// The text's documents, from the program's store when it kept them for this text (and these
// limits), else parsed and given to the store. A text that does not parse throws here every time.
std::vector<YamlNode> parse_or_recall(std::string_view yaml, const std::string& file,
                                      const YamlLimits& limits) {
    const YamlTreeStore* store = yaml_tree_store();
    if (store == nullptr) {
        return parse_yaml(yaml, file, limits);
    }
    const std::string context = limits_context(limits);
    if (const std::optional<std::string> kept = store->find(yaml, context)) {
        if (std::optional<std::vector<YamlNode>> documents = deserialize_yaml_tree(*kept, limits)) {
            return std::move(*documents);
        }
    }
    std::vector<YamlNode> documents = parse_yaml(yaml, file, limits);
    store->keep(yaml, context, serialize_yaml_tree(documents));
    return documents;
}

ParsedText parse_text(std::string_view yaml, const std::string& file, const YamlLimits& limits) {
    auto documents =
        std::make_shared<const std::vector<YamlNode>>(parse_or_recall(yaml, file, limits));
    auto source = std::make_shared<const SourceText>(file, std::string(strip_utf8_bom(yaml)));
    return {std::move(source), std::move(documents)};
}

// Stands for the value of an empty file.
const YamlNode kEmptyDocument{};

} // namespace

ValueReader read_yaml(std::string_view yaml, const std::string& file, const YamlLimits& limits) {
    const ParsedText parsed = parse_text(yaml, file, limits);
    const std::vector<YamlNode>& documents = *parsed.documents;
    if (documents.size() > 1) {
        ValueReader(&documents[1], parsed.documents, parsed.source, "")
            .fail(tr("a second YAML document starts here"),
                  tr("a formpdf file holds one YAML document: remove the '---' line, or check "
                     "the indentation of this line"));
    }
    return ValueReader(documents.empty() ? &kEmptyDocument : &documents[0], parsed.documents,
                       parsed.source, "");
}

std::vector<ValueReader> read_yaml_documents(std::string_view yaml, const std::string& file,
                                             const YamlLimits& limits) {
    const ParsedText parsed = parse_text(yaml, file, limits);
    std::vector<ValueReader> readers;
    readers.reserve(parsed.documents->size());
    for (const YamlNode& document : *parsed.documents) {
        readers.emplace_back(&document, parsed.documents, parsed.source, "");
    }
    return readers;
}

} // namespace formpdf::load
