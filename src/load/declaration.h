#pragma once

#include "core/source_location.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace formpdf::load {

// One filled-in form, as plain data (docs/declaration-format.md). Every value is text exactly as
// written, with where it was written.

struct TextValue {
    std::string text;
    SourceLoc loc;

    bool operator==(const TextValue&) const = default;
};

// A leaf row of a tree (an indicator: name, value, explanation), fields in written order.
struct Record {
    std::vector<std::pair<std::string, TextValue>> fields;
    SourceLoc loc;

    const TextValue* find(std::string_view id) const;
    bool operator==(const Record&) const = default;
};

// A node of a tree (一级 or 二级 indicator): its label, and either child groups or records.
struct Group {
    std::string level; // the key the label is written under ("level1"): a level id of the form
    TextValue label;
    std::vector<Group> groups;
    std::vector<Record> records;
    SourceLoc loc;

    bool operator==(const Group&) const = default;
};

// A list of records (for a list table, docs/layout-format.md) is kept as a tree whose one group
// has no level and no label and holds the records; this gives its records, in order. A list
// whose records each have one field reads like groups with nothing under them: those are taken
// as one-field records.
std::vector<const Record*> list_records(const std::vector<Group>& tree,
                                        std::vector<Record>& one_field_records);

struct Declaration {
    std::string file;
    SourceLoc loc;  // where the YAML document starts
    TextValue form; // the form id, e.g. "shenzhen-l2-project"
    std::vector<std::pair<std::string, TextValue>> fields;
    std::vector<std::pair<std::string, std::vector<Group>>> trees;

    const TextValue* field(std::string_view id) const;
    const std::vector<Group>* tree(std::string_view id) const;
    bool operator==(const Declaration&) const = default;
};

// Reads every YAML document of a declaration file (docs/declaration-format.md); empty documents
// are skipped. Throws DiagnosticError at the offending value for YAML errors, hostile input
// (yaml_guard.h), a value that is not text, a group that is not {<level>: name, groups|rows: […]},
// and a file with no declaration; IoError when the file cannot be read. Which ids a form takes is
// not checked here: that is check_declaration() against the form definition.
std::vector<Declaration> load_declarations_file(const std::filesystem::path& path);
std::vector<Declaration> load_declarations_text(std::string_view yaml, const std::string& file);

// The `form:` of the file's first declaration, read without parsing the rest of the file (the
// batch starts loading that form's layout while the files are parsed). Nullopt when the file does
// not say it plainly within its first document; load_declarations_file() reports why. IoError
// when the file cannot be read.
std::optional<TextValue> peek_declared_form(const std::filesystem::path& path);

} // namespace formpdf::load
