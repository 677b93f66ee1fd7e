#include "load/printed_fields.h"

#include "load/format_template.h"

#include <algorithm>

namespace formpdf::load {

namespace {

// The {id}s of a template.
void add_placeholders(const std::string& format, std::set<std::string>& ids) {
    for_each_template_part(
        format, [](std::string_view) {}, [&](std::string_view id) { ids.emplace(id); });
}

void add_content(CellContent content, const std::string& text, std::set<std::string>& ids) {
    if (content == CellContent::Field) {
        ids.insert(text);
    } else if (content == CellContent::Format) {
        add_placeholders(text, ids);
    }
}

void add_cell(const CellSpec& cell, std::set<std::string>& ids) {
    add_content(cell.content, cell.text, ids);
    for (const CellTextSpec& part : cell.texts) {
        add_content(part.content, part.text, ids);
    }
}

} // namespace

const PrintedFields::Tree* PrintedFields::tree(const std::string& id) const {
    const auto it = trees.find(id);
    return it == trees.end() ? nullptr : &it->second;
}

PrintedFields printed_fields(const LayoutSpec& layout) {
    PrintedFields printed;
    for (const BlockSpec& block : layout.blocks) {
        if (!block.field.empty()) {
            printed.fields.insert(block.field);
        }
        if (!block.table) {
            continue;
        }
        for (const RowSpec& row : block.table->rows) {
            if (row.group.empty()) {
                for (const CellSpec& cell : row.cells) {
                    add_cell(cell, printed.fields);
                }
                continue;
            }
            PrintedFields::Tree& tree = printed.trees[row.group];
            tree.levels = std::max(tree.levels, row.levels.size());
            for (const CellSpec& cell : row.cells) {
                add_cell(cell, tree.row_fields);
            }
        }
    }
    return printed;
}

} // namespace formpdf::load
