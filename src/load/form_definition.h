#pragma once

#include "core/source_location.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace formpdf::load {

// What a form asks for, as plain data: the `form:` section of a layout file
// (docs/declaration-format.md, "The form definition"). Declarations are checked against it and the
// import reads the system's export with it; nothing about a particular province is in the code.

// How a header field's text is checked (src/check/field_rules.cpp). Every kind is text first: the
// check reads the characters, it never converts a value to print it.
enum class FieldKind {
    Text,   // any text
    Code,   // exactly `digits` ASCII digits (项目编码)
    Amount, // a number with `decimals` to `max_decimals` decimals, thousands separators as
            // `thousands` says (1,866.00), optionally followed by its `unit` (12,000.00元)
    Years,  // a whole number of years, at least 1 (实施期限)
    Choice, // one of `choices` (是否新增项目: 是, 否)
};

// "a multi-year project needs 长期目标": the field is required when another field's whole number
// is above a threshold.
struct RequiredWhen {
    std::string field; // id of the field compared (e.g. "period")
    long long above = 0;
    SourceLoc loc;
};

// Whether an amount groups its digits by thousands with ',' (2,351.10).
enum class Thousands {
    Optional, // either way (the default)
    Required, // amounts of 1,000 and more are grouped (forms in 元: 1,234,567.00)
    Never,    // digits only
};

// `decimals: any`: as many as an amount can hold.
inline constexpr int kAnyDecimals = 15;

struct FieldDefinition {
    std::string id;    // stable ASCII id used in declarations ("code")
    std::string label; // as printed on the form ("项目编码：")
    bool required = false;
    FieldKind kind = FieldKind::Text;
    int digits = 0;                            // Code
    int decimals = 2;                          // Amount: the fewest decimals
    int max_decimals = 2;                      // Amount: the most (`decimals: 0-2`, `any`)
    std::string unit;                          // Amount: may follow the number ("元")
    Thousands thousands = Thousands::Optional; // Amount
    std::vector<std::string> choices;          // Choice
    std::string at_most;                       // Amount: id of an amount this one must not exceed
    std::optional<RequiredWhen> required_when;
    SourceLoc loc;
};

// One level of a tree (一级指标, 二级指标): the key its name is written under in declarations.
struct LevelDefinition {
    std::string id;    // "level1"
    std::string label; // "一级指标"
    SourceLoc loc;
};

enum class RowFieldKind {
    Text,           // any text
    Name,           // the row's name: unique within its group (三级指标)
    IndicatorValue, // a comparison with a number and unit, or a known term (指标值)
};

// One column of a tree's rows (三级指标, 指标值, 指标解释).
struct RowFieldDefinition {
    std::string id;    // "value"
    std::string label; // "指标值"
    bool required = true;
    RowFieldKind kind = RowFieldKind::Text;
    SourceLoc loc;
};

// A name allowed at one level of a tree, with the names allowed under it.
struct VocabularyEntry {
    std::string name;       // without the mandatory marker ("数量")
    bool mandatory = false; // written with the marker in the definition ("*数量")
    std::vector<VocabularyEntry> children;
    SourceLoc loc;
};

// Text a form prints around a name at any level of a tree: a score ("产出指标(50分)",
// "成本指标(0-20)分"), a star ("★数量指标", "★★★"), a mark of a mandatory name ("数量指标(必填)").
// Taken off, with the spaces around it, before the name is looked up in the vocabulary.
struct NameDecoration {
    std::string pattern;    // literal text; `{n}` stands for a number (digits, optionally .digits)
    bool mandatory = false; // the decoration marks the name mandatory, as the marker does
    SourceLoc loc;

    // Where the decoration occurs in `text` at or after `from`: [begin, end), or npos.
    std::pair<std::size_t, std::size_t> find_in(std::string_view text, std::size_t from = 0) const;
};

// What an indicator value may look like, besides the qualitative terms.
struct IndicatorValueGrammar {
    std::vector<std::string> comparators;  // "≥", "≤", ">", "<", "=", ...
    std::vector<std::string> alternatives; // words joining two values: "或" (2天或16小时)
    std::vector<std::string> qualitative;  // known terms: 及时, 有效, 不适用, ...
    int max_unit_chars = 8;                // a longer tail after the number is not a unit
};

// A tree of a declaration: the indicator table.
struct TreeDefinition {
    std::string id;    // the declaration's key ("indicators")
    std::string label; // "绩效指标"
    bool required = true;
    // A list of records (`lists:` in the form definition; a list table prints it): no levels,
    // the records are the row fields' values. Declarations write it as a list of maps.
    bool list = false;
    std::vector<LevelDefinition> levels; // outermost first; empty for a list
    std::vector<RowFieldDefinition> row_fields;
    // Allowed names, nested like the levels. Empty: any names.
    std::vector<VocabularyEntry> vocabulary;
    std::string mandatory_marker = "*";
    std::vector<std::string> marker_variants; // other markers seen in exports ("•")
    std::string not_applicable; // "不适用": fills an optional row that does not apply
    std::vector<NameDecoration> decorations;
    // Groups may be left blank or empty: a group without rows, rows with every field blank, and a
    // name left blank below the first level (a 一级 whose rows have no 二级), as forms print
    // optional indicators without 不适用.
    bool may_be_empty = false;
    IndicatorValueGrammar values;
    SourceLoc loc;

    // The name without a leading mandatory marker or marker variant.
    std::string_view strip_marker(std::string_view name) const;
    // The marker the name starts with ("*", "•"), or empty.
    std::string_view marker_of(std::string_view name) const;
    // The name as the vocabulary lists it: without the marker, and (when the tree has any)
    // without its decorations and the spaces around them ("产出指标 (40-50)分" → "产出指标").
    std::string bare_name(std::string_view name) const;
    // The mandatory decoration the name carries ("(必填)"), or null.
    const NameDecoration* mandatory_decoration(std::string_view name) const;
};

// How `formpdf import` finds a form's values in an export (docs/import.md): after their labels
// (the budget system's export), or at the positions of the layout's cells (`import: positions`:
// a form whose values are not label/value pairs, such as the self-evaluation form's budget block).
enum class ImportReading { Labels, Positions };

struct FormDefinition {
    std::string id;    // "shenzhen-l2-project": a declaration's `form:`
    std::string title; // the standard title line ("二级项目支出绩效目标申报表")
    SourceLoc title_loc;
    std::string footer_label; // how the footer line starts ("备注")
    std::string footer;       // the standard footer text
    SourceLoc footer_loc;
    std::vector<FieldDefinition> fields;
    std::vector<TreeDefinition> trees;
    SourceLoc loc;
    // The layout's own texts in its tables (labels, 单位：万元, 单位负责人签字：): the import
    // passes over them where they are not a field's label (set by the layout loader).
    std::vector<std::string> layout_texts;
    ImportReading import_reading = ImportReading::Labels;
    SourceLoc import_loc;

    const FieldDefinition* find_field(std::string_view id) const;
    const TreeDefinition* find_tree(std::string_view id) const;
};

// Declaration field ids that every form accepts: they replace the form's standard title or footer
// text for one declaration (a source whose footer has a typo keeps it, so the print matches).
inline constexpr std::string_view kTitleFieldId = "title";
inline constexpr std::string_view kFooterFieldId = "footer";

} // namespace formpdf::load
