// The loaders' messages in Chinese (issue 19): a YAML syntax error with its hint, an unknown key
// with "did you mean", a value of the wrong type, a cell the import cannot place and a workbook
// cell under a merged range, each said in Chinese under a zh_CN locale and in the same English as
// before under C.UTF-8.

#include "support/command.h"

#include <gtest/gtest.h>

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

// Renders the layout written to `text` and returns what formpdf says, in the language `env` asks.
testing::CommandResult render_layout(const TempDir& dir, const std::string& text,
                                     const std::vector<std::string>& env) {
    testing::write_text(dir / "l.yaml", text);
    return run_command(
        {formpdf_binary(), "render", (dir / "l.yaml").string(), "-o", (dir / "l.pdf").string()},
        env);
}

TEST(MessagesLoad, AYamlSyntaxErrorWithItsHint) {
    TempDir dir;
    const std::string layout = "formpdf-layout: 1\nstyles:\n  body: {size: \"10\n";
    const auto zh = render_layout(dir, layout, kChinese);
    EXPECT_EQ(zh.exit_code, 2);
    EXPECT_TRUE(contains(zh.err, "l.yaml:3:16: 错误: 这段带引号的文本没有闭合\n")) << zh.err;
    EXPECT_TRUE(contains(zh.err, "\n提示: 请在文本末尾加上闭合的 \"")) << zh.err;
    const auto en = render_layout(dir, layout, kEnglish);
    EXPECT_EQ(en.exit_code, 2);
    EXPECT_TRUE(contains(en.err, "l.yaml:3:16: error: this quoted text is never closed\n"))
        << en.err;
    EXPECT_TRUE(contains(en.err, "\nhint: add the closing \" at the end of the text")) << en.err;
}

TEST(MessagesLoad, AnUnknownKeyWithDidYouMean) {
    TempDir dir;
    const std::string layout = "formpdf-layout: 1\npage:\n  sise: A4\n";
    const auto zh = render_layout(dir, layout, kChinese);
    EXPECT_EQ(zh.exit_code, 2);
    EXPECT_TRUE(contains(zh.err, "l.yaml:3:3: 错误: 在'page'中有未知的键'sise'\n")) << zh.err;
    EXPECT_TRUE(
        contains(zh.err, "\n提示: 您是不是要写'size'？允许的键：size, orientation, margins"))
        << zh.err;
    const auto en = render_layout(dir, layout, kEnglish);
    EXPECT_TRUE(contains(en.err, "l.yaml:3:3: error: unknown key 'sise' in 'page'\n")) << en.err;
    EXPECT_TRUE(
        contains(en.err, "\nhint: did you mean 'size'? allowed keys: size, orientation, margins"))
        << en.err;
}

TEST(MessagesLoad, AFontSizeOfTheWrongType) {
    TempDir dir;
    const std::string layout = "formpdf-layout: 1\nstyles:\n  body: {size: big}\n";
    const auto zh = render_layout(dir, layout, kChinese);
    EXPECT_EQ(zh.exit_code, 2);
    EXPECT_TRUE(contains(zh.err, "l.yaml:3:16: 错误: 'styles.body.size'应为以磅为单位的字号，如 "
                                 "10.5 或 10.5pt，或中文字号，如 三号 或 小四，而不是“big”"))
        << zh.err;
    const auto en = render_layout(dir, layout, kEnglish);
    EXPECT_TRUE(contains(en.err, "l.yaml:3:16: error: 'styles.body.size' must be a font size in "
                                 "points, such as 10.5 or 10.5pt, or a Chinese size such as 三号 "
                                 "or 小四, not 'big'"))
        << en.err;
}

TEST(MessagesLoad, ADeclarationValueThatIsNotText) {
    TempDir dir;
    testing::write_text(dir / "d.yaml",
                        "form: shenzhen-l2-project\nfields:\n  project_code: [a]\n");
    const std::vector<std::string> argv = {formpdf_binary(), "check", (dir / "d.yaml").string()};
    // `check` reports on standard output.
    const auto zh = run_command(argv, kChinese);
    EXPECT_EQ(zh.exit_code, 2);
    EXPECT_TRUE(contains(zh.out, "d.yaml:3:17: 错误: 'fields.project_code'应为文本，而不是列表\n"))
        << zh.out;
    EXPECT_TRUE(contains(zh.out, "\n提示: 申报书中的每个值都是文本：")) << zh.out;
    const auto en = run_command(argv, kEnglish);
    EXPECT_TRUE(
        contains(en.out, "d.yaml:3:17: error: 'fields.project_code' must be text, not a list\n"))
        << en.out;
}

TEST(MessagesLoad, ACellTheImportCannotPlace) {
    TempDir dir;
    const std::string input =
        std::string(FORMPDF_SOURCE_DIR) + "/tests/fuzz/corpus/broken-export-extra-cell.txt";
    const std::vector<std::string> argv = {formpdf_binary(), "import", input, "-o",
                                           (dir / "out").string()};
    const auto zh = run_command(argv, kChinese);
    EXPECT_EQ(zh.exit_code, 2);
    EXPECT_TRUE(contains(zh.err, "broken-export-extra-cell.txt:14:36: 错误: 无法放置单元格'多余'"
                                 "（第 6 列）：这个错位的行中的单元格多于指标名称之后的 3 列\n"))
        << zh.err;
    EXPECT_TRUE(contains(zh.err, "\n提示: 导出文件移动了这一行的单元格；请手工把它们放回各自的列"))
        << zh.err;
    const auto en = run_command(argv, kEnglish);
    EXPECT_EQ(en.exit_code, 2);
    EXPECT_TRUE(contains(en.err, "broken-export-extra-cell.txt:14:36: error: cannot place the cell "
                                 "'多余' (column 6): this shifted row has more cells than the 3 "
                                 "columns after the indicator names\n"))
        << en.err;
}

TEST(MessagesLoad, AWorkbookCellUnderAMergedRange) {
    TempDir dir;
    const auto made =
        run_command({"/usr/bin/python3",
                     std::string(FORMPDF_SOURCE_DIR) + "/tests/support/make_hostile_workbooks.py",
                     dir.path().string(), "covered.xlsx"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    const std::vector<std::string> argv = {
        formpdf_binary(), "import", (dir / "covered.xlsx").string(), "-o", (dir / "out").string()};
    const auto zh = run_command(argv, kChinese);
    EXPECT_TRUE(contains(zh.err, "covered.xlsx:S!B1: 警告: 单元格中的'x'位于合并区域 A1:B1 之下，"
                                 "不会显示出来：不导入\n"))
        << zh.err;
    EXPECT_TRUE(contains(zh.err, "\n提示: 如果这段文本属于表单，请在工作簿中取消合并该区域"))
        << zh.err;
    EXPECT_TRUE(contains(zh.err, "covered.xlsx: 注: 读取方式：.xlsx 工作簿（1 个工作表）"))
        << zh.err;
    const auto en = run_command(argv, kEnglish);
    EXPECT_TRUE(contains(en.err, "covered.xlsx:S!B1: warning: the cell holds 'x' under the merged "
                                 "range A1:B1, where it is not shown: it is not imported\n"))
        << en.err;
    EXPECT_TRUE(contains(en.err, "covered.xlsx: note: read as an .xlsx workbook (1 sheet)"))
        << en.err;
}

} // namespace
} // namespace formpdf
