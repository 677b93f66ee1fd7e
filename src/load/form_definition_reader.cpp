#include "load/form_definition_reader.h"

#include "core/messages.h"

#include <algorithm>
#include <set>

namespace formpdf::load {

namespace {

// Ids are what declarations are written with: lower-case ASCII, digits, '_' and '-', so that a
// file typed on any keyboard, in any editor, matches.
bool is_identifier(std::string_view id) {
    return !id.empty() && id.front() >= 'a' && id.front() <= 'z' &&
           std::all_of(id.begin(), id.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
           });
}

// Translated with tr() where it is given.
constexpr const char* kIdentifierHint =
    N_("an id is lower-case ASCII letters, digits, '_' and '-', starting with a letter, e.g. "
       "`long_term_goal`");

std::string read_identifier(const ValueReader& value) {
    std::string id = value.text();
    if (!is_identifier(id)) {
        value.fail(tr("{0} must be an id, not {1}", {value.label(), value.describe()}),
                   tr(kIdentifierHint));
    }
    return id;
}

void check_identifier_key(const MapEntry& entry) {
    if (!is_identifier(entry.key)) {
        throw DiagnosticError(make_error(entry.key_loc, tr("'{0}' is not a valid id", {entry.key}),
                                         tr(kIdentifierHint)));
    }
}

std::string read_nonempty_text(const ValueReader& value) {
    std::string text = value.text();
    if (text.empty()) {
        value.fail(tr("{0} must not be empty", {value.label()}));
    }
    return text;
}

std::vector<std::string> read_text_list(const ValueReader& value) {
    std::vector<std::string> items;
    for (const ValueReader& item : value.list()) {
        items.push_back(read_nonempty_text(item));
    }
    return items;
}

// `decimals: 2`, a range `0-2`, or `any`.
void read_decimals(const ValueReader& value, FieldDefinition& field) {
    const char* const kHint = tr("e.g. `decimals: 2`, a range `decimals: 0-2`, or `decimals: any`");
    const std::string text = value.text();
    if (text == "any") {
        field.decimals = 0;
        field.max_decimals = kAnyDecimals;
        return;
    }
    const auto digit = [](char c) { return c >= '0' && c <= '6'; };
    if (text.size() == 1 && digit(text[0])) {
        field.decimals = field.max_decimals = text[0] - '0';
        return;
    }
    if (text.size() == 3 && digit(text[0]) && text[1] == '-' && digit(text[2]) &&
        text[0] < text[2]) {
        field.decimals = text[0] - '0';
        field.max_decimals = text[2] - '0';
        return;
    }
    value.fail(
        tr("{0} must be a number of decimals from 0 to 6, a range of them, or `any`, not {1}",
           {value.label(), value.describe()}),
        kHint);
}

FieldDefinition read_field(const MapEntry& entry) {
    check_identifier_key(entry);
    if (entry.key == kTitleFieldId || entry.key == kFooterFieldId) {
        throw DiagnosticError(make_error(
            entry.key_loc, tr("'{0}' is reserved", {entry.key}),
            tr("every form accepts `title` and `footer` in a declaration (they replace the form's "
               "standard texts): give the field another id")));
    }
    const MapReader map =
        entry.value.map({"label", "required", "kind", "digits", "decimals", "unit", "thousands",
                         "choices", "at-most", "required-when"});
    FieldDefinition field;
    field.id = entry.key;
    field.loc = entry.key_loc;
    field.label =
        read_nonempty_text(map.get("label", tr("the label as printed, e.g. `label: 项目编码：`")));
    if (const auto required = map.find("required")) {
        field.required = required->boolean();
    }
    if (const auto kind = map.find("kind")) {
        field.kind = kind->choice<FieldKind>({{"text", FieldKind::Text},
                                              {"code", FieldKind::Code},
                                              {"amount", FieldKind::Amount},
                                              {"years", FieldKind::Years},
                                              {"choice", FieldKind::Choice}});
    }
    const auto only_for = [&](std::string_view key, FieldKind kind, std::string_view kind_name) {
        const MapEntry* option = map.find_entry(key);
        if (option && field.kind != kind) {
            throw DiagnosticError(make_error(
                option->key_loc, tr("'{0}' applies to fields of kind {1}", {key, kind_name}),
                tr("add `kind: {0}`", {kind_name})));
        }
        return option ? std::optional<ValueReader>(option->value) : std::nullopt;
    };
    if (const auto digits = only_for("digits", FieldKind::Code, "code")) {
        field.digits = digits->integer(1, 64);
    } else if (field.kind == FieldKind::Code) {
        map.get("digits", tr("a code field says how many digits it has, e.g. `digits: 21`"));
    }
    if (const auto decimals = only_for("decimals", FieldKind::Amount, "amount")) {
        read_decimals(*decimals, field);
    }
    if (const auto unit = only_for("unit", FieldKind::Amount, "amount")) {
        field.unit = read_nonempty_text(*unit);
    }
    if (const auto thousands = only_for("thousands", FieldKind::Amount, "amount")) {
        field.thousands = thousands->boolean() ? Thousands::Required : Thousands::Never;
    }
    if (const auto at_most = only_for("at-most", FieldKind::Amount, "amount")) {
        field.at_most = read_identifier(*at_most);
    }
    if (const auto choices = only_for("choices", FieldKind::Choice, "choice")) {
        field.choices = read_text_list(*choices);
    }
    if (field.kind == FieldKind::Choice && field.choices.empty()) {
        map.get("choices", tr("list the allowed texts, e.g. `choices: [是, 否]`"));
    }
    if (const auto when = map.find("required-when")) {
        const MapReader condition = when->map({"field", "above"});
        RequiredWhen rule;
        rule.field =
            read_identifier(condition.get("field", tr("e.g. `{field: period, above: 1}`")));
        rule.above =
            condition.get("above", tr("e.g. `{field: period, above: 1}`")).integer(0, 1000000);
        rule.loc = when->loc();
        field.required_when = rule;
    }
    return field;
}

// Fails at `at` unless `id` names a field of the given kind.
void check_reference(const std::vector<FieldDefinition>& fields, const std::string& id,
                     FieldKind kind, std::string_view kind_name, const SourceLoc& at) {
    const auto it = std::find_if(fields.begin(), fields.end(),
                                 [&](const FieldDefinition& field) { return field.id == id; });
    if (it == fields.end() || it->kind != kind) {
        throw DiagnosticError(
            make_error(at, tr("'{0}' is not a field of kind {1} of this form", {id, kind_name}),
                       tr("name a field defined under `fields:` with `kind: {0}`", {kind_name})));
    }
}

std::vector<FieldDefinition> read_fields(const ValueReader& value) {
    std::vector<FieldDefinition> fields;
    const MapReader map = value.open_map();
    for (const MapEntry& entry : map.entries()) {
        fields.push_back(read_field(entry));
    }
    for (const FieldDefinition& field : fields) {
        if (!field.at_most.empty()) {
            check_reference(fields, field.at_most, FieldKind::Amount, "amount", field.loc);
        }
        if (field.required_when) {
            check_reference(fields, field.required_when->field, FieldKind::Years, "years",
                            field.required_when->loc);
        }
    }
    return fields;
}

std::vector<LevelDefinition> read_levels(const ValueReader& value) {
    std::vector<LevelDefinition> levels;
    std::set<std::string> seen;
    for (const ValueReader& item : value.list()) {
        const MapReader map = item.map({"id", "label"});
        LevelDefinition level;
        const ValueReader id = map.get("id", tr("e.g. `{id: level1, label: 一级指标}`"));
        level.id = read_identifier(id);
        if (level.id == "groups" || level.id == "rows") {
            id.fail(tr("the level id '{0}' is reserved", {level.id}),
                    tr("`groups` and `rows` hold a group's children in declarations"));
        }
        if (!seen.insert(level.id).second) {
            id.fail(tr("the level id '{0}' is used twice", {level.id}));
        }
        level.label = read_nonempty_text(map.get("label"));
        level.loc = item.loc();
        levels.push_back(std::move(level));
    }
    if (levels.empty()) {
        value.fail(
            tr("{0} must list at least one level", {value.label()}),
            tr("e.g. `levels: [{id: level1, label: 一级指标}, {id: level2, label: 二级指标}]`"));
    }
    return levels;
}

std::vector<RowFieldDefinition> read_row_fields(const ValueReader& value,
                                                const std::vector<LevelDefinition>& levels) {
    std::vector<RowFieldDefinition> fields;
    std::set<std::string> seen;
    for (const LevelDefinition& level : levels) {
        seen.insert(level.id);
    }
    for (const ValueReader& item : value.list()) {
        const MapReader map = item.map({"id", "label", "required", "kind"});
        RowFieldDefinition field;
        const ValueReader id = map.get("id", tr("e.g. `{id: value, label: 指标值}`"));
        field.id = read_identifier(id);
        if (!seen.insert(field.id).second) {
            id.fail(tr("the id '{0}' is used twice in this tree", {field.id}));
        }
        field.label = read_nonempty_text(map.get("label"));
        if (const auto required = map.find("required")) {
            field.required = required->boolean();
        }
        if (const auto kind = map.find("kind")) {
            field.kind =
                kind->choice<RowFieldKind>({{"text", RowFieldKind::Text},
                                            {"name", RowFieldKind::Name},
                                            {"indicator-value", RowFieldKind::IndicatorValue}});
        }
        field.loc = item.loc();
        fields.push_back(std::move(field));
    }
    if (fields.empty()) {
        value.fail(tr("{0} must list at least one field", {value.label()}));
    }
    return fields;
}

// A name as the vocabulary writes it: with the mandatory marker ("*数量") or a mandatory
// decoration ("数量指标(必填)") for a mandatory one; other decorations are taken off as in
// declarations, so the vocabulary may list names as the form prints them ("产出指标(50分)").
VocabularyEntry vocabulary_entry(const std::string& written, const SourceLoc& loc,
                                 const TreeDefinition& tree) {
    const std::string& marker = tree.mandatory_marker;
    VocabularyEntry entry;
    entry.mandatory = (!marker.empty() && written.starts_with(marker)) ||
                      tree.mandatory_decoration(written) != nullptr;
    const std::string unmarked =
        !marker.empty() && written.starts_with(marker) ? written.substr(marker.size()) : written;
    entry.name = tree.decorations.empty() ? unmarked : tree.bare_name(unmarked);
    entry.loc = loc;
    return entry;
}

// A map (name → names under it) or, at the innermost level, a list of names.
std::vector<VocabularyEntry> read_vocabulary(const ValueReader& value, std::size_t depth,
                                             std::size_t level_count, const TreeDefinition& tree) {
    if (depth >= level_count) {
        value.fail(tr("the vocabulary is nested deeper than the tree's {0} levels",
                      {std::to_string(level_count)}));
    }
    std::vector<VocabularyEntry> entries;
    std::set<std::string> seen;
    const auto add = [&](VocabularyEntry entry) {
        if (entry.name.empty() || !seen.insert(entry.name).second) {
            throw DiagnosticError(make_error(
                entry.loc, entry.name.empty() ? std::string(tr("an empty name"))
                                              : tr("'{0}' is listed twice", {entry.name})));
        }
        entries.push_back(std::move(entry));
    };
    if (value.is_map()) {
        const MapReader map = value.open_map();
        for (const MapEntry& item : map.entries()) {
            VocabularyEntry entry = vocabulary_entry(item.key, item.key_loc, tree);
            if (!item.value.is_null()) {
                entry.children = read_vocabulary(item.value, depth + 1, level_count, tree);
            }
            add(std::move(entry));
        }
    } else {
        for (const ValueReader& item : value.list()) {
            add(vocabulary_entry(item.text(), item.loc(), tree));
        }
    }
    return entries;
}

// `- "({n}分)"` or `- {text: "(必填)", mandatory: true}`.
std::vector<NameDecoration> read_decorations(const ValueReader& value) {
    const char* const kHint =
        tr("e.g. `decorations: [\"({n}分)\", \"★\", {text: \"(必填)\", mandatory: true}]`; "
           "`{n}` stands for a number");
    std::vector<NameDecoration> decorations;
    for (const ValueReader& item : value.list()) {
        NameDecoration decoration;
        decoration.loc = item.loc();
        if (item.is_map()) {
            const MapReader map = item.map({"text", "mandatory"});
            const ValueReader text = map.get("text", kHint);
            decoration.pattern = read_nonempty_text(text);
            if (const auto mandatory = map.find("mandatory")) {
                decoration.mandatory = mandatory->boolean();
            }
        } else {
            decoration.pattern = read_nonempty_text(item);
        }
        if (decoration.pattern.find_first_not_of(" ") == std::string::npos ||
            decoration.pattern == "{n}") {
            item.fail(tr("the decoration {0} would take off every space or every number of a name",
                         {item.describe()}),
                      kHint);
        }
        decorations.push_back(std::move(decoration));
    }
    return decorations;
}

IndicatorValueGrammar read_value_grammar(const ValueReader& value) {
    const MapReader map =
        value.map({"comparators", "alternatives", "qualitative", "max-unit-chars"});
    IndicatorValueGrammar grammar;
    if (const auto comparators = map.find("comparators")) {
        grammar.comparators = read_text_list(*comparators);
    }
    if (const auto alternatives = map.find("alternatives")) {
        grammar.alternatives = read_text_list(*alternatives);
    }
    if (const auto qualitative = map.find("qualitative")) {
        grammar.qualitative = read_text_list(*qualitative);
    }
    if (const auto max_unit = map.find("max-unit-chars")) {
        grammar.max_unit_chars = max_unit->integer(1, 100);
    }
    return grammar;
}

TreeDefinition read_tree(const MapEntry& entry) {
    check_identifier_key(entry);
    const MapReader map = entry.value.map(
        {"label", "required", "levels", "row-fields", "vocabulary", "mandatory-marker",
         "marker-variants", "not-applicable", "indicator-values", "decorations", "may-be-empty"});
    TreeDefinition tree;
    tree.id = entry.key;
    tree.loc = entry.key_loc;
    tree.label = read_nonempty_text(map.get("label"));
    if (const auto required = map.find("required")) {
        tree.required = required->boolean();
    }
    tree.levels = read_levels(map.get("levels"));
    tree.row_fields = read_row_fields(map.get("row-fields"), tree.levels);
    if (const auto marker = map.find("mandatory-marker")) {
        tree.mandatory_marker = read_nonempty_text(*marker);
    }
    if (const auto variants = map.find("marker-variants")) {
        tree.marker_variants = read_text_list(*variants);
    }
    if (const auto not_applicable = map.find("not-applicable")) {
        tree.not_applicable = read_nonempty_text(*not_applicable);
    }
    if (const auto decorations = map.find("decorations")) {
        tree.decorations = read_decorations(*decorations);
    }
    if (const auto may_be_empty = map.find("may-be-empty")) {
        tree.may_be_empty = may_be_empty->boolean();
    }
    if (const auto vocabulary = map.find("vocabulary")) {
        tree.vocabulary = read_vocabulary(*vocabulary, 0, tree.levels.size(), tree);
    }
    if (const auto values = map.find("indicator-values")) {
        tree.values = read_value_grammar(*values);
    }
    return tree;
}

// `lists: {projects: {label: 项目, fields: [{id: unit, label: 单位}, …]}}`: a list of records,
// kept as a tree without levels.
TreeDefinition read_list(const MapEntry& entry) {
    check_identifier_key(entry);
    const MapReader map = entry.value.map({"label", "required", "fields"});
    TreeDefinition list;
    list.id = entry.key;
    list.loc = entry.key_loc;
    list.list = true;
    list.label = read_nonempty_text(map.get("label"));
    if (const auto required = map.find("required")) {
        list.required = required->boolean();
    }
    list.row_fields = read_row_fields(
        map.get("fields",
                tr("e.g. `fields: [{id: unit, label: 单位}, {id: name, label: 三级指标}]`")),
        {});
    return list;
}

} // namespace

