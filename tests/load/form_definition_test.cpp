#include "load/layout_loader.h"

#include "core/diagnostic.h"

#include <gtest/gtest.h>

namespace formpdf::load {
namespace {

TEST(FormDefinition, TheShenzhenFormIsReadFromItsLayout) {
    const LayoutSpec layout =
        load_layout_file(std::string(FORMPDF_SOURCE_DIR) + "/layouts/shenzhen-l2-project.yaml");
    ASSERT_TRUE(layout.form.has_value());
    const FormDefinition& form = *layout.form;
    EXPECT_EQ(form.id, "shenzhen-l2-project");
    EXPECT_EQ(form.footer_label, "备注");
    ASSERT_EQ(form.fields.size(), 13u);
    const FieldDefinition* code = form.find_field("project_code");
    ASSERT_NE(code, nullptr);
    EXPECT_EQ(code->label, "项目编码：");
    EXPECT_EQ(code->kind, FieldKind::Code);
    EXPECT_EQ(code->digits, 21);
    EXPECT_TRUE(code->required);
    EXPECT_EQ(form.find_field("annual_amount")->at_most, "total_amount");
    const FieldDefinition* goal = form.find_field("long_term_goal");
    EXPECT_FALSE(goal->required);
    ASSERT_TRUE(goal->required_when.has_value());
    EXPECT_EQ(goal->required_when->field, "period_years");
    EXPECT_EQ(goal->required_when->above, 1);

    const TreeDefinition* tree = form.find_tree("indicators");
    ASSERT_NE(tree, nullptr);
    ASSERT_EQ(tree->levels.size(), 2u);
    EXPECT_EQ(tree->levels[1].label, "二级指标");
    ASSERT_EQ(tree->vocabulary.size(), 3u);
    EXPECT_EQ(tree->vocabulary[1].name, "效益");
    ASSERT_EQ(tree->vocabulary[1].children.size(), 4u);
    EXPECT_EQ(tree->vocabulary[1].children[1].name, "社会效益");
    EXPECT_TRUE(tree->vocabulary[1].children[1].mandatory);
    EXPECT_FALSE(tree->vocabulary[1].children[0].mandatory);
    EXPECT_EQ(tree->strip_marker("•数量"), "数量");
    EXPECT_EQ(tree->marker_of("*数量"), "*");
    EXPECT_EQ(tree->marker_of("数量"), "");
}

Diagnostic definition_error(const std::string& form_section) {
    try {
        load_layout_text("formpdf-layout: 1\nform:\n" + form_section, "l.yaml");
    } catch (const DiagnosticError& error) {
        return error.diagnostic();
    }
    ADD_FAILURE() << "accepted:\n" << form_section;
    return {};
}

TEST(FormDefinition, MistakesInTheDefinitionAreReportedWhereTheyAre) {
    EXPECT_EQ(definition_error("  id: f\n  fields:\n    a: {label: A, kind: money}\n").loc.line, 5);
    EXPECT_EQ(definition_error("  id: f\n  fields:\n    Bad: {label: A}\n").loc.line, 5);
    EXPECT_NE(definition_error("  id: f\n  fields:\n    a: {label: A, kind: amount, at-most: b}\n")
                  .message.find("'b'"),
              std::string::npos);
    EXPECT_NE(definition_error("  id: f\n  fields:\n    a: {label: A, digits: 3}\n")
                  .message.find("kind code"),
              std::string::npos);
    EXPECT_EQ(definition_error("  id: f\n  trees:\n    t:\n      label: T\n      levels: "
                               "[{id: rows, label: R}]\n      row-fields: [{id: n, label: N}]\n")
                  .loc.line,
              7);
    EXPECT_NE(definition_error("  id: f\n  trees:\n    t:\n      label: T\n      levels: "
                               "[{id: l1, label: L}]\n      row-fields: [{id: n, label: N}]\n"
                               "      vocabulary: {a: [b]}\n")
                  .message.find("deeper"),
              std::string::npos);
}

TEST(FormDefinition, ImportSaysHowTheImportFindsTheValues) {
    const auto reading = [](const std::string& form_section) {
        return load_layout_text("formpdf-layout: 1\nform:\n" + form_section, "l.yaml")
            .form->import_reading;
    };
    EXPECT_EQ(reading("  id: f\n"), ImportReading::Labels);
    EXPECT_EQ(reading("  id: f\n  import: labels\n"), ImportReading::Labels);
    EXPECT_EQ(reading("  id: f\n  import: positions\n"), ImportReading::Positions);
    const Diagnostic wrong = definition_error("  id: f\n  import: cells\n");
    EXPECT_EQ(wrong.loc.line, 4);
    EXPECT_NE(wrong.message.find("`import` is `labels` or `positions`, not 'cells'"),
              std::string::npos)
        << wrong.message;
}

} // namespace
} // namespace formpdf::load
