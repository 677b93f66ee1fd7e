#include "check/tree_rules.h"

#include "check/finding_text.h"
#include "check/indicator_value.h"
#include "core/messages.h"
#include "load/input_method_slips.h"
#include "load/name_suggestion.h"

#include <algorithm>
#include <map>
#include <vector>

namespace formpdf::check {

namespace {

using load::Group;
using load::NameDecoration;
using load::Record;
using load::RowFieldDefinition;
using load::RowFieldKind;
using load::TextValue;
using load::TreeDefinition;
using load::VocabularyEntry;

const VocabularyEntry* find_entry(const std::vector<VocabularyEntry>& entries,
                                  std::string_view name) {
    const auto it = std::find_if(entries.begin(), entries.end(),
                                 [&](const VocabularyEntry& entry) { return entry.name == name; });
    return it == entries.end() ? nullptr : &*it;
}

bool has_mandatory(const VocabularyEntry& entry) {
    return entry.mandatory ||
           std::any_of(entry.children.begin(), entry.children.end(), has_mandatory);
}

// The parents under which a name appears at `depth` of the vocabulary (depth 1: second level).
void parents_of(const std::vector<VocabularyEntry>& entries, std::string_view name,
                std::size_t depth, std::vector<std::string>& parents) {
    for (const VocabularyEntry& entry : entries) {
        if (depth == 1) {
            if (find_entry(entry.children, name)) {
                parents.push_back(entry.name);
            }
        } else {
            parents_of(entry.children, name, depth - 1, parents);
        }
    }
}

class TreeChecker {
public:
    TreeChecker(const TreeDefinition& tree, const load::Declaration& declaration,
                Findings& findings)
        : tree_(tree), declaration_(declaration), findings_(findings) {
        for (const RowFieldDefinition& field : tree.row_fields) {
            row_field_ids_.push_back(field.id);
            if (field.kind == RowFieldKind::Name && name_field_.empty()) {
                name_field_ = field.id;
            }
        }
    }

    void check(const std::vector<Group>& groups) {
        // Maps without `groups:`/`rows:` and with several keys are read as a list's records
        // (declaration.h): in a tree, that is a group written with two names.
        for (const Group& group : groups) {
            if (group.level.empty()) {
                const Record* record = group.records.empty() ? nullptr : &group.records.front();
                std::string keys;
                if (record) {
                    for (const auto& [id, value] : record->fields) {
                        keys += (keys.empty() ? "'" : ", '") + id + "'";
                    }
                }
                findings_.structural_error(
                    record ? record->loc : group.loc,
                    keys.empty()
                        ? tr("this group of the {0} has no name, and no `groups:` or `rows:`",
                             {tree_.label})
                        : tr("this group of the {0} has the keys {1}, and no `groups:` or `rows:`",
                             {tree_.label, keys}),
                    tr("a group is `- {0}: 产出` followed by `groups:` (the groups under it) or "
                       "`rows:` (its rows)",
                       {tree_.levels.front().id}));
                return;
            }
        }
        check_groups(groups, 0, tree_.vocabulary.empty() ? nullptr : &tree_.vocabulary, nullptr);
        if (variant_count_ > 0) {
            findings_.note(first_variant_loc_,
                           tr("the mandatory {0} are marked '{1}' instead of '{2}' ({3} times)",
                              {level_names(), variant_, tree_.mandatory_marker,
                               std::to_string(variant_count_)}),
                           tr("they print as written; the budget system's own marker is '{0}'",
                              {tree_.mandatory_marker}));
        }
    }

    // A list (`lists:` of the form): records only, checked as the rows of one group.
    void check_list(const std::vector<Group>& groups) {
        for (const Group& group : groups) {
            if (!group.level.empty() && (!group.groups.empty() || !group.records.empty())) {
                // "{{" is a literal brace: the hint shows `- {id: …}`.
                findings_.structural_error(
                    group.loc, tr("the {0} is a list of records, not of groups", {tree_.label}),
                    tr("write each record as a map of its fields, e.g. `- {{{0}: …}`",
                       {tree_.row_fields.empty() ? std::string("id")
                                                 : tree_.row_fields.front().id}));
                return;
            }
        }
        std::vector<Record> one_field_records;
        Group all;
        for (const Record* record : load::list_records(groups, one_field_records)) {
            all.records.push_back(*record);
        }
        check_rows(all);
    }

private:
    std::string level_names() const {
        return tree_.levels.size() > 1 ? tree_.levels.back().label : tree_.levels.front().label;
    }

