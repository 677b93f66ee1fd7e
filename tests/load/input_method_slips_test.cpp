// Input-method slips in a real declaration: each slip inserted once into a seed declaration is
// reported at the character itself (line and column asserted), every slip of a file is reported,
// and the seed declarations, full of '：' and '“”' in their values, load as before.

#include "load/declaration.h"
#include "load/input_method_slips.h"
#include "load/layout_loader.h"
#include "load/yaml_guard.h"

#include "core/diagnostic.h"
#include "core/file_io.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace formpdf::load {
namespace {

const std::string kDeclarations = std::string(FORMPDF_SOURCE_DIR) + "/inputs/declarations";
// The first real form (docs/declaration-format.md shows it): line 5 is `  project_name: 疫情防控`.
const std::string kSeed = kDeclarations + "/440304221061500500012.yaml";

std::string seed_text() {
    return read_file(kSeed, 1 << 20);
}

// The seed with `from` (which must occur) replaced by `to`, once.
std::string with_slip(std::string text, const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) {
        text.replace(at, from.size(), to);
    }
    return text;
}

std::vector<Diagnostic> load_errors(const std::string& yaml) {
    try {
        load_declarations_text(yaml, "slip.yaml");
    } catch (const DiagnosticError& error) {
        return error.diagnostics();
    }
    ADD_FAILURE() << "the loader accepted the slip";
    return {};
}

struct Slip {
    const char* name;
    const char* from;
    const char* to;
    int line;
    int col;
    const char* message;
    const char* hint; // a part of the hint
};

void PrintTo(const Slip& slip, std::ostream* os) {
    *os << slip.name;
}

class OneSlipInASeedDeclaration : public ::testing::TestWithParam<Slip> {};

TEST_P(OneSlipInASeedDeclaration, IsReportedAtTheCharacterWithAHint) {
    const Slip& slip = GetParam();
    const std::vector<Diagnostic> errors = load_errors(with_slip(seed_text(), slip.from, slip.to));
    ASSERT_EQ(errors.size(), 1u) << errors.front().message << "\n" << errors.back().message;
    const Diagnostic& error = errors.front();
    EXPECT_EQ(error.severity, Severity::Error);
    EXPECT_EQ(error.loc.file, "slip.yaml");
    EXPECT_EQ(error.loc.line, slip.line) << error.message;
    EXPECT_EQ(error.loc.col, slip.col) << error.message;
    EXPECT_EQ(error.message, slip.message);
    EXPECT_NE(error.hint.find(slip.hint), std::string::npos) << error.hint;
}

INSTANTIATE_TEST_SUITE_P(
    Seed, OneSlipInASeedDeclaration,
    ::testing::Values(
        Slip{"FullWidthColonAfterAField", "  project_name: 疫情防控", "  project_name：疫情防控", 5,
             15, "a full-width colon '：' after the key 'project_name'",
             "YAML needs an ASCII ':' followed by a space: `project_name: …`"},
        Slip{"FullWidthColonInARow", "- name: 疫情防控补贴发放人数", "- name：疫情防控补贴发放人数",
             22, 17, "a full-width colon '：' after the key 'name'", "`name: …`"},
        Slip{"FullWidthColonAfterALevel", "level2: '*质量'", "level2：'*质量'", 25, 15,
             "a full-width colon '：' after the key 'level2'", "`level2: …`"},
        Slip{"IdeographicSpaceIndentation", "  project_name: 疫情防控", "　project_name: 疫情防控",
             5, 1, "a full-width space (U+3000) in the indentation", "ASCII spaces only"},
        // Parses as the key '　project_name' of `fields`: caught in the parsed keys.
        Slip{"IdeographicSpaceAfterSpaces", "  project_name: 疫情防控",
             "  　project_name: 疫情防控", 5, 3, "a full-width space (U+3000) in the indentation",
             "ASCII spaces only"},
        Slip{"IdeographicSpaceAfterTheColon", "  project_name: 疫情防控",
             "  project_name:　疫情防控", 5, 16,
             "a full-width space (U+3000) after the key 'project_name'", "ASCII space after ':'"},
        Slip{"NoSpaceAfterTheColon", "  project_name: 疫情防控", "  project_name:疫情防控", 5, 16,
             "no space after the ':' of the key 'project_name'", "a space after a key's ':'"},
        Slip{"FullWidthListMarker", "      - level2: '*质量'", "      － level2: '*质量'", 25, 7,
             "a full-width '－' where a list item starts", "an ASCII '-' followed by a space"},
        Slip{"FullWidthCommentSign", "indicators:  # 绩效指标", "＃ 绩效指标\nindicators:", 17, 1,
             "a full-width '＃' where a comment starts", "an ASCII '#'"},
        // “…” do not quote: the ': ' inside makes the line a second key.
        Slip{"ChineseQuotesAroundAColon", "value: ≥10人", "value: “比率: ≥10人”", 23, 20,
             "the value is wrapped in Chinese quotes “…”", "YAML's quotes are ASCII"},
        Slip{"FullWidthCommaInAFlowList", "  project_name: 疫情防控",
             "  project_name: [疫情，防控]", 5, 20,
             "a full-width comma '，' between the items of a '[…' list",
             "an ASCII ',' followed by a space"},
        Slip{"FullWidthBracketsAroundAMap", "- name: 疫情防控补贴发放人数",
             "- ｛name: 疫情防控补贴发放人数, value: x｝", 22, 13,
             "a full-width '｛' where a map starts", "between ASCII '{' and '}'"}));

