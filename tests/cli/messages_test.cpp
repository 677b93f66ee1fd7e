// Chinese messages (issue 19): under a zh_CN locale, or with --lang zh, formpdf speaks Simplified
// Chinese (diagnostics, hints, summaries, help); English otherwise, or with --lang en. The
// catalog is found beside build/formpdf (build/locale) as it is under PREFIX/share/locale once
// installed; the zh_CN.UTF-8 locale need not exist on the machine.

#include "core/messages.h"
#include "core/terminal_text.h"
#include "support/command.h"

#include <gtest/gtest.h>

#include <set>
#include <sstream>

namespace formpdf {
namespace {

using testing::formpdf_binary;
using testing::run_command;
using testing::TempDir;

const std::vector<std::string>& kChinese = testing::kChineseLocale;
const std::vector<std::string>& kEnglish = testing::kEnglishLocale;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(Messages, AnUnknownCommandInChineseAndInEnglish) {
    const auto zh = run_command({formpdf_binary(), "rendr"}, kChinese);
    EXPECT_EQ(zh.exit_code, 64);
    EXPECT_TRUE(contains(zh.err, "formpdf: 错误: 未知命令“rendr”；您是不是要用“render”？"))
        << zh.err;
    EXPECT_TRUE(contains(zh.err, "提示: 运行“formpdf help”查看用法")) << zh.err;
    const auto en = run_command({formpdf_binary(), "rendr"}, kEnglish);
    EXPECT_TRUE(contains(en.err, "formpdf: error: unknown command 'rendr'; did you mean 'render'?"))
        << en.err;
}

TEST(Messages, LangOptionWinsOverTheEnvironmentWhereverItIs) {
    const auto zh = run_command({formpdf_binary(), "rendr", "--lang", "zh"}, kEnglish);
    EXPECT_TRUE(contains(zh.err, "未知命令")) << zh.err;
    const auto en = run_command({formpdf_binary(), "--lang=en", "rendr"}, kChinese);
    EXPECT_TRUE(contains(en.err, "unknown command")) << en.err;
    const auto bad = run_command({formpdf_binary(), "--lang", "fr", "help"}, kEnglish);
    EXPECT_EQ(bad.exit_code, 64);
    EXPECT_TRUE(contains(bad.err, "the languages are zh and en")) << bad.err;
}

TEST(Messages, ADiagnosticWithItsHintInChinese) {
    TempDir dir;
    testing::write_text(dir / "d.yaml", "form: no-such-form\n");
    const auto zh = run_command(
        {formpdf_binary(), "render", (dir / "d.yaml").string(), "-o", (dir / "d.pdf").string()},
        kChinese);
    EXPECT_EQ(zh.exit_code, 2);
    EXPECT_TRUE(contains(zh.err, "d.yaml:1:7: 错误: 找不到表单“no-such-form”的版式")) << zh.err;
    EXPECT_TRUE(contains(zh.err, "\n提示: 可用的版式：")) << zh.err;
    const auto en = run_command(
        {formpdf_binary(), "render", (dir / "d.yaml").string(), "-o", (dir / "d.pdf").string()},
        kEnglish);
    EXPECT_TRUE(contains(en.err, "d.yaml:1:7: error: no layout for form 'no-such-form'")) << en.err;
    EXPECT_TRUE(contains(en.err, "\nhint: available layouts: ")) << en.err;
}

TEST(Messages, TheCheckSummaryInChinese) {
    const std::string seed = testing::seed_declaration_files().front().string();
    const auto zh = run_command({formpdf_binary(), "check", seed}, kChinese);
    EXPECT_TRUE(contains(zh.out, "formpdf check：1 个文件中的1 份申报书：")) << zh.out;
    const auto en = run_command({formpdf_binary(), "check", seed}, kEnglish);
    EXPECT_TRUE(contains(en.out, "formpdf check: 1 declaration in 1 file: ")) << en.out;
}

// A YAML problem that no rule of ours words better is given in yaml-cpp's words, translated.
TEST(Messages, YamlCppsOwnWordsInChinese) {
    TempDir dir;
    testing::write_text(dir / "d.yaml", "form: shenzhen-l2-project\nb: !<x\n");
    const auto zh = run_command({formpdf_binary(), "check", (dir / "d.yaml").string()}, kChinese);
    EXPECT_EQ(zh.exit_code, 2);
    EXPECT_TRUE(
        contains(zh.out + zh.err, "d.yaml:2:7: 错误: YAML 语法错误：找不到原样标签的结尾“>”"))
        << zh.out;
    const auto en = run_command({formpdf_binary(), "check", (dir / "d.yaml").string()}, kEnglish);
    EXPECT_TRUE(contains(en.out + en.err, "YAML syntax error: end of verbatim tag not found"))
        << en.out;
}

TEST(Messages, HelpTextInChinese) {
    const auto zh = run_command({formpdf_binary(), "help", "render"}, kChinese);
    EXPECT_EQ(zh.exit_code, 0);
    EXPECT_TRUE(contains(zh.out, "用法: formpdf render")) << zh.out;
    EXPECT_TRUE(contains(zh.out, "要写入的 PDF 文件；- 表示写到标准输出")) << zh.out;
    EXPECT_TRUE(contains(zh.out, "返回码：0 成功")) << zh.out;
    EXPECT_FALSE(contains(zh.out, "PDF file to write")) << zh.out;
}

// Every description of the Chinese help starts in the same terminal column, a Chinese character
// counted as two columns (as CLI11 does not: it pads by bytes).
TEST(Messages, ChineseHelpColumnsLineUpOnATerminal) {
    const auto zh = run_command({formpdf_binary(), "help", "batch"}, kChinese);
    ASSERT_EQ(zh.exit_code, 0);
    std::istringstream lines(zh.out);
    std::set<std::size_t> starts;
    int options = 0;
    for (std::string line; std::getline(lines, line);) {
        // "  --name 值                   每份表单的文件名…": the name, spaces, the description
        if (line.rfind("  -", 0) != 0) {
            continue;
        }
        const std::size_t gap = line.find("  ", 2);
        if (gap == std::string::npos) {
            continue; // a long name whose description is on the next line
        }
        const std::size_t description = line.find_first_not_of(' ', gap);
        starts.insert(terminal_columns(line.substr(0, description)));
        ++options;
    }
    EXPECT_GT(options, 10);
    EXPECT_EQ(starts.size(), 1u) << zh.out;
    EXPECT_EQ(terminal_columns("--name 值"), 9u);
    EXPECT_EQ(terminal_columns("（必需）"), 8u);
}

TEST(Messages, LanguageFromTheEnvironmentAsGettextReadsIt) {
    EXPECT_EQ(language_from_environment(nullptr, nullptr, "zh_CN.UTF-8"), Language::Chinese);
    EXPECT_EQ(language_from_environment(nullptr, nullptr, "zh_TW.UTF-8"), Language::Chinese);
    EXPECT_EQ(language_from_environment("C", nullptr, "zh_CN.UTF-8"), Language::English);
    EXPECT_EQ(language_from_environment("", "zh_CN.GB18030", "en_US.UTF-8"), Language::Chinese);
    EXPECT_EQ(language_from_environment(nullptr, nullptr, nullptr), Language::English);
    EXPECT_EQ(language_from_environment(nullptr, nullptr, "zhx"), Language::English);
}

TEST(Messages, PlaceholdersInAnyOrder) {
    EXPECT_EQ(substitute("{1}中的{0}", {"a", "b"}), "b中的a");
    EXPECT_EQ(substitute("{0} and {{0}} {2}", {"x"}), "x and {0}} {2}");
    EXPECT_EQ(substitute("{project_code}-{0}", {"x"}), "{project_code}-x");
}

} // namespace
} // namespace formpdf
