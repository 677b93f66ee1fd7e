#include "load/field_references.h"

#include "core/diagnostic.h"
#include "load/yaml_reader.h"

#include <algorithm>
#include <string_view>
#include <vector>

namespace formpdf::load {

namespace {

[[noreturn]] void unknown(const SourceLoc& loc, std::string_view what, const std::string& name,
                          const std::vector<std::string_view>& known, std::string_view list) {
    throw DiagnosticError(make_error(loc, "unknown " + std::string(what) + " '" + name + "'",
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
        unknown(loc, "field", name, fields, "fields of form '" + form.id + "'");
    }
}

// Each {id} of a template must be one of `known`.
void check_placeholders(const std::string& format, const SourceLoc& loc,
                        const std::vector<std::string_view>& known, const std::string& list) {
    for (std::size_t open = format.find('{'); open != std::string::npos;
         open = format.find('{', open + 1)) {
        const std::size_t close = format.find('}', open);
        if (close == std::string::npos) {
            break;
        }
        const std::string id = format.substr(open + 1, close - open - 1);
        if (std::find(known.begin(), known.end(), id) == known.end()) {
            unknown(loc, "field", id, known, list);
        }
    }
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
                                       "fields of form '" + form.id + "'");
                }
                for (const CellTextSpec& part : cell.texts) {
                    if (part.content == CellContent::Field) {
                        check_header_field(part.text, part.loc, fields, form);
                    } else if (part.content == CellContent::Format) {
                        check_placeholders(part.text, part.loc, fields,
                                           "fields of form '" + form.id + "'");
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
            unknown(row.loc, row.list ? "list" : "group", row.group, trees,
                    "lists of form '" + form.id + "'");
        }
        if (tree->list != row.list) {
            throw DiagnosticError(make_error(
                row.loc,
                "'" + row.group + "' is a " + (tree->list ? "list" : "tree") + " of form '" +
                    form.id + "'",
                tree->list ? "print a list with `- list: " + row.group + "` (no levels)"
                           : "print a tree with `- group: " + row.group + "` and its levels"));
        }
        std::vector<std::string_view> row_fields;
        for (const RowFieldDefinition& field : tree->row_fields) {
            row_fields.push_back(field.id);
        }
        for (const CellSpec& cell : row.cells) {
            if (cell.content == CellContent::Field &&
                std::find(row_fields.begin(), row_fields.end(), cell.text) == row_fields.end()) {
                unknown(cell.loc, "field", cell.text, row_fields,
                        "row fields of '" + tree->id + "'");
            }
            if (cell.content == CellContent::Format) {
                check_placeholders(cell.text, cell.loc, row_fields,
                                   "row fields of '" + tree->id + "'");
            }
            for (const CellTextSpec& part : cell.texts) {
                if (part.content == CellContent::Field &&
                    std::find(row_fields.begin(), row_fields.end(), part.text) ==
                        row_fields.end()) {
                    unknown(part.loc, "field", part.text, row_fields,
                            "row fields of '" + tree->id + "'");
                }
                if (part.content == CellContent::Format) {
                    check_placeholders(part.text, part.loc, row_fields,
                                       "row fields of '" + tree->id + "'");
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
                       "fields of form '" + form.id + "'");
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