TEST(InputMethodSlips, EverySlipOfAFileIsReported) {
    std::string text = seed_text();
    text = with_slip(text, "  project_name: 疫情防控", "  project_name：疫情防控");
    text = with_slip(text, "  period_years: '3'", "　period_years: '3'");
    text = with_slip(text, "level2: '*数量'", "level2：'*数量'");
    text = with_slip(text, "            value: 及时", "            value：及时");
    const std::vector<Diagnostic> errors = load_errors(text);
    ASSERT_EQ(errors.size(), 4u);
    const std::pair<int, int> expected[] = {{5, 15}, {8, 1}, {20, 15}, {33, 18}};
    for (std::size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(errors[i].loc.line, expected[i].first) << i << ": " << errors[i].message;
        EXPECT_EQ(errors[i].loc.col, expected[i].second) << i << ": " << errors[i].message;
        EXPECT_FALSE(errors[i].hint.empty());
    }
    EXPECT_EQ(errors[1].message, "a full-width space (U+3000) in the indentation");
}

TEST(InputMethodSlips, TheCountIsCapped) {
    std::string text = "form: shenzhen-l2-project\nfields:\n";
    for (int i = 0; i < 30; ++i) {
        text += "  field" + std::to_string(i) + "：值\n";
    }
    const std::vector<Diagnostic> errors = load_errors(text);
    ASSERT_EQ(errors.size(), kMaxReportedSlips + 1);
    EXPECT_EQ(errors[kMaxReportedSlips - 1].loc.line, 22);
    EXPECT_EQ(errors.back().severity, Severity::Note);
    EXPECT_EQ(errors.back().message, "10 more input-method slips in this file are not shown");
}

// The parser stops at its first error; the slips after it are found all the same, and each error
// is reported in line order.
TEST(InputMethodSlips, AParserErrorBeforeTheSlipsIsReportedWithThem) {
    std::string text = seed_text();
    text = with_slip(text, "  project_name: 疫情防控", "  project_name: [疫情防控");
    text = with_slip(text, "            value: 及时", "            value：及时");
    const std::vector<Diagnostic> errors = load_errors(text);
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0].message, "a list opened with '[' is not closed with ']'");
    EXPECT_EQ(errors[0].loc.line, 6);
    EXPECT_EQ(errors[1].message, "a full-width colon '：' after the key 'value'");
    EXPECT_EQ(errors[1].loc.line, 33);
}

