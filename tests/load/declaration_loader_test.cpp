#include "load/declaration.h"

#include "core/diagnostic.h"
#include "core/file_io.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace formpdf::load {
namespace {

std::vector<Declaration> load(const std::string& yaml) {
    return load_declarations_text(yaml, "d.yaml");
}

Diagnostic load_error(const std::string& yaml) {
    try {
        load(yaml);
    } catch (const DiagnosticError& error) {
        return error.diagnostic();
    }
    ADD_FAILURE() << "the loader accepted:\n" << yaml;
    return {};
}

const std::string kSmall = R"(form: shenzhen-l2-project
fields:
  project_code: '440304221061500500012'
  period_years: 3
  new_project: 否
  total_amount: 0.00
  flag: yes
  tilde: ~
  nothing:
  spaced: "  两个  空格  "
indicators:
  - level1: 产出
    groups:
      - level2: '*数量'
        rows:
          - {name: 人数, value: ≥ 90%, explanation: 考察}
          - name: 第二
            value: '0起'
            explanation: ''
)";

TEST(DeclarationLoader, KeepsEveryValueExactlyAsWritten) {
    const std::vector<Declaration> declarations = load(kSmall);
    ASSERT_EQ(declarations.size(), 1u);
    const Declaration& d = declarations[0];
    EXPECT_EQ(d.file, "d.yaml");
    EXPECT_EQ(d.form.text, "shenzhen-l2-project");
    EXPECT_EQ(d.field("project_code")->text, "440304221061500500012");
    EXPECT_EQ(d.field("period_years")->text, "3");
    EXPECT_EQ(d.field("new_project")->text, "否");
    EXPECT_EQ(d.field("total_amount")->text, "0.00");
    EXPECT_EQ(d.field("flag")->text, "yes");
    EXPECT_EQ(d.field("tilde")->text, "~");
    EXPECT_EQ(d.field("nothing")->text, "");
    EXPECT_EQ(d.field("spaced")->text, "  两个  空格  ");
    EXPECT_EQ(d.field("absent"), nullptr);
    ASSERT_EQ(d.fields.size(), 8u);
    EXPECT_EQ(d.fields[0].first, "project_code") << "written order";

    const std::vector<Group>& tree = *d.tree("indicators");
    ASSERT_EQ(tree.size(), 1u);
    EXPECT_EQ(tree[0].level, "level1");
    EXPECT_EQ(tree[0].label.text, "产出");
    const Group& quantity = tree[0].groups[0];
    EXPECT_EQ(quantity.level, "level2");
    EXPECT_EQ(quantity.label.text, "*数量");
    ASSERT_EQ(quantity.records.size(), 2u);
    EXPECT_EQ(quantity.records[0].find("value")->text, "≥ 90%");
    EXPECT_EQ(quantity.records[1].find("value")->text, "0起");
    EXPECT_EQ(quantity.records[1].find("explanation")->text, "");
}

TEST(DeclarationLoader, EveryValueKnowsItsFileLineAndColumn) {
    const Declaration d = load(kSmall)[0];
    const SourceLoc code = d.field("project_code")->loc;
    EXPECT_EQ(code.file, "d.yaml");
    EXPECT_EQ(code.line, 3);
    EXPECT_EQ(code.col, 17);
    EXPECT_EQ(d.field("nothing")->loc.line, 9) << "an empty value is reported at its key";
    const Record& row = d.tree("indicators")->at(0).groups[0].records[0];
    EXPECT_EQ(row.find("value")->loc.line, 16);
    EXPECT_EQ(row.find("value")->loc.col, 31); // columns count characters, not bytes
    EXPECT_EQ(d.tree("indicators")->at(0).groups[0].label.loc.line, 14);
}

TEST(DeclarationLoader, ReadsSeveralDocumentsOfOneFile) {
    const std::vector<Declaration> d =
        load("form: a\nfields: {x: '1'}\n---\n---\nform: b\nfields: {x: '2'}\n");
    ASSERT_EQ(d.size(), 2u);
    EXPECT_EQ(d[0].form.text, "a");
    EXPECT_EQ(d[1].form.text, "b");
    EXPECT_EQ(d[1].field("x")->loc.line, 6);
    EXPECT_EQ(d[1].loc.line, 5);
}

struct BadDeclaration {
    const char* name;
    std::string yaml;
    int line;
    const char* words;
};

void PrintTo(const BadDeclaration& c, std::ostream* os) {
    *os << c.name;
}

class DeclarationErrors : public ::testing::TestWithParam<BadDeclaration> {};

