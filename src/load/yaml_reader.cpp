#include "load/yaml_reader.h"

#include "core/number_format.h"
#include "core/utf8.h"

#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/node/parse.h>
#include <yaml-cpp/yaml.h>

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
    return "'" + std::string(text) + "'";
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
        hint = "did you mean " + quoted(*match) + "? ";
    }
    hint +=
        std::string(list_label) + ": " + (candidates.empty() ? "(none)" : join_names(candidates));
    return hint;
}

// ---------------------------------------------------------------------------------------------
// ValueReader

ValueReader::ValueReader(YAML::Node node, std::shared_ptr<const SourceText> source,
                         std::string path, std::optional<std::size_t> key_offset)
    : node_(std::move(node)), source_(std::move(source)), path_(std::move(path)),
      key_offset_(key_offset) {}

std::string ValueReader::label() const {
    return path_.empty() ? std::string("the top level") : quoted(path_);
}

SourceLoc ValueReader::loc() const {
    if (node_.IsNull() && key_offset_) {
        return source_->loc_at(*key_offset_);
    }
    const YAML::Mark mark = node_.Mark();
    if (mark.is_null() || mark.pos < 0) {
        return SourceLoc{source_->file(), 0, 0};
    }
    return source_->loc_at(static_cast<std::size_t>(mark.pos));
}

std::string ValueReader::describe() const {
    if (node_.IsMap()) {
        return "a map";
    }
    if (node_.IsSequence()) {
        return "a list";
    }
    if (!node_.IsScalar()) {
        return "no value";
    }
    const std::string& text = node_.Scalar();
    constexpr std::size_t kShown = 40;
    if (text.size() <= kShown) {
        return quoted(text);
    }
    std::size_t cut = kShown;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
        --cut; // do not cut a character in half
    }
    return quoted(text.substr(0, cut) + "…");
}

void ValueReader::fail(std::string message, std::string hint) const {
    throw DiagnosticError(make_error(loc(), std::move(message), std::move(hint)));
}

void ValueReader::fail_expected(std::string_view expected, std::string hint) const {
    if (node_.IsNull()) {
        // `color: #D9D9D9` is a key followed by a comment: the most common way to get no value.
        if (key_offset_ && source_->line_at(*key_offset_).find(" #") != std::string_view::npos) {
            hint = "an unquoted '#' starts a comment in YAML: put the value in quotes, e.g. "
                   "\"#D9D9D9\"";
        }
        fail(label() + " has no value; expected " + std::string(expected), std::move(hint));
    }
    fail(label() + " must be " + std::string(expected) + ", not " + describe(), std::move(hint));
}

std::string ValueReader::text() const {
    if (!node_.IsScalar()) {
        fail_expected("text");
    }
    return node_.Scalar();
}

double ValueReader::number(double min, double max) const {
    const std::string expected =
        "a number from " + format_number(min) + " to " + format_number(max);
    if (!node_.IsScalar()) {
        fail_expected(expected);
    }
    const std::optional<double> value = parse_decimal(node_.Scalar());
    if (!value || *value < min || *value > max) {
        fail_expected(expected);
    }
    return *value;
}

int ValueReader::integer(int min, int max) const {
    const std::string expected =
        "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
    if (!node_.IsScalar()) {
        fail_expected(expected);
    }
    const std::string_view text = trim_spaces(node_.Scalar());
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
    static const char* const kExpected = "a length such as 20mm, 1.5cm, 10pt or 1in";
    static const char* const kHint = "a length is a number followed by mm, cm, pt or in; a bare "
                                     "number means mm";
    if (!node_.IsScalar()) {
        fail_expected(kExpected, kHint);
    }
    const std::optional<double> mm = parse_length_mm(node_.Scalar());
    if (!mm) {
        fail_expected(kExpected, kHint);
    }
    if (*mm < 0) {
        fail(label() + " must not be negative (it is " + describe() + ")");
    }
    if (*mm > kMaxLengthMm) {
        fail(label() + " is " + length_text_mm(*mm) + ", longer than the limit of " +
                 length_text_mm(kMaxLengthMm),
             "check the number and the unit; a bare number means mm");
    }
    return mm_to_pt(*mm);
}

double ValueReader::positive_length_pt() const {
    const double pt = length_pt();
    if (pt <= 0) {
        fail(label() + " must be more than 0");
    }
    return pt;
}

double ValueReader::font_size_pt() const {
    static const char* const kExpected = "a font size in points, such as 10.5 or 10.5pt";
    if (!node_.IsScalar()) {
        fail_expected(kExpected);
    }
    const auto [number_text, unit] = split_unit(node_.Scalar());
    const std::optional<double> size = parse_decimal(number_text);
    if (!size || (!unit.empty() && !equals_ignoring_ascii_case(unit, "pt"))) {
        fail_expected(kExpected);
    }
    if (*size <= 0 || *size > 1000) {
        fail(label() + " must be more than 0pt and at most 1000pt (it is " + describe() + ")");
    }
    return *size;
}

Color ValueReader::color() const {
    static const char* const kExpected = "a colour";
    static const char* const kHint =
        "write \"#RRGGBB\" or \"#RGB\" in quotes (e.g. \"#D9D9D9\"), or "
        "a grey level from 0 (black) to 1 (white)";
    if (!node_.IsScalar()) {
        fail_expected(kExpected, kHint);
    }
    const std::string_view text = trim_spaces(node_.Scalar());
    if (const std::optional<Color> color = parse_hex_color(text)) {
        return *color;
    }
    if (const std::optional<double> grey = parse_decimal(text); grey && *grey >= 0 && *grey <= 1) {
        return Color{*grey, *grey, *grey};
    }
    fail_expected(kExpected, kHint);
}