    const std::string& level_label(std::size_t depth) const { return tree_.levels[depth].label; }

    // `vocabulary`: the names allowed here, or null when any name goes (no vocabulary, or the
    // parent was unknown and has been reported).
    // Returns whether a name was not in the vocabulary at all: then a mandatory name "missing"
    // next to it is most likely that one misspelt, and is not reported twice.
    bool check_groups(const std::vector<Group>& groups, std::size_t depth,
                      const std::vector<VocabularyEntry>* vocabulary, const Group* parent) {
        bool unknown_names = false;
        if (depth >= tree_.levels.size()) {
            if (!groups.empty()) {
                findings_.structural_error(
                    groups.front().loc,
                    tr("the {0} has {1} levels: these groups are nested one level too deep",
                       {tree_.label, std::to_string(tree_.levels.size())}));
            }
            return false;
        }
        std::map<std::string, int> seen; // name without marker → line
        for (const Group& group : groups) {
            bool unknown = false;
            const VocabularyEntry* entry =
                check_group_name(group, depth, vocabulary, parent, unknown);
            unknown_names = unknown_names || unknown;
            const std::string name = tree_.bare_name(group.label.text);
            const bool left_blank = tree_.may_be_empty && is_blank(group.label.text);
            if (const auto [it, inserted] = seen.emplace(name, group.label.loc.line);
                !inserted && !left_blank) {
                const std::string first_line = std::to_string(it->second);
                findings_.warning(
                    group.label.loc,
                    parent ? tr("{0} {1} appears twice under {2} (first at line {3})",
                                {level_label(depth), quote_value(group.label.text),
                                 quote_value(parent->label.text), first_line})
                           : tr("{0} {1} appears twice (first at line {2})",
                                {level_label(depth), quote_value(group.label.text), first_line}),
                    tr("put all its rows in one group"));
            }
            if (depth + 1 < tree_.levels.size()) {
                if (!group.records.empty()) {
                    findings_.structural_error(
                        group.records.front().loc,
                        tr("a {0} holds {1} groups (`groups:`), not rows",
                           {level_label(depth), level_label(depth + 1)}),
                        tr("put the rows under a `{0}:` group", {tree_.levels[depth + 1].id}));
                }
                const std::vector<VocabularyEntry>* children = entry ? &entry->children : nullptr;
                if (children && children->empty()) {
                    children = nullptr;
                }
                const bool misspelt = check_groups(group.groups, depth + 1, children, &group);
                if (children && !misspelt) {
                    check_mandatory(*children, group.groups, depth + 1, group.label.loc,
                                    quote_value(group.label.text));
                }
            } else {
                if (!group.groups.empty()) {
                    findings_.structural_error(
                        group.groups.front().loc,
                        tr("{0} is the last level of the {1}: it holds rows (`rows:`), not groups",
                           {level_label(depth), tree_.label}));
                }
                const bool may_be_empty = tree_.may_be_empty && !(entry && entry->mandatory);
                if (group.records.empty() && !may_be_empty) {
                    findings_.warning(group.label.loc,
                                      tr("{0} {1} has no rows",
                                         {level_label(depth), quote_value(group.label.text)}),
                                      tree_.not_applicable.empty()
                                          ? std::string()
                                          : tr("an indicator that does not apply is a row of {0}",
                                               {tree_.not_applicable}));
                }
                check_rows(group);
            }
        }
        if (depth == 0 && vocabulary && !unknown_names) {
            check_mandatory(*vocabulary, groups, 0, declaration_.loc, "");
        }
        return unknown_names;
    }

