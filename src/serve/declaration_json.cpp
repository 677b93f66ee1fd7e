#include "serve/declaration_json.h"

#include <algorithm>

namespace formpdf::serve {

namespace {

class DeclarationBuilder {
public:
    DeclarationBuilder(PagePaths& paths, int max_depth) : paths_(paths), max_depth_(max_depth) {}

    SourceLoc locate(std::string path) {
        const int line = next_line_++;
        paths_[line] = std::move(path);
        return SourceLoc{std::string(kPageFile), line, 1};
    }

    load::TextValue text(const Json& value, std::string path) {
        if (!value.is_string()) {
            throw BadRequest("the value at " + path + " is not text");
        }
        return load::TextValue{value.get<std::string>(), locate(std::move(path))};
    }

    load::Group group(const Json& json, const std::string& path, int depth) {
        if (depth > max_depth_) {
            throw BadRequest("groups nested deeper than " + std::to_string(max_depth_));
        }
        if (!json.is_object()) {
            throw BadRequest("the group at " + path + " is not an object");
        }
        load::Group group;
        group.loc = locate(path);
        const auto level = json.find("level");
        if (level == json.end() || !level->is_string()) {
            throw BadRequest("the group at " + path + " has no level");
        }
        group.level = level->get<std::string>();
        const auto label = json.find("label");
        group.label = text(label == json.end() ? Json("") : *label, path + ".label");
        if (const auto groups = json.find("groups"); groups != json.end()) {
            if (!groups->is_array()) {
                throw BadRequest("groups at " + path + " is not a list");
            }
            for (std::size_t i = 0; i < groups->size(); ++i) {
                group.groups.push_back(
                    this->group((*groups)[i], path + "." + std::to_string(i), depth + 1));
            }
        }
        if (const auto rows = json.find("rows"); rows != json.end()) {
            if (!rows->is_array()) {
                throw BadRequest("rows at " + path + " is not a list");
            }
            for (std::size_t i = 0; i < rows->size(); ++i) {
                const Json& row = (*rows)[i];
                const std::string row_path = path + ".rows." + std::to_string(i);
                if (!row.is_object()) {
                    throw BadRequest("the row at " + row_path + " is not an object");
                }
                load::Record record;
                record.loc = locate(row_path);
                for (const auto& [id, value] : row.items()) {
                    record.fields.emplace_back(id, text(value, row_path + "." + id));
                }
                group.records.push_back(std::move(record));
            }
        }
        return group;
    }

private:
    PagePaths& paths_;
    int max_depth_;
    int next_line_ = 2; // line 1: the declaration itself
};

Json group_to_json(const load::Group& group) {
    Json json = Json::object();
    json["level"] = group.level;
    json["label"] = group.label.text;
    if (!group.groups.empty() || group.records.empty()) {
        Json groups = Json::array();
        for (const load::Group& child : group.groups) {
            groups.push_back(group_to_json(child));
        }
        json["groups"] = std::move(groups);
    }
    if (!group.records.empty()) {
        Json rows = Json::array();
        for (const load::Record& record : group.records) {
            Json row = Json::object();
            for (const auto& [id, value] : record.fields) {
                row[id] = value.text;
            }
            rows.push_back(std::move(row));
        }
        json["rows"] = std::move(rows);
    }
    return json;
}

const char* kind_name(load::FieldKind kind) {
    switch (kind) {
    case load::FieldKind::Code:
        return "code";
    case load::FieldKind::Amount:
        return "amount";
    case load::FieldKind::Years:
        return "years";
    case load::FieldKind::Choice:
        return "choice";
    case load::FieldKind::Text:
        break;
    }
    return "text";
}

Json vocabulary_to_json(const std::vector<load::VocabularyEntry>& entries,
                        const load::TreeDefinition& tree) {
    Json list = Json::array();
    for (const load::VocabularyEntry& entry : entries) {
        Json json = Json::object();
        json["name"] = entry.mandatory ? tree.mandatory_marker + entry.name : entry.name;
        json["mandatory"] = entry.mandatory;
        json["children"] = vocabulary_to_json(entry.children, tree);
        list.push_back(std::move(json));
    }
    return list;
}

Json color_to_json(const std::optional<Color>& color) {
    if (!color) {
        return nullptr;
    }
    char text[8];
    const auto channel = [](double value) {
        return static_cast<unsigned>(std::clamp(value, 0.0, 1.0) * 255.0 + 0.5);
    };
    std::snprintf(text, sizeof text, "#%02x%02x%02x", channel(color->r), channel(color->g),
                  channel(color->b));
    return text;
}

Json cell_to_json(const load::CellSpec& cell) {
    Json json = Json::object();
    switch (cell.content) {
    case load::CellContent::Empty:
        json["kind"] = "empty";
        break;
    case load::CellContent::Text:
        json["kind"] = "text";
        break;
    case load::CellContent::Field:
        json["kind"] = "field";
        break;
    case load::CellContent::Label:
        json["kind"] = "label";
        break;
    case load::CellContent::Format:
        json["kind"] = "format";
        break;
    }
    json["text"] = cell.text;
    json["colspan"] = cell.colspan;
    json["rowspan"] = cell.rowspan;
    json["fill"] = color_to_json(cell.fill);
    json["style"] = cell.style;
    return json;
}

} // namespace

Json parse_json_body(std::string_view body, int max_depth) {
    try {
        return Json::parse(
            body.begin(), body.end(), [max_depth](int depth, Json::parse_event_t, Json&) {
                if (depth > max_depth) {
                    throw BadRequest("the JSON is nested deeper than " + std::to_string(max_depth));
                }
                return true;
            });
    } catch (const Json::exception& error) {
        throw BadRequest(std::string("the body is not JSON: ") + error.what());
    }
}

Json declaration_to_json(const load::Declaration& declaration) {
    Json json = Json::object();
    json["form"] = declaration.form.text;
    Json fields = Json::object();
    for (const auto& [id, value] : declaration.fields) {
        fields[id] = value.text;
    }
    json["fields"] = std::move(fields);
    Json trees = Json::object();
    for (const auto& [id, groups] : declaration.trees) {
        Json list = Json::array();
        for (const load::Group& group : groups) {
            list.push_back(group_to_json(group));
        }
        trees[id] = std::move(list);
    }
    json["trees"] = std::move(trees);
    return json;
}

load::Declaration declaration_from_json(const Json& json, PagePaths& paths, int max_tree_depth) {
    if (!json.is_object()) {
        throw BadRequest("the declaration is not an object");
    }
    DeclarationBuilder builder(paths, max_tree_depth);
    load::Declaration declaration;
    declaration.file = std::string(kPageFile);
    declaration.loc = SourceLoc{std::string(kPageFile), 1, 1};
    paths[1] = "";
    const auto form = json.find("form");
    if (form == json.end()) {
        throw BadRequest("the declaration has no form");
    }
    declaration.form = builder.text(*form, "form");
    if (const auto fields = json.find("fields"); fields != json.end()) {
        if (!fields->is_object()) {
            throw BadRequest("fields is not an object");
        }
        for (const auto& [id, value] : fields->items()) {
            declaration.fields.emplace_back(id, builder.text(value, "fields." + id));
        }
    }
    if (const auto trees = json.find("trees"); trees != json.end()) {
        if (!trees->is_object()) {
            throw BadRequest("trees is not an object");
        }
        for (const auto& [id, groups] : trees->items()) {
            if (!groups.is_array()) {
                throw BadRequest("the tree " + id + " is not a list");
            }
            std::vector<load::Group> list;
            for (std::size_t i = 0; i < groups.size(); ++i) {
                list.push_back(
                    builder.group(groups[i], "trees." + id + "." + std::to_string(i), 1));
            }
            declaration.trees.emplace_back(id, std::move(list));
        }
    }
    return declaration;
}

Json findings_to_json(const Diagnostics& findings, const PagePaths& paths) {
    Json list = Json::array();
    for (const Severity severity : {Severity::Error, Severity::Warning, Severity::Note}) {
        for (const Diagnostic& finding : findings.items()) {
            if (finding.severity != severity) {
                continue;
            }
            Json json = Json::object();
            json["severity"] = severity_name(severity);
            json["message"] = finding.message;
            json["hint"] = finding.hint;
            const auto path = paths.find(finding.loc.line);
            json["path"] =
                finding.loc.file == kPageFile && path != paths.end() ? path->second : std::string();
            list.push_back(std::move(json));
        }
    }
    return list;
}

Json form_definition_to_json(const load::FormDefinition& form) {
    Json json = Json::object();
    json["id"] = form.id;
    json["title"] = form.title;
    Json fields = Json::array();
    for (const load::FieldDefinition& field : form.fields) {
        Json item = Json::object();
        item["id"] = field.id;
        item["label"] = field.label;
        item["kind"] = kind_name(field.kind);
        item["required"] = field.required;
        item["choices"] = field.choices;
        item["digits"] = field.digits;
        item["decimals"] = field.decimals;
        fields.push_back(std::move(item));
    }
    json["fields"] = std::move(fields);
    Json trees = Json::array();
    for (const load::TreeDefinition& tree : form.trees) {
        Json item = Json::object();
        item["id"] = tree.id;
        item["label"] = tree.label;
        Json levels = Json::array();
        for (const load::LevelDefinition& level : tree.levels) {
            levels.push_back(Json{{"id", level.id}, {"label", level.label}});
        }
        item["levels"] = std::move(levels);
        Json row_fields = Json::array();
        for (const load::RowFieldDefinition& field : tree.row_fields) {
            row_fields.push_back(Json{{"id", field.id}, {"label", field.label}});
        }
        item["row_fields"] = std::move(row_fields);
        item["vocabulary"] = vocabulary_to_json(tree.vocabulary, tree);
        item["qualitative"] = tree.values.qualitative;
        trees.push_back(std::move(item));
    }
    json["trees"] = std::move(trees);
    return json;
}

Json layout_to_json(const load::LayoutSpec& layout) {
    Json blocks = Json::array();
    const double content_width =
        layout.page.width_pt - layout.page.margins.left - layout.page.margins.right;
    for (const load::BlockSpec& block : layout.blocks) {
        Json json = Json::object();
        switch (block.kind) {
        case load::BlockKind::Title:
            json["kind"] = "title";
            break;
        case load::BlockKind::Paragraph:
            json["kind"] = "paragraph";
            break;
        case load::BlockKind::Spacer:
            json["kind"] = "spacer";
            break;
        case load::BlockKind::Table:
            json["kind"] = "table";
            break;
        }
        json["text"] = block.text;
        json["field"] = block.field;
        json["style"] = block.style;
        if (block.table) {
            json["columns"] = load::column_widths_pt(block.table->columns, content_width);
            Json rows = Json::array();
            for (const load::RowSpec& row : block.table->rows) {
                Json row_json = Json::object();
                row_json["header"] = row.header;
                row_json["group"] = row.group;
                Json cells = Json::array();
                for (const load::CellSpec& cell : row.cells) {
                    cells.push_back(cell_to_json(cell));
                }
                row_json["cells"] = std::move(cells);
                Json levels = Json::array();
                for (const load::CellSpec& cell : row.levels) {
                    levels.push_back(cell_to_json(cell));
                }
                row_json["levels"] = std::move(levels);
                rows.push_back(std::move(row_json));
            }
            json["rows"] = std::move(rows);
        }
        blocks.push_back(std::move(json));
    }
    Json json = Json::object();
    json["title"] = layout.title;
    json["content_width"] = content_width;
    json["blocks"] = std::move(blocks);
    return json;
}

} // namespace formpdf::serve
