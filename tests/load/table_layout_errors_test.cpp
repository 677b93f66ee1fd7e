// Errors in a layout's tables are reported before any layout work, at file:line:col with a hint.

#include "core/diagnostic.h"
#include "load/layout_loader.h"
#include "support/command.h"

#include <gtest/gtest.h>

#include <regex>

namespace formpdf::load {
namespace {

struct LayoutError {
    const char* name;
    std::string table; // the `- table:` value, indented by 6
    int line;
    int col;
    const char* message; // regex
    const char* hint;    // regex
};

void PrintTo(const LayoutError& e, std::ostream* os) {
    *os << e.name;
}

const std::string kHead = "formpdf-layout: 1\n"      // line 1
                          "styles:\n"                // 2
                          "  label: {font: heavy}\n" // 3
                          "blocks:\n"                // 4
                          "  - table:\n";            // 5

std::vector<LayoutError> cases() {
    return {
        {"OverlapWithRowspanFromAbove",
         "      columns: [20mm, 20mm, 20mm]\n"        // 6
         "      rows:\n"                              // 7
         "        - [{text: a, rowspan: 2}, b, c]\n"  // 8
         "        - [d, {text: e, colspan: 2}, f]\n", // 9
         9, 15, "colspan 2 runs past the last column", "at most 1"},
        {"CellPastTheLastColumn",
         "      columns: [20mm, 20mm]\n"
         "      rows:\n"
         "        - [{text: a, rowspan: 2}, b]\n"
         "        - [c, d]\n",
         9, 15, "past the last of the table's 2 columns", "spanned from the rows above"},
        {"ColspanPastTheLastColumn",
         "      columns: [20mm, 20mm, 20mm]\n"
         "      rows:\n"
         "        - [a, {text: b, colspan: 3}]\n",
         8, 15, "colspan 3 runs past the last column", "at most 2"},
        {"ColspanOverlapsASpannedColumn",
         "      columns: [20mm, 20mm, 20mm]\n"
         "      rows:\n"
         "        - [a, {text: b, rowspan: 2}, c]\n"
         "        - [{text: d, colspan: 2}, f]\n",
         9, 12, "overlaps column 2", "rowspan above shorter"},
        {"RowDoesNotFillTheColumns",
         "      columns: [20mm, 20mm, 20mm]\n"
         "      rows:\n"
         "        - [a, b]\n",
         8, 11, "fills 2 of the table's 3 columns", "colspan"},
        {"RowspanPastTheLastRow",
         "      columns: [20mm, 20mm]\n"
         "      rows:\n"
         "        - [{text: a, rowspan: 3}, b]\n"
         "        - [c]\n",
         8, 12, "rowspan 3 runs past the last row", "at most 2"},
        {"RowspanIntoAGroupRow",
         "      columns: [20mm, 20mm]\n"
         "      rows:\n"
         "        - [{text: a, rowspan: 2}, b]\n"
         "        - {group: indicators, cells: [{field: name}]}\n",
         8, 12, "spans into a group row", "rowspan: group"},
        {"UnknownCellStyle",
         "      columns: [20mm, 20mm]\n"
         "      rows:\n"
         "        - [{text: a, style: lable}, b]\n",
         8, 29, "unknown style 'lable'", "did you mean 'label'"},
        {"FixedColumnsWiderThanThePage",
         "      columns: [100mm, 100mm]\n"
         "      rows:\n"
         "        - [a, b]\n",
         6, 16, "wider than|more than the page's content width", "shares such as 1fr"},
        {"BadShare",
         "      columns: [20mm, xfr]\n"
         "      rows:\n"
         "        - [a, b]\n",
         6, 23, "not a valid share", "1fr"},
        {"UnknownTableKey",
         "      columns: [20mm]\n"
         "      rowz:\n"
         "        - [a]\n",
         7, 7, "rowz", "did you mean 'rows'"},
    };
}

class TableLayoutErrorTest : public ::testing::TestWithParam<LayoutError> {};

TEST_P(TableLayoutErrorTest, IsReportedAtItsPlaceWithAHint) {
    const LayoutError& c = GetParam();
    try {
        load_layout_text(kHead + c.table, "form.yaml");
        FAIL() << "no error";
    } catch (const DiagnosticError& error) {
        const Diagnostic& d = error.diagnostic();
        EXPECT_EQ(d.loc.file, "form.yaml");
        EXPECT_EQ(d.loc.line, c.line) << d.message;
        EXPECT_EQ(d.loc.col, c.col) << d.message;
        EXPECT_TRUE(std::regex_search(d.message, std::regex(c.message))) << d.message;
        EXPECT_TRUE(std::regex_search(d.hint, std::regex(c.hint))) << d.hint;
    }
}

INSTANTIATE_TEST_SUITE_P(Cases, TableLayoutErrorTest, ::testing::ValuesIn(cases()),
                         [](const auto& info) { return std::string(info.param.name); });

// With a form definition, a field the print binds must exist in it.
std::string shenzhen_layout() {
    return testing::read_text(std::string(FORMPDF_SOURCE_DIR) +
                              "/layouts/shenzhen-l2-project.yaml");
}

TEST(FieldReferences, TheShenzhenLayoutBindsOnlyFieldsOfItsForm) {
    const LayoutSpec spec = load_layout_text(shenzhen_layout(), "shenzhen.yaml");
    ASSERT_TRUE(spec.form.has_value());
    EXPECT_EQ(spec.form->id, "shenzhen-l2-project");
}

TEST(FieldReferences, AnUnknownHeaderFieldIsAnErrorWithASuggestion) {
    std::string yaml = shenzhen_layout();
    const std::size_t at = yaml.find("{field: project_name,");
    ASSERT_NE(at, std::string::npos);
    yaml.replace(at, 21, "{field: project_nmae,");
    try {
        load_layout_text(yaml, "shenzhen.yaml");
        FAIL() << "no error";
    } catch (const DiagnosticError& error) {
        EXPECT_NE(error.diagnostic().message.find("unknown field 'project_nmae'"),
                  std::string::npos);
        EXPECT_NE(error.diagnostic().hint.find("project_name"), std::string::npos);
        EXPECT_GT(error.diagnostic().loc.line, 0);
    }
}

TEST(FieldReferences, AnUnknownRowFieldOrGroupIsAnError) {
    std::string yaml = shenzhen_layout();
    const std::size_t at = yaml.find("{field: explanation}");
    ASSERT_NE(at, std::string::npos);
    std::string bad_field = yaml;
    bad_field.replace(at, 20, "{field: explanation_}");
    EXPECT_THROW(load_layout_text(bad_field, "s.yaml"), DiagnosticError);
    std::string bad_group = yaml;
    const std::size_t group = bad_group.find("group: indicators");
    bad_group.replace(group, 17, "group: indicator");
    try {
        load_layout_text(bad_group, "s.yaml");
        FAIL() << "no error";
    } catch (const DiagnosticError& error) {
        EXPECT_NE(error.diagnostic().message.find("unknown group 'indicator'"), std::string::npos);
        EXPECT_NE(error.diagnostic().hint.find("indicators"), std::string::npos);
    }
}

} // namespace
} // namespace formpdf::load