    const VocabularyEntry* check_group_name(const Group& group, std::size_t depth,
                                            const std::vector<VocabularyEntry>* vocabulary,
                                            const Group* parent, bool& unknown) {
        const TextValue& label = group.label;
        if (group.level != tree_.levels[depth].id) {
            findings_.structural_error(
                label.loc,
                tr("expected `{0}:` ({1}) here, not `{2}:`",
                   {tree_.levels[depth].id, level_label(depth), group.level}),
                tr("the levels of the {0} are, from the outside in: {1}",
                   {tree_.label, level_ids()}));
        }
        if (is_blank(label.text)) {
            // A 一级 whose rows have no 二级 prints an empty 二级 cell; the first level names
            // the group, so it is never left blank.
            if (!tree_.may_be_empty || depth == 0) {
                findings_.error(label.loc, tr("empty {0}", {level_label(depth)}),
                                depth > 0 && !tree_.may_be_empty
                                    ? tr("a form whose rows may have no {0} says `may-be-empty: "
                                         "true` in its definition",
                                         {level_label(depth)})
                                    : std::string());
            }
            return nullptr;
        }
        const NameDecoration* mandatory_decoration = tree_.mandatory_decoration(label.text);
        const std::string_view marker = mandatory_decoration
                                            ? std::string_view(mandatory_decoration->pattern)
                                            : tree_.marker_of(label.text);
        const std::string name = tree_.bare_name(label.text);
        if (!vocabulary) {
            return nullptr;
        }
        const VocabularyEntry* entry = find_entry(*vocabulary, name);
        if (!entry) {
            std::vector<std::string> parents;
            if (depth > 0) {
                parents_of(tree_.vocabulary, name, depth, parents);
            }
            if (!parents.empty() && parent) {
                findings_.error(label.loc, tr("{0} {1} belongs under {2} '{3}', not {4}",
                                              {level_label(depth), quote_value(label.text),
                                               level_label(depth - 1), parents.front(),
                                               quote_value(parent->label.text)}));
            } else {
                unknown = true;
                std::vector<std::string_view> names;
                for (const VocabularyEntry& allowed : *vocabulary) {
                    names.push_back(allowed.name);
                }
                // ‘*数量’: typed with an input method's quotes, which YAML does not take off.
                std::string hint = load::chinese_quotes_hint(label.text);
                if (hint.empty()) {
                    hint = load::suggestion_hint(name, names, tr("allowed here"));
                }
                findings_.error(
                    label.loc,
                    parent ? tr("unknown {0} {1} under {2}",
                                {level_label(depth), quote_value(label.text),
                                 quote_value(parent->label.text)})
                           : tr("unknown {0} {1}", {level_label(depth), quote_value(label.text)}),
                    std::move(hint));
            }
            return nullptr;
        }
        if (!marker.empty() && marker != tree_.mandatory_marker && !mandatory_decoration &&
            entry->mandatory) {
            if (variant_count_++ == 0) {
                variant_ = std::string(marker);
                first_variant_loc_ = label.loc;
            }
        } else if (marker.empty() && entry->mandatory) {
            findings_.warning(label.loc,
                              tr("the mandatory {0} '{1}' is written without its '{2}'",
                                 {level_label(depth), name, tree_.mandatory_marker}),
                              mandatory_hint(name));
        } else if (!marker.empty() && !entry->mandatory) {
            findings_.warning(
                label.loc,
                tr("{0} '{1}' is optional but marked '{2}'", {level_label(depth), name, marker}),
                tr("only mandatory indicators carry the marker"));
        }
        return entry;
    }

    // "write '*数量', as the form prints it", or, where the form marks mandatory names with a
    // decoration, that one too: "… or '数量(必填)'".
    std::string mandatory_hint(const std::string& name) const {
        const std::string marked = quote_value(tree_.mandatory_marker + name);
        for (const NameDecoration& decoration : tree_.decorations) {
            if (decoration.mandatory) {
                return tr("write {0} or {1}, as the form prints it",
                          {marked, quote_value(name + decoration.pattern)});
            }
        }
        return tr("write {0}, as the form prints it", {marked});
    }