// Values keep their full-width punctuation: '：' and '“”' inside text, a U+3000 paragraph indent in
// a block, a '－' and '＃' starting a line of a block are text, not slips.
TEST(InputMethodSlips, FullWidthPunctuationInsideValuesIsText) {
    const std::string yaml = "form: shenzhen-l2-project\n"
                             "fields:\n"
                             "  project_name: 项目名称：“智慧福田”（一期）\n"
                             "  overview: |\n"
                             "    　　第一段：贯彻执行\n"
                             "    － 第二点: 说明\n"
                             "    ＃ 第三点\n"
                             "  annual_goal: ‘目标’\n";
    const std::vector<Declaration> declarations = load_declarations_text(yaml, "ok.yaml");
    ASSERT_EQ(declarations.size(), 1u);
    const Declaration& d = declarations[0];
    EXPECT_EQ(d.field("project_name")->text, "项目名称：“智慧福田”（一期）");
    EXPECT_EQ(d.field("overview")->text, "　　第一段：贯彻执行\n－ 第二点: 说明\n＃ 第三点\n");
    EXPECT_EQ(d.field("annual_goal")->text, "‘目标’");
}

// The Shenzhen layout writes labels with '，' and '：' inside flow maps
// ({text: 项目总金额（中期规划，万元）：, …}): an unrelated error there is reported alone.
TEST(InputMethodSlips, LabelsInFlowMapsOfALayoutAreText) {
    std::string yaml =
        read_file(std::string(FORMPDF_SOURCE_DIR) + "/layouts/shenzhen-l2-project.yaml", 1 << 20);
    EXPECT_TRUE(find_input_method_slips(yaml).empty());
    yaml.replace(yaml.find("group: indicators"), 17, "group: indicator");
    try {
        load_layout_text(yaml, "s.yaml");
        ADD_FAILURE() << "no error";
    } catch (const DiagnosticError& error) {
        ASSERT_EQ(error.diagnostics().size(), 1u) << error.what();
        EXPECT_NE(error.diagnostic().message.find("unknown group 'indicator'"), std::string::npos);
    }
    // The same label list typed with '，' between its items is a slip.
    const std::vector<InputMethodSlip> slips = find_input_method_slips("a:\n  choices: [是，否]\n");
    ASSERT_EQ(slips.size(), 1u);
    EXPECT_EQ(slips[0].offset, std::string("a:\n  choices: [是").size());
}

TEST(InputMethodSlips, TheSeedDeclarationsLoadAndHoldNoSlipAtAKey) {
    int count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(kDeclarations)) {
        if (entry.path().extension() != ".yaml") {
            continue;
        }
        ++count;
        EXPECT_NO_THROW(load_declarations_file(entry.path())) << entry.path();
        for (const InputMethodSlip& slip :
             find_input_method_slips(read_file(entry.path(), 1 << 20))) {
            ADD_FAILURE() << entry.path() << ": " << slip.message;
        }
    }
    EXPECT_EQ(count, 41);
}

TEST(InputMethodSlips, ChineseQuotesHintOnlyForAWrappedValue) {
    EXPECT_EQ(chinese_quotes_hint("‘*数量’"),
              "the value is wrapped in Chinese quotes ‘…’; remove them or use ASCII quotes: "
              "'*数量'");
    EXPECT_EQ(chinese_quotes_hint("“有效”"),
              "the value is wrapped in Chinese quotes “…”; remove them or use ASCII quotes: "
              "'有效'");
    EXPECT_EQ(chinese_quotes_hint("“智慧福田”项目"), "");
    EXPECT_EQ(chinese_quotes_hint("*数量"), "");
}

// Every syntax error the parser reports comes with a hint.
TEST(InputMethodSlips, EveryYamlSyntaxErrorHasAHint) {
    for (const char* yaml : {"a: [1, 2\n", "a: {b: c\n", "a: 'open\n", "a: \"x\\q\"\n", "a: b: c\n",
                             "a:\n  - x\n  y: z\n", "a: |x\n  t\n", "a: b\n c: d\n", "a: b\n]\n",
                             "- a\nb: c\n", "a: b\nc\nd: e\n", "%YAML 9.9\n---\na\n", "a: @b\n"}) {
        try {
            check_yaml(yaml, "in.yaml");
            ADD_FAILURE() << "accepted: " << yaml;
        } catch (const DiagnosticError& error) {
            EXPECT_FALSE(error.diagnostic().hint.empty()) << yaml << "\n"
                                                          << error.diagnostic().message;
            EXPECT_GT(error.diagnostic().loc.line, 0) << yaml;
        }
    }
}

} // namespace
} // namespace formpdf::load