FormDefinition read_form_definition(const ValueReader& value) {
    const MapReader map =
        value.map({"id", "title", "footer", "fields", "trees", "import", "lists"});
    FormDefinition form;
    form.loc = value.loc();
    form.id = read_identifier(map.get("id", tr("e.g. `id: shenzhen-l2-project`, the name of the "
                                               "layout file without .yaml")));
    if (const auto title = map.find("title")) {
        form.title = title->text();
        form.title_loc = title->loc();
    }
    if (const auto footer = map.find("footer")) {
        const MapReader footer_map = footer->map({"label", "text"});
        form.footer_label = read_nonempty_text(
            footer_map.get("label", tr("how the footer line starts, e.g. `label: 备注`")));
        const ValueReader text = footer_map.get("text");
        form.footer = read_nonempty_text(text);
        form.footer_loc = text.loc();
        if (!form.footer.starts_with(form.footer_label)) {
            text.fail(
                tr("the footer text does not start with its label '{0}'", {form.footer_label}),
                tr("the import finds the footer line by its label"));
        }
    }
    if (const auto import_value = map.find("import")) {
        const std::string reading = import_value->text();
        if (reading != "labels" && reading != "positions") {
            import_value->fail(
                tr("`import` is `labels` or `positions`, not '{0}'", {reading}),
                tr("`positions`: formpdf import reads each value at its cell's position in "
                   "the layout's sheet (docs/import.md, \"Forms read by position\")"));
        }
        form.import_reading =
            reading == "positions" ? ImportReading::Positions : ImportReading::Labels;
        form.import_loc = import_value->loc();
    }
    if (const auto fields = map.find("fields")) {
        form.fields = read_fields(*fields);
    }
    if (const auto trees = map.find("trees")) {
        std::set<std::string> ids;
        for (const FieldDefinition& field : form.fields) {
            ids.insert(field.id);
        }
        const MapReader tree_map = trees->open_map();
        for (const MapEntry& entry : tree_map.entries()) {
            if (ids.count(entry.key) || entry.key == "form" || entry.key == "fields") {
                throw DiagnosticError(make_error(entry.key_loc,
                                                 tr("the tree id '{0}' is already a field id or "
                                                    "a reserved key",
                                                    {entry.key}),
                                                 tr("a tree is a top-level key of a declaration: "
                                                    "give it an id of its own")));
            }
            form.trees.push_back(read_tree(entry));
        }
    }
    if (const auto lists = map.find("lists")) {
        std::set<std::string> ids;
        for (const FieldDefinition& field : form.fields) {
            ids.insert(field.id);
        }
        for (const TreeDefinition& tree : form.trees) {
            ids.insert(tree.id);
        }
        const MapReader list_map = lists->open_map();
        for (const MapEntry& entry : list_map.entries()) {
            if (ids.count(entry.key) || entry.key == "form" || entry.key == "fields") {
                throw DiagnosticError(make_error(
                    entry.key_loc,
                    tr("the list id '{0}' is already a field or tree id or a reserved key",
                       {entry.key}),
                    tr("a list is a top-level key of a declaration: give it an id of its own")));
            }
            form.trees.push_back(read_list(entry));
        }
    }
    return form;
}

} // namespace formpdf::load