    bool is_not_applicable(const Record& record) const {
        if (tree_.not_applicable.empty()) {
            return false;
        }
        bool any = false;
        for (const auto& [id, value] : record.fields) {
            if (value.text == tree_.not_applicable) {
                any = true;
            } else if (!is_blank(value.text)) {
                return false;
            }
        }
        return any;
    }

    // Every mandatory name of `vocabulary` (or one with mandatory names under it) has a group in
    // `groups`, with at least one row that applies. `under`: the quoted name of the group they
    // are under, empty at the first level.
    void check_mandatory(const std::vector<VocabularyEntry>& vocabulary,
                         const std::vector<Group>& groups, std::size_t depth,
                         const SourceLoc& where, const std::string& under) {
        for (const VocabularyEntry& entry : vocabulary) {
            if (!has_mandatory(entry)) {
                continue;
            }
            const auto group = std::find_if(groups.begin(), groups.end(), [&](const Group& g) {
                return tree_.bare_name(g.label.text) == entry.name;
            });
            const std::string written =
                (entry.mandatory ? tree_.mandatory_marker : std::string()) + entry.name;
            if (group == groups.end()) {
                findings_.error(where,
                                under.empty() ? tr("the mandatory {0} '{1}' is missing",
                                                   {level_label(depth), written})
                                              : tr("the mandatory {0} '{1}' is missing under {2}",
                                                   {level_label(depth), written, under}),
                                tr("add it; every form has it"));
                continue;
            }
            if (entry.mandatory && depth + 1 == tree_.levels.size() && !group->records.empty() &&
                std::all_of(group->records.begin(), group->records.end(),
                            [&](const Record& r) { return is_not_applicable(r); })) {
                findings_.warning(
                    group->label.loc,
                    tr("the mandatory {0} {1} has only {2} rows",
                       {level_label(depth), quote_value(group->label.text), tree_.not_applicable}),
                    tr("a mandatory indicator needs at least one real target"));
            }
            if (entry.mandatory && depth + 1 == tree_.levels.size() && tree_.may_be_empty &&
                !group->records.empty() &&
                std::all_of(group->records.begin(), group->records.end(),
                            [&](const Record& r) { return is_blank_row(r); })) {
                findings_.warning(group->label.loc,
                                  tr("the mandatory {0} {1} is left blank",
                                     {level_label(depth), quote_value(group->label.text)}),
                                  tr("a mandatory indicator needs at least one real target"));
            }
        }
    }

    // A row printed empty, as forms leave optional indicators (with `may-be-empty`).
    static bool is_blank_row(const Record& record) {
        return std::all_of(record.fields.begin(), record.fields.end(),
                           [](const auto& field) { return is_blank(field.second.text); });
    }

    std::string level_ids() const {
        std::string ids;
        for (const load::LevelDefinition& level : tree_.levels) {
            ids += (ids.empty() ? "" : ", ") + level.id;
        }
        return ids;
    }

    // The quoted name of the row, for "… in the row '…'", or empty when it has none.
    std::string row_name(const Record& record) const {
        const TextValue* name = name_field_.empty() ? nullptr : record.find(name_field_);
        return name && !is_blank(name->text) ? quote_value(name->text) : "";
    }

