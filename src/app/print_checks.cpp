#include "app/print_checks.h"

#include "check/check.h"
#include "check/finding_text.h"
#include "core/messages.h"
#include "load/printed_fields.h"

#include <algorithm>
#include <set>

namespace formpdf::app {

namespace {

// "1 error", "3 errors": the patterns are msgids ("{0} error"), one per English number.
std::string plural(int n, const char* one, const char* many) {
    return tr(n == 1 ? one : many, {std::to_string(n)});
}

// How a message names a value: "项目名称 (project_name)" when the form defines it, else its id.
std::string header_field_name(const load::FormDefinition* form, const std::string& id) {
    if (id == load::kTitleFieldId) {
        return tr("the title (title)");
    }
    if (id == load::kFooterFieldId) {
        return tr("the footer (footer)");
    }
    const load::FieldDefinition* field = form ? form->find_field(id) : nullptr;
    return field ? check::field_name(field->label, id) : tr("the field '{0}'", {id});
}

// Warns about each value of the declaration that `layout` never puts on the page, once per field
// (a row field: at its first row). Values the form does not know are left out: they are already
// structural errors.
class HiddenValues {
public:
    HiddenValues(const load::LayoutSpec& layout, const load::FormDefinition* form,
                 Diagnostics& diagnostics)
        : layout_(layout), form_(form), printed_(load::printed_fields(layout)),
          diagnostics_(diagnostics) {}

    int check(const load::Declaration& declaration) {
        for (const auto& [id, value] : declaration.fields) {
            const bool known = !form_ || form_->find_field(id) || id == load::kTitleFieldId ||
                               id == load::kFooterFieldId;
            if (known && !check::is_blank(value.text) && !printed_.shows_field(id)) {
                warn(value.loc, header_field_name(form_, id));
            }
        }
        for (const auto& [id, groups] : declaration.trees) {
            const load::TreeDefinition* tree = form_ ? form_->find_tree(id) : nullptr;
            if (form_ && !tree) {
                continue;
            }
            const load::PrintedFields::Tree* shown = printed_.tree(id);
            if (!shown) {
                if (!groups.empty()) {
                    warn(groups.front().loc,
                         tree ? tree->label + " (" + id + ")" : tr("the table '{0}'", {id}));
                }
                continue;
            }
            TreeWalk walk{tree, id, *shown, {}};
            for (const load::Group& group : groups) {
                check_group(walk, group, 0, true);
            }
        }
        return warnings_;
    }

private:
    struct TreeWalk {
        const load::TreeDefinition* tree;
        std::string id;
        const load::PrintedFields::Tree& shown;
        std::set<std::string> reported; // row fields and levels already warned about
    };

    void warn(const SourceLoc& loc, const std::string& what) {
        diagnostics_.warning(
            loc, tr("{0} is not printed: the layout {1} has no place for it", {what, layout_.file}),
            tr("print with a layout that shows it, or leave it out of the "
               "declaration; the print shows only what the layout places"));
        ++warnings_;
    }

    std::string level_name(const TreeWalk& walk, std::size_t depth) const {
        if (walk.tree && depth < walk.tree->levels.size()) {
            return walk.tree->levels[depth].label + " (" + walk.tree->levels[depth].id + ")";
        }
        return tr("the level-{0} group names of '{1}'", {std::to_string(depth + 1), walk.id});
    }

    // Mirrors how resolve expands a group row: with L = max(levels, 1), the groups of depth < L
    // are reached; their names print when depth < levels; a reached group's rows print when it is
    // at the last level or has no groups under it.
    void check_group(TreeWalk& walk, const load::Group& group, std::size_t depth, bool reached) {
        const std::size_t reach = std::max<std::size_t>(walk.shown.levels, 1);
        reached = reached && depth < reach;
        if (!check::is_blank(group.label.text) && (!reached || depth >= walk.shown.levels) &&
            walk.reported.insert("level:" + std::to_string(depth)).second) {
            warn(group.label.loc, level_name(walk, depth));
        }
        const bool rows_printed = reached && (depth + 1 >= reach || group.groups.empty());
        for (const load::Record& record : group.records) {
            for (const auto& [field, value] : record.fields) {
                const bool known =
                    !walk.tree ||
                    std::any_of(walk.tree->row_fields.begin(), walk.tree->row_fields.end(),
                                [&](const auto& definition) { return definition.id == field; });
                if (!known || check::is_blank(value.text)) {
                    continue;
                }
                if (!rows_printed && walk.reported.insert("rows:" + std::to_string(depth)).second) {
                    warn(value.loc,
                         tr("the rows under {0}", {check::quote_value(group.label.text)}));
                }
                if (rows_printed && !walk.shown.row_fields.count(field) &&
                    walk.reported.insert("field:" + field).second) {
                    warn(value.loc, row_field_name(walk, field));
                }
            }
        }
        for (const load::Group& child : group.groups) {
            check_group(walk, child, depth + 1, reached);
        }
    }

    std::string row_field_name(const TreeWalk& walk, const std::string& field) const {
        if (walk.tree) {
            for (const load::RowFieldDefinition& definition : walk.tree->row_fields) {
                if (definition.id == field) {
                    return tr("{0} ({1}) of the {2} rows",
                              {definition.label, field, walk.tree->label});
                }
            }
        }
        return tr("the row field '{0}' of '{1}'", {field, walk.id});
    }

    const load::LayoutSpec& layout_;
    const load::FormDefinition* form_;
    load::PrintedFields printed_;
    Diagnostics& diagnostics_;
    int warnings_ = 0;
};

} // namespace

PrintCheck check_before_print(const load::Declaration& declaration, const load::LayoutSpec& layout,
                              bool strict, Diagnostics& diagnostics) {
    PrintCheck result;
    const load::FormDefinition* form =
        layout.form && layout.form->id == declaration.form.text ? &*layout.form : nullptr;
    check::CheckCounts counts;
    if (form) {
        Diagnostics findings;
        counts = check::check_declaration(declaration, *form, findings);
        for (const Diagnostic& finding : findings.items()) {
            if (finding.severity != Severity::Note) {
                diagnostics.add(finding);
            }
        }
    }
    result.errors = counts.errors;
    result.warnings = counts.warnings;
    if (counts.structural_errors > 0) {
        result.print = false;
        diagnostics.error(
            declaration.loc,
            tr("this form is not printed: {0} in its structure (above)",
               {plural(counts.structural_errors, N_("{0} error"), N_("{0} errors"))}),
            tr("a key or group the form does not have would be left out of the print; fix it"));
        return result;
    }
    if (strict && counts.errors > 0) {
        result.print = false;
        diagnostics.error(declaration.loc,
                          tr("this form is not printed (--strict): {0} (above)",
                             {plural(counts.errors, N_("{0} error"), N_("{0} errors"))}),
                          tr("fix them, or print without --strict: the form is then printed as "
                             "written, with its findings reported"));
        return result;
    }
    result.warnings += HiddenValues(layout, form, diagnostics).check(declaration);
    return result;
}

} // namespace formpdf::app
