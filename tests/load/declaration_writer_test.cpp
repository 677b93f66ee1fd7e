#include "load/declaration_writer.h"

#include "core/file_io.h"
#include "load/export_import.h"
#include "load/layout_loader.h"

#include <gtest/gtest.h>

namespace formpdf::load {
namespace {

TextValue text(std::string value) {
    return TextValue{std::move(value), {}};
}

// Texts that YAML would read as something else, or lose characters of, if written plain.
const std::vector<std::string> kAwkward = {
    "",           "*数量",    "&a",           "0.00",
    "3",          "1,866.00", "yes",          "No",
    "on",         "~",        "null",         "NULL",
    "true",       "1e3",      "0x1F",         ".5",
    "-",          "- 列表",   "? 问",         ": 冒号",
    "a: b",       "a #b",     "#注释",        "'单引号'",
    "\"双\"",     "it's",     "  前后空格  ", "两个  空格",
    "行一\n行二", "尾换行\n", "\t制表",       "|",
    ">",          "%YAML",    "@at",          "`tick`",
    "!tag",       "[a]",      "{a: b}",       "≥ 90%",
    "=",          "<<",       "\u2028分隔",   "\xC2\x85",
    "反斜杠\\n",  "\r回车",   "\x01控制",     "否",
};

std::vector<Declaration> round_trip(const std::vector<Declaration>& declarations,
                                    const FormDefinition* form = nullptr) {
    return load_declarations_text(write_declarations(declarations, form), "round.yaml");
}

TEST(DeclarationWriter, WritesAwkwardTextsSoTheyLoadBackExactly) {
    Declaration declaration;
    declaration.form = text("shenzhen-l2-project");
    Group first;
    first.level = "level1";
    first.label = text("产出");
    Group second;
    second.level = "level2";
    second.label = text("*数量");
    for (std::size_t i = 0; i < kAwkward.size(); ++i) {
        declaration.fields.emplace_back("f" + std::to_string(i), text(kAwkward[i]));
        Record record;
        record.fields.emplace_back("name", text(kAwkward[i]));
        record.fields.emplace_back("value", text(kAwkward[(i + 1) % kAwkward.size()]));
        second.records.push_back(record);
    }
    first.groups.push_back(second);
    declaration.trees.emplace_back("indicators", std::vector<Group>{first});

    const std::vector<Declaration> back = round_trip({declaration, declaration});
    ASSERT_EQ(back.size(), 2u);
    for (const Declaration& loaded : back) {
        ASSERT_EQ(loaded.fields.size(), kAwkward.size());
        for (std::size_t i = 0; i < kAwkward.size(); ++i) {
            EXPECT_EQ(loaded.fields[i].second.text, kAwkward[i]) << "field " << i;
        }
        const Group& group = loaded.tree("indicators")->at(0).groups.at(0);
        EXPECT_EQ(group.level, "level2");
        EXPECT_EQ(group.label.text, "*数量");
        for (std::size_t i = 0; i < kAwkward.size(); ++i) {
            EXPECT_EQ(group.records[i].find("name")->text, kAwkward[i]) << "row " << i;
        }
    }
}

TEST(DeclarationWriter, QuotesWhatYamlWouldReadAsAnotherType) {
    EXPECT_EQ(yaml_scalar("*数量"), "'*数量'");
    EXPECT_EQ(yaml_scalar("0.00"), "'0.00'");
    EXPECT_EQ(yaml_scalar("yes"), "'yes'");
    EXPECT_EQ(yaml_scalar("it's"), "it's");
    EXPECT_EQ(yaml_scalar("'引'"), "'''引'''");
    EXPECT_EQ(yaml_scalar("行一\n行二"), "\"行一\\n行二\"");
    EXPECT_EQ(yaml_scalar("疫情防控"), "疫情防控");
}

void expect_same(const std::vector<Group>& a, const std::vector<Group>& b) {
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].level, b[i].level);
        EXPECT_EQ(a[i].label.text, b[i].label.text);
        expect_same(a[i].groups, b[i].groups);
        ASSERT_EQ(a[i].records.size(), b[i].records.size());
        for (std::size_t r = 0; r < a[i].records.size(); ++r) {
            ASSERT_EQ(a[i].records[r].fields.size(), b[i].records[r].fields.size());
            for (std::size_t f = 0; f < a[i].records[r].fields.size(); ++f) {
                EXPECT_EQ(a[i].records[r].fields[f].first, b[i].records[r].fields[f].first);
                EXPECT_EQ(a[i].records[r].fields[f].second.text,
                          b[i].records[r].fields[f].second.text);
            }
        }
    }
}

TEST(DeclarationWriter, TheFortyOneSeedFormsRoundTrip) {
    const LayoutSpec layout =
        load_layout_file(std::string(FORMPDF_SOURCE_DIR) + "/layouts/shenzhen-l2-project.yaml");
    const ExportImport imported = import_export_text(
        read_file(std::string(FORMPDF_SOURCE_DIR) + "/tests/data/seed/futian-l2-project-forms.txt",
                  1 << 24),
        "seed.txt", *layout.form);
    ASSERT_EQ(imported.forms.size(), 41u);
    for (const ImportedForm& form : imported.forms) {
        const std::vector<Declaration> back = round_trip({form.declaration}, &*layout.form);
        ASSERT_EQ(back.size(), 1u);
        const Declaration& loaded = back[0];
        EXPECT_EQ(loaded.form.text, form.declaration.form.text);
        ASSERT_EQ(loaded.fields.size(), form.declaration.fields.size());
        for (std::size_t i = 0; i < loaded.fields.size(); ++i) {
            EXPECT_EQ(loaded.fields[i].first, form.declaration.fields[i].first);
            EXPECT_EQ(loaded.fields[i].second.text, form.declaration.fields[i].second.text);
        }
        ASSERT_EQ(loaded.trees.size(), form.declaration.trees.size());
        expect_same(loaded.trees[0].second, form.declaration.trees[0].second);
    }
}

} // namespace
} // namespace formpdf::load
