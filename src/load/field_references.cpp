#include "load/field_references.h"

#include "core/diagnostic.h"
#include "core/messages.h"
#include "load/format_template.h"
#include "load/yaml_reader.h"

#include <algorithm>
#include <string_view>
#include <vector>

namespace formpdf::load {

namespace {

// `what` is an N_() literal; `list` is already translated (it names a form or a tree).
[[noreturn]] void unknown(const SourceLoc& loc, const char* what, const std::string& name,
                          const std::vector<std::string_view>& known, std::string_view list) {
    throw DiagnosticError(make_error(loc, tr("unknown {0} '{1}'", {tr(what), name}),
                                     suggestion_hint(name, known, list)));
}

std::vector<std::string_view> header_fields(const FormDefinition& form) {
    std::vector<std::string_view> names;
    for (const FieldDefinition& field : form.fields) {
        names.push_back(field.id);
    }
    names.push_back(kTitleFieldId);
    names.push_back(kFooterFieldId);
    return names;
}

void check_header_field(const std::string& name, const SourceLoc& loc,
                        const std::vector<std::string_view>& fields, const FormDefinition& form) {
    if (std::find(fields.begin(), fields.end(), name) == fields.end()) {
        unknown(loc, N_("field"), name, fields, tr("fields of form '{0}'", {form.id}));
    }
}

// Each {id} of a template must be one of `known`.
void check_placeholders(const std::string& format, const SourceLoc& loc,
                        const std::vector<std::string_view>& known, const std::string& list) {
    for_each_template_part(
        format, [](std::string_view) {},
        [&](std::string_view id) {
            if (std::find(known.begin(), known.end(), id) == known.end()) {
                unknown(loc, N_("field"), std::string(id), known, list);
            }
        });
}

void check_table(const TableSpec& table, const FormDefinition& form,
                 const std::vector<std::string_view>& fields) {
    for (const RowSpec& row : table.rows) {
        if (row.group.empty()) {
            for (const CellSpec& cell : row.cells) {
                if (cell.content == CellContent::Field) {
                    check_header_field(cell.text, cell.loc, fields, form);
                } else if (cell.content == CellContent::Format) {
                    check_placeholders(cell.text, cell.loc, fields,
                                       tr("fields of form '{0}'", {form.id}));
                }
                for (const CellTextSpec& part : cell.texts) {
                    if (part.content == CellContent::Field) {
                        check_header_field(part.text, part.loc, fields, form);
                    } else if (part.content == CellContent::Format) {
                        check_placeholders(part.text, part.loc, fields,
                                           tr("fields of form '{0}'", {form.id}));
                    }
                }
            }
            continue;
        }
        const TreeDefinition* tree = form.find_tree(row.group);
        if (!tree) {
            std::vector<std::string_view> trees;
            for (const TreeDefinition& t : form.trees) {
                trees.push_back(t.id);
            }
            unknown(row.loc, row.list ? N_("list") : N_("group"), row.group, trees,
                    tr("lists of form '{0}'", {form.id}));
        }
        if (tree->list != row.list) {
            throw DiagnosticError(make_error(
                row.loc,
                tree->list ? tr("'{0}' is a list of form '{1}'", {row.group, form.id})
                           : tr("'{0}' is a tree of form '{1}'", {row.group, form.id}),
                tree->list ? tr("print a list with `- list: {0}` (no levels)", {row.group})
                           : tr("print a tree with `- group: {0}` and its levels", {row.group})));
        }
        std::vector<std::string_view> row_fields;
        for (const RowFieldDefinition& field : tree->row_fields) {
            row_fields.push_back(field.id);
        }
        for (const CellSpec& cell : row.cells) {
            if (cell.content == CellContent::Field &&
                std::find(row_fields.begin(), row_fields.end(), cell.text) == row_fields.end()) {
                unknown(cell.loc, N_("field"), cell.text, row_fields,
                        tr("row fields of '{0}'", {tree->id}));
            }
            if (cell.content == CellContent::Format) {
                check_placeholders(cell.text, cell.loc, row_fields,
                                   tr("row fields of '{0}'", {tree->id}));
            }
            for (const CellTextSpec& part : cell.texts) {
                if (part.content == CellContent::Field &&
                    std::find(row_fields.begin(), row_fields.end(), part.text) ==
                        row_fields.end()) {
                    unknown(part.loc, N_("field"), part.text, row_fields,
                            tr("row fields of '{0}'", {tree->id}));
                }
                if (part.content == CellContent::Format) {
                    check_placeholders(part.text, part.loc, row_fields,
                                       tr("row fields of '{0}'", {tree->id}));
                }
            }
        }
    }
}

} // namespace

void check_field_references(const LayoutSpec& spec) {
    if (!spec.form) {
        return;
    }
    const FormDefinition& form = *spec.form;
    const std::vector<std::string_view> fields = header_fields(form);
    for (const BlockSpec& block : spec.blocks) {
        if (!block.field.empty()) {
            check_header_field(block.field, block.field_loc, fields, form);
        }
        if (block.table) {
            check_table(*block.table, form, fields);
        }
    }
    check_placeholders(spec.bookmark, spec.bookmark_loc, fields,
                       tr("fields of form '{0}'", {form.id}));
    // `batch:` fields written in the layout (the defaults are not required of every form).
    const BatchFields& batch = spec.batch;
    for (const auto& [id, loc] :
         {std::pair{&batch.code, &batch.code_loc}, std::pair{&batch.name, &batch.name_loc},
          std::pair{&batch.unit, &batch.unit_loc}, std::pair{&batch.amount, &batch.amount_loc}}) {
        if (loc->line > 0) {
            check_header_field(*id, *loc, fields, form);
        }
    }
}

} // namespace formpdf::load
