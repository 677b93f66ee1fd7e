// Reads declaration files (docs/declaration-format.md) into Declarations. The loader knows the
// shape of a declaration, not the ids of any form: trees and their level keys are whatever the file
// says, so a form with other columns or levels needs no change here. check_declaration() compares
// the ids with the form definition.

#include "load/declaration.h"

#include "core/file_io.h"
#include "core/messages.h"
#include "load/input_method_slips.h"
#include "load/source_text.h"
#include "load/yaml_guard.h"
#include "load/yaml_reader.h"

#include <array>

namespace formpdf::load {

namespace {

constexpr std::string_view kFormKey = "form";
constexpr std::string_view kFieldsKey = "fields";
constexpr std::string_view kGroupsKey = "groups";
constexpr std::string_view kRowsKey = "rows";

// The YAML spellings of null. YAML reads `~` and `null` as "no value"; a declaration's value is
// text exactly as written, so the spelling is taken back from the source.
constexpr std::array<std::string_view, 4> kNullSpellings = {"~", "null", "Null", "NULL"};

bool ends_plain_scalar(std::string_view rest) {
    return rest.empty() ||
           std::string_view(" \t\r\n#,]}").find(rest.front()) != std::string_view::npos;
}

// The text of a scalar value exactly as written; an empty value (`key:`) is "".
TextValue read_text_value(const ValueReader& value) {
    if (value.is_null()) {
        const std::optional<std::size_t> offset = value.offset();
        const std::string& source = value.source()->text();
        if (offset && *offset < source.size()) {
            const std::string_view rest = std::string_view(source).substr(*offset);
            for (const std::string_view spelling : kNullSpellings) {
                if (rest.starts_with(spelling) && ends_plain_scalar(rest.substr(spelling.size()))) {
                    return TextValue{std::string(spelling), value.loc()};
                }
            }
        }
        return TextValue{"", value.loc()};
    }
    if (!value.is_scalar()) {
        value.fail_expected(tr("text"),
                            tr("every value of a declaration is text: write it after the colon, "
                               "in quotes if it starts with a YAML indicator such as '*'"));
    }
    return TextValue{value.text(), value.loc()};
}

std::vector<std::pair<std::string, TextValue>> read_text_map(const MapReader& map) {
    std::vector<std::pair<std::string, TextValue>> fields;
    fields.reserve(map.entries().size());
    for (const MapEntry& entry : map.entries()) {
        fields.emplace_back(entry.key, read_text_value(entry.value));
    }
    return fields;
}

Record read_record(const ValueReader& item) {
    if (!item.is_map()) {
        item.fail_expected(tr("a row such as `{name: …, value: …, explanation: …}`"));
    }
    Record record;
    record.loc = item.loc();
    record.fields = read_text_map(item.open_map());
    return record;
}

Group read_group(const ValueReader& item) {
    const char* const kShape =
        tr("a group is `- level1: 产出` followed by `groups:` (the groups under it) or `rows:` "
           "(its rows)");
    if (!item.is_map()) {
        item.fail_expected(tr("a group such as `{level1: 产出, groups: […]}`"), kShape);
    }
    const MapReader map = item.open_map();
    Group group;
    group.loc = item.loc();
    const MapEntry* label_entry = nullptr;
    for (const MapEntry& entry : map.entries()) {
        if (entry.key == kGroupsKey || entry.key == kRowsKey) {
            continue;
        }
        if (label_entry) {
            throw DiagnosticError(make_error(
                entry.key_loc,
                tr("this group has two names, '{0}' and '{1}'", {label_entry->key, entry.key}),
                kShape));
        }
        label_entry = &entry;
    }
    if (!label_entry) {
        item.fail(tr("this group has no name"), kShape);
    }
    group.level = label_entry->key;
    group.label = read_text_value(label_entry->value);
    const auto groups = map.find(kGroupsKey);
    const auto rows = map.find(kRowsKey);
    if (groups && rows) {
        throw DiagnosticError(make_error(map.find_entry(kRowsKey)->key_loc,
                                         tr("a group holds either `groups:` or `rows:`, not both"),
                                         kShape));
    }
    if (groups) {
        for (const ValueReader& child : groups->list()) {
            group.groups.push_back(read_group(child));
        }
    }
    if (rows) {
        for (const ValueReader& row : rows->list()) {
            group.records.push_back(read_record(row));
        }
    }
    return group;
}

// A list of records (`projects: [{unit: …, project: …, name: …}, …]`, for a list table) rather
// than a tree: maps none of which holds `groups:` or `rows:`, one of them with other than exactly
// one key (a one-key map is a tree's group with nothing under it, as before).
bool is_record_list(const std::vector<ValueReader>& items) {
    bool record_shaped = false;
    for (const ValueReader& item : items) {
        if (!item.is_map()) {
            return false;
        }
        const MapReader map = item.open_map();
        if (map.has(kGroupsKey) || map.has(kRowsKey)) {
            return false;
        }
        record_shaped = record_shaped || map.entries().size() != 1;
    }
    return record_shaped;
}

Declaration read_declaration(const ValueReader& root, const std::string& file) {
    if (!root.is_map()) {
        root.fail_expected(tr("a declaration: a map with `form:`, `fields:` and the indicator "
                              "tree"),
                           tr("see docs/declaration-format.md"));
    }
    const MapReader map = root.open_map();
    Declaration declaration;
    declaration.file = file;
    declaration.loc = root.loc();
    const ValueReader form = map.get(
        kFormKey, tr("a declaration starts with the form it fills in, e.g. `form: "
                     "shenzhen-l2-project`; a layout file starts with `formpdf-layout: 1`"));
    declaration.form = read_text_value(form);
    if (declaration.form.text.empty()) {
        form.fail(tr("'form' must name a form, e.g. `form: shenzhen-l2-project`"));
    }
    for (const MapEntry& entry : map.entries()) {
        if (entry.key == kFormKey) {
            continue;
        }
        if (entry.key == kFieldsKey) {
            declaration.fields = read_text_map(entry.value.open_map());
            continue;
        }
        // Any other key is a tree or a list (its id is checked against the form definition).
        if (!entry.value.is_list() && !entry.value.is_null()) {
            entry.value.fail_expected(
                tr("a list of groups or records"),
                tr("the keys of a declaration are `form`, `fields`, and its trees (such as "
                   "`indicators`, each a list of groups) and lists (each a list of records)"));
        }
        std::vector<Group> groups;
        const std::vector<ValueReader> items = entry.value.list();
        if (is_record_list(items)) {
            // A list: its records under one group without a name (declaration.h).
            Group list;
            list.loc = entry.value.loc();
            for (const ValueReader& item : items) {
                list.records.push_back(read_record(item));
            }
            groups.push_back(std::move(list));
        } else {
            for (const ValueReader& item : items) {
                groups.push_back(read_group(item));
            }
        }
        declaration.trees.emplace_back(entry.key, std::move(groups));
    }
    return declaration;
}

} // namespace

std::vector<Declaration> load_declarations_text(std::string_view yaml, const std::string& file) {
    std::vector<Declaration> declarations;
    const std::vector<ValueReader> documents = read_yaml_documents(yaml, file);
    try {
        for (const ValueReader& document : documents) {
            if (!document.is_null()) {
                declarations.push_back(read_declaration(document, file));
            }
        }
    } catch (const DiagnosticError& error) {
        // A value that is not the shape it should be ("'fields' must be a map") is often an
        // input method's slip: `project_code：'4403…'` is text, not a key and its value.
        throw DiagnosticError(with_input_method_slips(
            error.diagnostic(), *documents.front().source(), ErrorKind::Load));
    }
    if (declarations.empty()) {
        throw DiagnosticError(make_error(SourceLoc{file, 0, 0}, tr("the file holds no declaration"),
                                         tr("a declaration starts with `form: <form id>`; see "
                                            "docs/declaration-format.md")));
    }
    return declarations;
}

std::optional<TextValue> peek_declared_form(const std::filesystem::path& path) {
    const std::string text = read_file(path, YamlLimits{}.max_bytes);
    const std::optional<std::pair<std::string, std::size_t>> form =
        peek_top_level_scalar(text, "form");
    if (!form) {
        return std::nullopt;
    }
    return TextValue{
        form->first,
        SourceText(path.string(), std::string(strip_utf8_bom(text))).loc_at(form->second)};
}

std::vector<Declaration> load_declarations_file(const std::filesystem::path& path) {
    return load_declarations_text(read_file(path, YamlLimits{}.max_bytes), path.string());
}

} // namespace formpdf::load
