// Bad input never crashes and never leaves a file: each case asserts its message and exit code.

#include "support/command.h"

#include <gtest/gtest.h>

#include <chrono>
#include <regex>

namespace formpdf {
namespace {

using testing::run_command;
using testing::TempDir;

struct BadInput {
    const char* name;
    std::string yaml; // written to bad.yaml
    int exit_code;
    const char* stderr_regex; // searched in stderr (ECMAScript, case-insensitive)
};

// gtest prints the parameter in test names and failures: the case name, not its bytes.
void PrintTo(const BadInput& c, std::ostream* os) {
    *os << c.name;
}

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) {
        out += s;
    }
    return out;
}

std::string billion_laughs() {
    std::string yaml = "formpdf-layout: 1\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (int i = 1; i <= 9; ++i) {
        const std::string name = std::to_string(i);
        const std::string previous = std::to_string(i - 1);
        yaml.append("a").append(name).append(": &a").append(name).append(" [");
        for (int j = 0; j < 9; ++j) {
            yaml.append(j ? ", *a" : "*a").append(previous);
        }
        yaml += "]\n";
    }
    return yaml;
}

std::vector<BadInput> cases() {
    return {
        {"MalformedYaml", "formpdf-layout: 1\nblocks: [\n  - title: x\n", 2,
         R"(bad\.yaml:\d+:\d+: error: )"},
        {"UnclosedQuote", "formpdf-layout: 1\ntitle: \"abc\n", 2, R"(bad\.yaml:\d+:\d+: error: )"},
        {"UnknownKey", "formpdf-layout: 1\npage:\n  margin: 20mm\n", 2,
         R"(bad\.yaml:3:3: error: [^\n]*margin[\s\S]*hint: [^\n]*margins)"},
        {"WrongType", "formpdf-layout: 1\nblocks: {title: x}\n", 2,
         R"(bad\.yaml:2:\d+: error: [^\n]*(list|sequence))"},
        {"BadLength", "formpdf-layout: 1\npage:\n  margins: twenty\n", 2,
         R"(bad\.yaml:3:\d+: error: )"},
        {"UnknownStyle", "formpdf-layout: 1\nblocks:\n  - paragraph: x\n    style: nope\n", 2,
         R"(bad\.yaml:4:\d+: error: [^\n]*nope)"},
        {"UnknownFont", "formpdf-layout: 1\nfonts:\n  body: {family: No Such Font Family}\n", 2,
         R"(bad\.yaml:3:\d+: error: [^\n]*No Such Font Family[\s\S]*hint: )"},
        {"MissingVersion", "blocks:\n  - title: x\n", 2,
         R"(bad\.yaml:\d+:\d+: error: [^\n]*'form'[\s\S]*hint: [^\n]*formpdf-layout: 1)"},
        {"NotAMap", "- just\n- a list\n", 2, R"(bad\.yaml:\d+:\d+: error: )"},
        {"EmptyFile", "", 2, R"(bad\.yaml[:\d]*: error: )"},
        {"DeepNesting", "formpdf-layout: 1\nx: " + repeat("[", 100000), 2,
         R"(bad\.yaml:\d+:\d+: error: [^\n]*(deep|nest))"},
        {"DeepBlockMaps",
         "formpdf-layout: 1\n" +
             [] {
                 std::string s;
                 for (int i = 0; i < 80; ++i) {
                     s += std::string(i * 2, ' ') + "k:\n";
                 }
                 return s + std::string(160, ' ') + "v\n";
             }(),
         2, R"(bad\.yaml:\d+:\d+: error: [^\n]*(deep|nest))"},
        {"BillionLaughs", billion_laughs(), 2, R"(bad\.yaml:\d+:\d+: error: [^\n]*(alias|anchor))"},
        {"SelfReference", "formpdf-layout: 1\na: &x [1, *x]\n", 2,
         R"(bad\.yaml:\d+:\d+: error: [^\n]*(alias|anchor))"},
        {"GbkBytes", "formpdf-layout: 1\ntitle: \xD6\xD0\xCE\xC4\n", 2,
         R"(bad\.yaml:2:\d+: error: [^\n]*UTF-8)"},
        // Layouts that cannot fit (docs/layout-format.md, "What must fit"): refused at the layout
        // key at fault, never printed with text outside its cell or page.
        {"PaddingWiderThanColumn",
         "formpdf-layout: 1\nstyles:\n  cell: {font: body, padding: {left: 20mm, right: 20mm}}\n"
         "blocks:\n  - table:\n      columns: [30mm, 1fr]\n      style: cell\n      rows:\n"
         "        - [a, b]\n",
         2, R"(bad\.yaml:9:12: error: [^\n]*padding of style 'cell'[\s\S]*hint: )"},
        {"HeaderTallerThanPage",
         "formpdf-layout: 1\nblocks:\n  - table:\n      columns: [1fr]\n      rows:\n"
         "        - {cells: [a], header: true, min-height: 300mm}\n        - [b]\n",
         2, R"(bad\.yaml:6:50: error: [^\n]*min-height 300mm[\s\S]*hint: )"},
        {"FontSizeNoLineCanHold",
         "formpdf-layout: 1\nstyles:\n  huge: {font: body, size: 900}\nblocks:\n"
         "  - paragraph: x\n    style: huge\n",
         2, R"(bad\.yaml:3:28: error: [^\n]*style 'huge'[^\n]*content height[\s\S]*hint: )"},
        {"HairlineColumn",
         "formpdf-layout: 1\nblocks:\n  - table:\n      columns: [0.0001mm, 1fr]\n"
         "      rows:\n        - [a, b]\n",
         2, R"(bad\.yaml:4:17: error: [^\n]*column 1 is 0\.0001mm wide[\s\S]*hint: )"},
        {"GlyphWiderThanItsBox",
         "formpdf-layout: 1\nstyles:\n  tight: {font: body, padding: 0}\nblocks:\n"
         "  - table:\n      columns: [1mm, 1fr]\n      style: tight\n      rows:\n"
         "        - [国, b]\n",
         2, R"(bad\.yaml:9:12: error: '国' is [^\n]*wider than the 1mm[\s\S]*hint: )"},
    };
}

