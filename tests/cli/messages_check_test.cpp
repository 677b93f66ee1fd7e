// The checks' findings in Chinese (issue 19): `formpdf check` names an empty required field, an
// unknown indicator and a misspelt field in the user's language, and a layout that cannot fit or
// names a missing font says why in it, as does a file that cannot be read; the English stays as
// it was.

#include "support/command.h"

#include <gtest/gtest.h>

#include <string>

namespace formpdf {
namespace {

using testing::formpdf_binary;
using testing::run_command;
using testing::TempDir;

const std::vector<std::string>& kChinese = testing::kChineseLocale;
const std::vector<std::string>& kEnglish = testing::kEnglishLocale;
const std::string kSeed =
    std::string(FORMPDF_SOURCE_DIR) + "/inputs/declarations/440304221061500000003.yaml";

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string changed(std::string text, const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) {
        text.replace(at, from.size(), to);
    }
    return text;
}

// A declaration with an empty overview, an unknown 二级指标 and a field id the form does not have.
std::string faulty_declaration() {
    std::string text = testing::read_text(kSeed);
    text = changed(text, "  overview: 主要用于办公设备购置。", "  overview: ''");
    text = changed(text, "level2: '*质量'", "level2: '*品质'");
    text = changed(text, "  project_name:", "  project_nme: x\n  project_name:");
    return text;
}

TEST(MessagesCheck, FindingsInChinese) {
    TempDir dir;
    const std::string file = (dir / "d.yaml").string();
    testing::write_text(file, faulty_declaration());
    const auto zh = run_command({formpdf_binary(), "check", file}, kChinese);
    EXPECT_EQ(zh.exit_code, 2) << zh.out << zh.err;
    EXPECT_TRUE(contains(zh.out, ": 错误: 项目概况 (overview)为必填，但它为空\n"
                                 "提示: 请填写；表单按此处所写内容打印\n"))
        << zh.out;
    EXPECT_TRUE(contains(zh.out, ": 错误: 表单“shenzhen-l2-project”没有字段“project_nme”\n"))
        << zh.out;
    EXPECT_TRUE(contains(zh.out, "该表单的字段有：")) << zh.out;
    EXPECT_TRUE(contains(zh.out, ": 错误: '产出' 下的二级指标 '*品质' 未知\n")) << zh.out;
    EXPECT_FALSE(contains(zh.out, "is required")) << zh.out;
    EXPECT_FALSE(contains(zh.out, "unknown 二级指标")) << zh.out;
}

TEST(MessagesCheck, TheSameFindingsInEnglishAsBefore) {
    TempDir dir;
    const std::string file = (dir / "d.yaml").string();
    testing::write_text(file, faulty_declaration());
    const auto en = run_command({formpdf_binary(), "check", file}, kEnglish);
    EXPECT_EQ(en.exit_code, 2) << en.out << en.err;
    EXPECT_TRUE(contains(en.out, ": error: 项目概况 (overview) is required, but it is empty\n"
                                 "hint: fill it in; the form is printed with what is written "
                                 "here\n"))
        << en.out;
    EXPECT_TRUE(contains(en.out, ": error: unknown field 'project_nme' for the form "
                                 "'shenzhen-l2-project'\nhint: did you mean 'project_name'? "
                                 "fields of this form: "))
        << en.out;
    EXPECT_TRUE(contains(en.out, ": error: unknown 二级指标 '*品质' under '产出'\n")) << en.out;
}

TEST(MessagesCheck, AnAmountOfTheWrongShapeInChinese) {
    TempDir dir;
    const std::string file = (dir / "d.yaml").string();
    testing::write_text(file, changed(testing::read_text(kSeed), "  total_amount: '31.20'",
                                      "  total_amount: '31.2万'"));
    const auto zh = run_command({formpdf_binary(), "check", file}, kChinese);
    EXPECT_TRUE(contains(zh.out, "应为带 2 位小数的金额，例如 ")) << zh.out;
    EXPECT_TRUE(contains(zh.out, "而不是'31.2万'\n提示: 请写数字")) << zh.out;
    const auto en = run_command({formpdf_binary(), "check", file}, kEnglish);
    EXPECT_TRUE(contains(en.out, " must be an amount with 2 decimals such as ")) << en.out;
    EXPECT_TRUE(contains(en.out, ", not '31.2万'\nhint: write digits")) << en.out;
}

// A layout whose header rows cannot fit a page, and a glyph wider than its column: refused with the
// measures in either language.
TEST(MessagesCheck, WhatMustFitInChineseAndEnglish) {
    TempDir dir;
    std::string long_text;
    for (int i = 0; i < 1500; ++i) {
        long_text += "国";
    }
    const std::string header = (dir / "header.yaml").string();
    testing::write_text(header,
                        "formpdf-layout: 1\nblocks:\n  - table:\n      columns: [20mm, 1fr]\n"
                        "      rows:\n        - {cells: [" +
                            long_text + ", a], header: true}\n        - [b, c]\n");
    const std::string glyph = (dir / "glyph.yaml").string();
    testing::write_text(glyph,
                        "formpdf-layout: 1\nstyles:\n  tight: {font: body, padding: 0}\n"
                        "blocks:\n  - table:\n      columns: [1mm, 1fr]\n      style: tight\n"
                        "      rows:\n        - [国, b]\n");
    const std::string pdf = (dir / "out.pdf").string();

    const auto zh_header = run_command({formpdf_binary(), "render", header, "-o", pdf}, kChinese);
    EXPECT_EQ(zh_header.exit_code, 2);
    EXPECT_TRUE(contains(zh_header.err, "header.yaml:6:11: 错误: 从这里开始的表头行连同文字高 "))
        << zh_header.err;
    EXPECT_TRUE(
        contains(zh_header.err, "：超过了页面的内容高度 247mm\n提示: 表头行在每页顶部重复："))
        << zh_header.err;
    const auto en_header = run_command({formpdf_binary(), "render", header, "-o", pdf}, kEnglish);
    EXPECT_TRUE(
        contains(en_header.err, "header.yaml:6:11: error: the header rows starting here are "))
        << en_header.err;
    EXPECT_TRUE(contains(en_header.err, ": more than the page's content height of 247mm\n"
                                        "hint: header rows repeat at the top of every page: "))
        << en_header.err;

    const auto zh_glyph = run_command({formpdf_binary(), "render", glyph, "-o", pdf}, kChinese);
    EXPECT_EQ(zh_glyph.exit_code, 2);
    EXPECT_TRUE(contains(zh_glyph.err,
                         "glyph.yaml:9:12: 错误: “国”在 10.5pt 时宽 3.7mm，超过了此框留给"
                         "文字的 1mm（样式 'tight'，左内边距 0mm，右内边距 0mm）\n"
                         "提示: 请加宽该列或框，或减小样式的字号或内边距\n"))
        << zh_glyph.err;
    const auto en_glyph = run_command({formpdf_binary(), "render", glyph, "-o", pdf}, kEnglish);
    EXPECT_TRUE(contains(en_glyph.err,
                         "glyph.yaml:9:12: error: '国' is 3.7mm wide at 10.5pt, wider "
                         "than the 1mm this box leaves for text (style 'tight', "
                         "padding 0mm left and 0mm right)\nhint: make the column or "
                         "box wider, or the style's size or padding smaller\n"))
        << en_glyph.err;
}

// A font the layout names that no folder has: the error and the places searched, in either
// language.
TEST(MessagesCheck, AMissingFontInChineseAndEnglish) {
    TempDir dir;
    const std::string layout = (dir / "font.yaml").string();
    testing::write_text(layout,
                        "formpdf-layout: 1\nfonts:\n  body: {family: No Such Font Family}\n");
    const std::string pdf = (dir / "out.pdf").string();
    const auto zh = run_command({formpdf_binary(), "render", layout, "-o", pdf}, kChinese);
    EXPECT_EQ(zh.exit_code, 2);
    EXPECT_TRUE(contains(zh.err, "font.yaml:3:3: 错误: 找不到字体“No Such Font Family”\n提示: "))
        << zh.err;
    EXPECT_TRUE(contains(zh.err, "；已搜索 ")) << zh.err;
    EXPECT_TRUE(
        contains(zh.err, "；放进项目 fonts/ 文件夹的字体文件（.otf .ttf .ttc .otc）也能找到\n"))
        << zh.err;
    const auto en = run_command({formpdf_binary(), "render", layout, "-o", pdf}, kEnglish);
    EXPECT_TRUE(contains(en.err,
                         "font.yaml:3:3: error: font family \"No Such Font Family\" was not "
                         "found\nhint: "))
        << en.err;
    EXPECT_TRUE(contains(en.err, "; a font file (.otf .ttf .ttc .otc) dropped into the project's "
                                 "fonts/ folder is found too\n"))
        << en.err;
}

// A path that is not a regular file: the file-reading error in either language.
TEST(MessagesCheck, ADeviceInsteadOfAFileInChineseAndEnglish) {
    const auto zh = run_command({formpdf_binary(), "check", "/dev/null"}, kChinese);
    EXPECT_EQ(zh.exit_code, 2);
    EXPECT_TRUE(
        contains(zh.out, "/dev/null: 错误: 这是设备，不是普通文件\n提示: 请给出文件的路径\n"))
        << zh.out;
    const auto en = run_command({formpdf_binary(), "check", "/dev/null"}, kEnglish);
    EXPECT_TRUE(contains(en.out, "/dev/null: error: this is a device, not a regular file\n"
                                 "hint: give the path of a file\n"))
        << en.out;
}

} // namespace
} // namespace formpdf
