// The checks' findings in Chinese (issue 19): `formpdf check` names an empty required field, an
// unknown indicator and a misspelt field in the user's language; the English stays as it was.

#include "support/command.h"

#include <gtest/gtest.h>

#include <string>

namespace formpdf {
namespace {

using testing::formpdf_binary;
using testing::run_command;
using testing::TempDir;

const std::vector<std::string> kChinese = {"LANG=zh_CN.UTF-8", "LC_ALL=", "LC_MESSAGES="};
const std::vector<std::string> kEnglish = {"LANG=C.UTF-8", "LC_ALL=", "LC_MESSAGES="};
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
    EXPECT_TRUE(contains(zh.out, "该表单的字段有: ")) << zh.out;
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
    EXPECT_TRUE(contains(zh.out, "而不是 '31.2万'\n提示: 请写数字")) << zh.out;
    const auto en = run_command({formpdf_binary(), "check", file}, kEnglish);
    EXPECT_TRUE(contains(en.out, " must be an amount with 2 decimals such as ")) << en.out;
    EXPECT_TRUE(contains(en.out, ", not '31.2万'\nhint: write digits")) << en.out;
}

} // namespace
} // namespace formpdf