TEST_P(DeclarationErrors, AreReportedWhereTheyAreWritten) {
    const BadDeclaration& c = GetParam();
    const Diagnostic diagnostic = load_error(c.yaml);
    EXPECT_EQ(diagnostic.severity, Severity::Error);
    EXPECT_EQ(diagnostic.loc.file, "d.yaml");
    EXPECT_EQ(diagnostic.loc.line, c.line) << diagnostic.message;
    EXPECT_NE(diagnostic.message.find(c.words), std::string::npos) << diagnostic.message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DeclarationErrors,
    ::testing::Values(
        BadDeclaration{"Empty", "", 0, "no declaration"},
        BadDeclaration{"OnlyComments", "# nothing\n", 0, "no declaration"},
        BadDeclaration{"NotAMap", "- a\n- b\n", 1, "must be a declaration"},
        BadDeclaration{"NoForm", "fields: {a: b}\n", 1, "missing key 'form'"},
        BadDeclaration{"EmptyForm", "form: ''\n", 1, "must name a form"},
        BadDeclaration{"ValueIsAMap", "form: f\nfields:\n  a: {b: c}\n", 3, "must be text"},
        BadDeclaration{"ValueIsAList", "form: f\nfields:\n  a: [1, 2]\n", 3, "must be text"},
        BadDeclaration{"UnquotedStar", "form: f\nindicators:\n  - level1: *数量\n", 3, "alias"},
        BadDeclaration{"Anchor", "form: f\nfields:\n  a: &x b\n  c: *x\n", 3, "anchor"},
        BadDeclaration{"TreeNotAList", "form: f\nindicators: 产出\n", 2, "list of groups"},
        BadDeclaration{"GroupWithTwoNames",
                       "form: f\nindicators:\n  - {level1: 产出, level2: 数量, rows: []}\n", 3,
                       "two names"},
        BadDeclaration{"GroupWithoutName", "form: f\nindicators:\n  - rows: []\n", 3, "no name"},
        BadDeclaration{"GroupsAndRows",
                       "form: f\nindicators:\n  - level1: 产出\n    groups: []\n    rows: []\n", 5,
                       "not both"},
        BadDeclaration{"RowNotAMap", "form: f\nindicators:\n  - level1: 产出\n    rows: [x]\n", 4,
                       "a row"},
        BadDeclaration{"DuplicateKey", "form: f\nfields:\n  a: '1'\n  a: '2'\n", 4,
                       "duplicate key"},
        BadDeclaration{"Tabs", "form: f\nfields:\n\ta: b\n", 3, "tab"},
        BadDeclaration{"NotUtf8", "form: f\nfields:\n  a: \xCF\xEE\n", 3, "UTF-8"}));

TEST(DeclarationLoader, RefusesDeepNestingBeforeBuildingNodes) {
    std::string yaml = "form: f\nfields:\n  a: ";
    for (int i = 0; i < 200; ++i) {
        yaml += "[";
    }
    const Diagnostic diagnostic = load_error(yaml);
    EXPECT_NE(diagnostic.message.find("deep"), std::string::npos) << diagnostic.message;
}

TEST(DeclarationLoader, RefusesOversizedText) {
    std::string yaml = "form: f\nfields:\n  a: '" + std::string(9 * 1024 * 1024, 'x') + "'\n";
    const Diagnostic diagnostic = load_error(yaml);
    EXPECT_EQ(diagnostic.severity, Severity::Error);
}

// The complete example of docs/declaration-format.md loads (the check tests check it is clean).
TEST(DeclarationLoader, LoadsTheDocumentedExample) {
    std::ifstream in(std::string(FORMPDF_SOURCE_DIR) + "/docs/declaration-format.md");
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string doc = buffer.str();
    const std::size_t start = doc.find("```yaml\n");
    ASSERT_NE(start, std::string::npos);
    const std::size_t end = doc.find("```\n", start + 8);
    const std::string yaml = doc.substr(start + 8, end - start - 8);
    const std::vector<Declaration> declarations = load_declarations_text(yaml, "example.yaml");
    ASSERT_EQ(declarations.size(), 1u);
    EXPECT_EQ(declarations[0].form.text, "shenzhen-l2-project");
    EXPECT_EQ(declarations[0].tree("indicators")->size(), 3u);
}

TEST(DeclarationLoader, PeeksTheFormOfASeedDeclarationWithItsLocation) {
    const std::string seed =
        std::string(FORMPDF_SOURCE_DIR) + "/inputs/declarations/440304221061500500012.yaml";
    const std::optional<TextValue> form = peek_declared_form(seed);
    ASSERT_TRUE(form.has_value());
    EXPECT_EQ(form->text, load_declarations_file(seed)[0].form.text);
    EXPECT_EQ(form->loc.file, seed);
    EXPECT_EQ(form->loc.line, 2);
    EXPECT_EQ(form->loc.col, 7);
}

} // namespace
} // namespace formpdf::load