    void check_rows(const Group& group) {
        std::map<std::string, int> names; // → line of the first row with that name
        for (const Record& record : group.records) {
            for (const auto& [id, value] : record.fields) {
                if (std::find(row_field_ids_.begin(), row_field_ids_.end(), id) ==
                    row_field_ids_.end()) {
                    findings_.structural_error(
                        value.loc, tr("unknown row field '{0}'", {id}),
                        load::suggestion_hint(id, row_field_ids_, tr("row fields")));
                }
            }
            if (tree_.may_be_empty && is_blank_row(record)) {
                continue;
            }
            const bool not_applicable = is_not_applicable(record);
            for (const RowFieldDefinition& field : tree_.row_fields) {
                const TextValue* value = record.find(field.id);
                if (!value) {
                    if (field.required) {
                        const std::string row = row_name(record);
                        findings_.error(
                            record.loc,
                            row.empty() ? tr("the row has no {0} (`{1}:`)", {field.label, field.id})
                                        : tr("the row has no {0} (`{1}:`) in the row {2}",
                                             {field.label, field.id, row}));
                    }
                    continue;
                }
                if (is_blank(value->text)) {
                    if (field.required) {
                        const std::string row = row_name(record);
                        findings_.error(
                            value->loc,
                            row.empty() ? tr("empty {0}", {field.label})
                                        : tr("empty {0} in the row {1}", {field.label, row}),
                            tree_.not_applicable.empty()
                                ? std::string(tr("fill it in"))
                                : tr("fill it in; a row that does not apply is {0} in every "
                                     "column",
                                     {tree_.not_applicable}));
                    }
                    continue;
                }
                if (field.kind == RowFieldKind::Name && !not_applicable) {
                    const auto [it, inserted] = names.emplace(value->text, value->loc.line);
                    if (!inserted) {
                        findings_.warning(
                            value->loc,
                            tr("{0} {1} appears twice under {2} (first at line {3})",
                               {field.label, quote_value(value->text),
                                quote_value(group.label.text), std::to_string(it->second)}),
                            tr("remove the copy, or give each indicator its own name"));
                    }
                }
                if (field.kind == RowFieldKind::IndicatorValue) {
                    check_value(field, *value);
                }
            }
        }
    }

    void check_value(const RowFieldDefinition& field, const TextValue& value) {
        switch (classify_indicator_value(value.text, tree_.values)) {
        case IndicatorValueShape::Measured:
        case IndicatorValueShape::Qualitative:
            return;
        case IndicatorValueShape::NumberWithoutUnit:
            findings_.note(
                value.loc, tr("{0} {1} has no unit", {field.label, quote_value(value.text)}),
                tr("it prints as given; a unit says what is counted, e.g. 0起, 10人, 100%"));
            return;
        case IndicatorValueShape::Other:
            findings_.note(value.loc,
                           tr("{0} {1} is neither a number with a unit (≥10人, > 90%, 100%) nor "
                              "a known term",
                              {field.label, quote_value(value.text)}),
                           tr("it prints as given; known terms: {0}", {known_terms()}));
            return;
        }
    }

    std::string known_terms() const {
        std::string terms;
        for (const std::string& term : tree_.values.qualitative) {
            terms += (terms.empty() ? "" : ", ") + term;
        }
        return terms.empty() ? std::string(tr("(none)")) : terms;
    }

    const TreeDefinition& tree_;
    const load::Declaration& declaration_;
    Findings& findings_;
    std::vector<std::string_view> row_field_ids_;
    std::string name_field_;
    int variant_count_ = 0;
    std::string variant_;
    SourceLoc first_variant_loc_;
};

} // namespace

void check_trees(const load::Declaration& declaration, const load::FormDefinition& form,
                 Findings& findings) {
    std::vector<std::string_view> tree_ids;
    for (const TreeDefinition& tree : form.trees) {
        tree_ids.push_back(tree.id);
    }
    for (const auto& [id, groups] : declaration.trees) {
        const TreeDefinition* tree = form.find_tree(id);
        if (!tree) {
            findings.structural_error(
                groups.empty() ? declaration.loc : groups.front().loc,
                tr("unknown key '{0}' for the form '{1}' (a declaration holds form, fields and "
                   "the form's tables)",
                   {id, form.id}),
                load::suggestion_hint(id, tree_ids, tr("tables of this form")));
            continue;
        }
        if (tree->list) {
            TreeChecker(*tree, declaration, findings).check_list(groups);
            continue;
        }
        TreeChecker(*tree, declaration, findings).check(groups);
    }
    for (const TreeDefinition& tree : form.trees) {
        if (tree.required && !declaration.tree(tree.id)) {
            findings.error(declaration.loc,
                           tr("the declaration has no {0} (`{1}:`)", {tree.label, tree.id}),
                           tr("see docs/declaration-format.md for an example"));
        }
    }
}

} // namespace formpdf::check