class BadInputTest : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadInputTest, GivesLocatedErrorExitCodeAndNoOutput) {
    const BadInput& c = GetParam();
    TempDir dir;
    testing::write_text(dir / "bad.yaml", c.yaml);
    const auto start = std::chrono::steady_clock::now();
    const auto result = run_command({testing::formpdf_binary(), "render",
                                     (dir / "bad.yaml").string(), "-o", (dir / "out.pdf").string()},
                                    {"SOURCE_DATE_EPOCH=0"});
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_EQ(result.exit_code, c.exit_code) << result.err;
    EXPECT_TRUE(std::regex_search(result.err, std::regex(c.stderr_regex, std::regex::icase)))
        << "stderr was:\n"
        << result.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "out.pdf"));
    // Hostile input is refused before it costs time: far below a second even on a slow machine.
    EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 5000);
}

INSTANTIATE_TEST_SUITE_P(Cases, BadInputTest, ::testing::ValuesIn(cases()),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(BadInvocation, MissingInputFileIsAnIoError) {
    TempDir dir;
    const auto result = run_command({testing::formpdf_binary(), "render",
                                     (dir / "nope.yaml").string(), "-o", (dir / "o.pdf").string()});
    EXPECT_EQ(result.exit_code, 4);
    EXPECT_NE(result.err.find("nope.yaml"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("error: "), std::string::npos) << result.err;
}

TEST(BadInvocation, UnwritableOutputIsAnIoError) {
    TempDir dir;
    const auto result =
        run_command({testing::formpdf_binary(), "render",
                     std::string(FORMPDF_SOURCE_DIR) + "/tests/data/render/truetype.yaml", "-o",
                     (dir / "no-such-dir" / "o.pdf").string()});
    EXPECT_EQ(result.exit_code, 4) << result.err;
    EXPECT_NE(result.err.find("no-such-dir"), std::string::npos) << result.err;
}

TEST(BadInvocation, UsageErrorsExit64WithAHint) {
    for (const std::vector<std::string>& argv :
         {std::vector<std::string>{},
          {"render"},
          {"render", "x.yaml"},
          {"frobnicate"},
          {"render", "x.yaml", "-o", "y.pdf", "--no-such-option"}}) {
        std::vector<std::string> full = {testing::formpdf_binary()};
        full.insert(full.end(), argv.begin(), argv.end());
        const auto result = run_command(full);
        EXPECT_EQ(result.exit_code, 64) << result.err;
        EXPECT_NE(result.err.find("hint: "), std::string::npos) << result.err;
    }
}

TEST(BadInvocation, AMistypedOptionIsNamedButItsValueNeverShown) {
    // A mistyped --password (or any option) is often followed by a secret: the message names the
    // option and never prints what came after it; control characters from argv are escaped.
    for (const std::vector<std::string>& argv :
         {std::vector<std::string>{"sign", "in.pdf", "--pasword", "hunter2", "-o", "out.pdf"},
          {"sign", "in.pdf", "--pasword=hunter2", "-o", "out.pdf"},
          {"render", "x.yaml", "-o", "y.pdf", "--secret-key", "hunter2"}}) {
        std::vector<std::string> full = {testing::formpdf_binary()};
        full.insert(full.end(), argv.begin(), argv.end());
        const auto result = run_command(full);
        EXPECT_EQ(result.exit_code, 64) << result.err;
        EXPECT_EQ(result.err.find("hunter2"), std::string::npos) << result.err;
        EXPECT_NE(result.err.find("unknown option '--"), std::string::npos) << result.err;
        EXPECT_NE(result.err.find("its value is not shown"), std::string::npos) << result.err;
    }
    const auto escaped = run_command(
        {testing::formpdf_binary(), "render", "x.yaml", "-o", "y.pdf", "extra\x1b[2Jfile"});
    EXPECT_EQ(escaped.exit_code, 64) << escaped.err;
    EXPECT_EQ(escaped.err.find('\x1b'), std::string::npos) << escaped.err;
    EXPECT_NE(escaped.err.find("unexpected argument 'extra"), std::string::npos) << escaped.err;
}

TEST(BadInvocation, BadSourceDateEpochIsAnInputError) {
    TempDir dir;
    const auto result =
        run_command({testing::formpdf_binary(), "render",
                     std::string(FORMPDF_SOURCE_DIR) + "/tests/data/render/truetype.yaml", "-o",
                     (dir / "o.pdf").string()},
                    {"SOURCE_DATE_EPOCH=yesterday"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find("SOURCE_DATE_EPOCH"), std::string::npos) << result.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "o.pdf"));
}

TEST(Invocation, VersionAndHelp) {
    const auto version = run_command({testing::formpdf_binary(), "--version"});
    EXPECT_EQ(version.exit_code, 0);
    EXPECT_TRUE(std::regex_search(version.out, std::regex(R"(^formpdf \d+\.\d+\.\d+)")))
        << version.out;
    const auto help = run_command({testing::formpdf_binary(), "--help"});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("render"), std::string::npos);
    EXPECT_NE(help.out.find("Exit codes"), std::string::npos);
}

} // namespace
} // namespace formpdf