std::size_t ValueReader::choice_index(std::span<const std::string_view> names) const {
    const std::string expected = "one of: " + join_names(names);
    if (!node_.IsScalar()) {
        fail_expected(expected);
    }
    const std::string_view text = trim_spaces(node_.Scalar());
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (equals_ignoring_ascii_case(text, names[i])) {
            return i;
        }
    }
    fail(label() + " cannot be " + describe(), suggestion_hint(text, names, "allowed values"));
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
    if (node_.IsNull()) {
        return items;
    }
    if (!node_.IsSequence()) {
        fail_expected("a list");
    }
    items.reserve(node_.size());
    for (std::size_t i = 0; i < node_.size(); ++i) {
        items.emplace_back(node_[i], source_, path_ + "[" + std::to_string(i + 1) + "]");
    }
    return items;
}

// ---------------------------------------------------------------------------------------------
// MapReader

MapReader::MapReader(const ValueReader& map) : map_(map) {
    const YAML::Node& node = map.node();
    if (node.IsNull()) {
        return;
    }
    if (!node.IsMap()) {
        map.fail_expected("a map (keys with values)");
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
        // Copies: the iterator's operator-> returns a temporary proxy.
        const YAML::Node key_node = it->first;
        const YAML::Node value_node = it->second;
        const YAML::Mark mark = key_node.Mark();
        const std::size_t key_offset = mark.pos < 0 ? 0 : static_cast<std::size_t>(mark.pos);
        ValueReader key(key_node, map.source(), map.path());
        if (key_node.IsNull()) {
            key.fail("an entry has no key before its ':' (" + where() + ")",
                     "write `key: value`; if the ':' is part of the text, put the text in quotes");
        }
        if (!key_node.IsScalar()) {
            key.fail("a key must be text, not " + key.describe() + " (" + where() + ")");
        }
        const std::string& name = key_node.Scalar();
        if (const MapEntry* first = find_entry(name)) {
            key.fail("duplicate key " + quoted(name) + " " + where(),
                     "it is already given at line " + std::to_string(first->key_loc.line) +
                         "; a key may appear only once in a map");
        }
        std::string path = map.path().empty() ? name : map.path() + "." + name;
        entries_.push_back(MapEntry{
            name, key.loc(), ValueReader(value_node, map.source(), std::move(path), key_offset)});
    }
}

std::string MapReader::where() const {
    return map_.path().empty() ? std::string("at the top level") : "in " + map_.label();
}

void MapReader::check_keys(std::span<const std::string_view> allowed_keys) const {
    for (const MapEntry& entry : entries_) {
        if (std::find(allowed_keys.begin(), allowed_keys.end(), entry.key) == allowed_keys.end()) {
            throw DiagnosticError(
                make_error(entry.key_loc, "unknown key " + quoted(entry.key) + " " + where(),
                           suggestion_hint(entry.key, allowed_keys, "allowed keys")));
        }
    }
}

const MapEntry* MapReader::find_entry(std::string_view key) const {
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
    map_.fail("missing key " + quoted(key) + " " + where(), std::move(hint));
}

// ---------------------------------------------------------------------------------------------

ValueReader read_yaml(std::string_view yaml, const std::string& file, const YamlLimits& limits) {
    check_yaml(yaml, file, limits);
    auto source = std::make_shared<const SourceText>(file, std::string(strip_utf8_bom(yaml)));
    std::vector<YAML::Node> documents;
    try {
        documents = YAML::LoadAll(source->text());
    } catch (const YAML::Exception& error) {
        // check_yaml() ran the same parser over the same bytes, so this is not expected; report it
        // rather than crash all the same.
        const SourceLoc loc = error.mark.is_null() || error.mark.pos < 0
                                  ? SourceLoc{file, 0, 0}
                                  : source->loc_at(static_cast<std::size_t>(error.mark.pos));
        throw DiagnosticError(make_error(loc, "YAML error: " + error.msg));
    }
    if (documents.size() > 1) {
        ValueReader(documents[1], source, "")
            .fail("a second YAML document starts here",
                  "a formpdf file holds one YAML document: remove the '---' line, or check the "
                  "indentation of this line");
    }
    return ValueReader(documents.empty() ? YAML::Node() : documents[0], source, "");
}

std::vector<ValueReader> read_yaml_documents(std::string_view yaml, const std::string& file,
                                             const YamlLimits& limits) {
    check_yaml(yaml, file, limits);
    auto source = std::make_shared<const SourceText>(file, std::string(strip_utf8_bom(yaml)));
    std::vector<YAML::Node> documents;
    try {
        documents = YAML::LoadAll(source->text());
    } catch (const YAML::Exception& error) {
        // As in read_yaml(): check_yaml() has parsed the same bytes already.
        const SourceLoc loc = error.mark.is_null() || error.mark.pos < 0
                                  ? SourceLoc{file, 0, 0}
                                  : source->loc_at(static_cast<std::size_t>(error.mark.pos));
        throw DiagnosticError(make_error(loc, "YAML error: " + error.msg));
    }
    std::vector<ValueReader> readers;
    readers.reserve(documents.size());
    for (const YAML::Node& document : documents) {
        readers.emplace_back(document, source, "");
    }
    return readers;
}

} // namespace formpdf::load
