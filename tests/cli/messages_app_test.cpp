// Chinese messages of batch, import, sign and verify (issue 19, point 2): the batch summary, the
// batch's usage errors, the import summary, the verify report's labels and verdicts, and a sign
// error, in Chinese under a zh_CN locale and byte for byte as before in English.

#include "sign/signing_material.h"
#include "support/command.h"

#include <gtest/gtest.h>

namespace formpdf {
namespace {

using testing::formpdf_binary;
using testing::run_command;
using testing::SigningMaterial;
using testing::TempDir;

const std::vector<std::string>& kChinese = testing::kChineseLocale;
const std::vector<std::string>& kEnglish = testing::kEnglishLocale;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::vector<std::string> with(std::vector<std::string> env, const std::string& more) {
    env.push_back(more);
    return env;
}

TEST(MessagesApp, TheBatchSummaryInChineseAndInEnglish) {
    TempDir dir;
    const std::string seed = testing::seed_declaration_files().front().string();
    const auto zh = run_command(
        {formpdf_binary(), "batch", seed, "-o", (dir / "zh").string(), "--combined", "ALL.pdf"},
        kChinese);
    EXPECT_TRUE(zh.exit_code == 0 || zh.exit_code == 3) << zh.err;
    EXPECT_TRUE(contains(zh.out, "batch：1 份表单，已打印 1 份（")) << zh.out;
    EXPECT_TRUE(contains(zh.out, "；合并文件：")) << zh.out;
    EXPECT_TRUE(contains(zh.out, " 秒")) << zh.out;
    const auto en = run_command(
        {formpdf_binary(), "batch", seed, "-o", (dir / "en").string(), "--combined", "ALL.pdf"},
        kEnglish);
    EXPECT_EQ(en.exit_code, zh.exit_code) << en.err;
    EXPECT_TRUE(contains(en.out, "batch: 1 forms, 1 rendered (")) << en.out;
    EXPECT_TRUE(contains(en.out, "; combined: ")) << en.out;
}

TEST(MessagesApp, BatchUsageErrorsInChineseAndInEnglish) {
    TempDir dir;
    const std::string seed = testing::seed_declaration_files().front().string();
    const std::vector<std::string> jobs0 = {formpdf_binary(),       "batch", seed, "-o",
                                            (dir / "out").string(), "-j",    "0"};
    const auto zh = run_command(jobs0, kChinese);
    EXPECT_EQ(zh.exit_code, 64);
    EXPECT_TRUE(contains(zh.err, "formpdf: 错误: -j 0 不会运行任何工作线程\n提示: 省略 -j"))
        << zh.err;
    const auto en = run_command(jobs0, kEnglish);
    EXPECT_EQ(en.err, "formpdf: error: -j 0 runs no worker\nhint: leave -j out for one per core, "
                      "or give 1 or more\n");

    const std::vector<std::string> path = {formpdf_binary(),       "batch",      seed,       "-o",
                                           (dir / "out").string(), "--combined", "a/ALL.pdf"};
    const auto zh_path = run_command(path, kChinese);
    EXPECT_EQ(zh_path.exit_code, 64);
    EXPECT_TRUE(contains(zh_path.err, "错误: --combined 需要一个文件名，不能是路径：a/ALL.pdf"))
        << zh_path.err;
    const auto en_path = run_command(path, kEnglish);
    EXPECT_TRUE(contains(en_path.err, "formpdf: error: --combined takes a file name, not a path: "
                                      "a/ALL.pdf\nhint: the combined file is a plain file name "
                                      "(ALL.pdf), written into the output folder\n"))
        << en_path.err;
}

TEST(MessagesApp, TheVerifyReportInChineseAndInEnglish) {
    const SigningMaterial& material = SigningMaterial::get();
    TempDir dir;
    const std::string signed_pdf = (dir / "signed.pdf").string();
    const auto sign =
        testing::run_sign(material.path("seed.pdf"), signed_pdf, material.signer("good"), kEnglish);
    ASSERT_EQ(sign.exit_code, 0) << sign.err;

    const auto zh = run_command({formpdf_binary(), "verify", signed_pdf}, kChinese);
    EXPECT_EQ(zh.exit_code, 0) << zh.err;
    EXPECT_TRUE(contains(zh.out, "签名 1/1：")) << zh.out;
    EXPECT_TRUE(contains(zh.out, "\n  签名人：         good signer")) << zh.out; // column 17
    EXPECT_TRUE(contains(zh.out, "\n  签名时间：       ")) << zh.out;
    EXPECT_TRUE(contains(zh.out, "\n  摘要：           有效\n")) << zh.out;
    EXPECT_TRUE(contains(zh.out, "\n  结论：           有效\n")) << zh.out;
    EXPECT_TRUE(contains(zh.out, "：1 个签名，全部有效\n")) << zh.out;

    const auto en = run_command({formpdf_binary(), "verify", signed_pdf}, kEnglish);
    EXPECT_EQ(en.exit_code, 0) << en.err;
    EXPECT_TRUE(contains(en.out, "Signature 1 of 1: ")) << en.out;
    EXPECT_TRUE(contains(en.out, "\n  signer:          ")) << en.out;
    EXPECT_TRUE(contains(en.out, "\n  signing time:    ")) << en.out;
    EXPECT_TRUE(contains(en.out, "\n  digest:          valid\n")) << en.out;
    EXPECT_TRUE(contains(en.out, "\n  verdict:         VALID\n")) << en.out;
    EXPECT_TRUE(contains(en.out, ": 1 signature(s), all valid\n")) << en.out;
}

TEST(MessagesApp, AWrongKeyPasswordInChineseAndInEnglish) {
    const SigningMaterial& material = SigningMaterial::get();
    TempDir dir;
    const std::vector<std::string> locked = {"--cert", material.path("locked.pem"), "--key",
                                             material.path("locked.key")};
    const auto zh = testing::run_sign(material.path("seed.pdf"), (dir / "zh.pdf").string(), locked,
                                      with(kChinese, "FORMPDF_KEY_PASSWORD=wrong"));
    EXPECT_EQ(zh.exit_code, 2) << zh.err;
    EXPECT_TRUE(contains(zh.err, "locked.key: 错误: 私钥的密码不对\n")) << zh.err;
    EXPECT_TRUE(contains(zh.err, "提示: 请在环境变量 FORMPDF_KEY_PASSWORD 中给出密码")) << zh.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "zh.pdf"));

    const auto en = testing::run_sign(material.path("seed.pdf"), (dir / "en.pdf").string(), locked,
                                      with(kEnglish, "FORMPDF_KEY_PASSWORD=wrong"));
    EXPECT_EQ(en.exit_code, 2) << en.err;
    EXPECT_TRUE(contains(en.err, "locked.key: error: wrong password for the private key\n"))
        << en.err;
    EXPECT_TRUE(contains(en.err, "hint: give the password in the environment variable "
                                 "FORMPDF_KEY_PASSWORD or in a file named with --password-file "
                                 "(never on the command line)"))
        << en.err;
}

TEST(MessagesApp, ASignUsageErrorInChinese) {
    const SigningMaterial& material = SigningMaterial::get();
    TempDir dir;
    const auto zh =
        testing::run_sign(material.path("seed.pdf"), (dir / "s.pdf").string(), {}, kChinese);
    EXPECT_EQ(zh.exit_code, 64);
    EXPECT_TRUE(contains(zh.err, "formpdf: 错误: 请用 --p12 FILE，或用 --cert FILE 和 --key FILE "
                                 "给出签名人的凭据\n提示: 运行“formpdf sign --help”查看用法\n"))
        << zh.err;
    const auto en =
        testing::run_sign(material.path("seed.pdf"), (dir / "s.pdf").string(), {}, kEnglish);
    EXPECT_EQ(en.err, "formpdf: error: give the signer's credentials with --p12 FILE, or with "
                      "--cert FILE and --key FILE\nhint: run 'formpdf sign --help'\n");
}

TEST(MessagesApp, NotAPdfAndOutputIsInputInChineseAndInEnglish) {
    TempDir dir;
    testing::write_text(dir / "x.pdf", "hello\n");
    const std::vector<std::string> verify = {formpdf_binary(), "verify", (dir / "x.pdf").string()};
    const auto zh = run_command(verify, kChinese);
    EXPECT_EQ(zh.exit_code, 2) << zh.err;
    EXPECT_TRUE(contains(zh.err, "x.pdf: 错误: 这不是 PDF 文件（它不以 %PDF- 开头）")) << zh.err;
    const auto en = run_command(verify, kEnglish);
    EXPECT_TRUE(contains(en.err, "x.pdf: error: this is not a PDF file (it does not start with "
                                 "%PDF-)\nhint: give a PDF file, e.g. one written by `formpdf "
                                 "render`\n"))
        << en.err;

    const std::string seed = testing::seed_declaration_files().front().string();
    const std::vector<std::string> render = {formpdf_binary(), "render", seed, "-o", seed};
    const auto zh_render = run_command(render, kChinese);
    EXPECT_EQ(zh_render.exit_code, 64) << zh_render.err;
    EXPECT_TRUE(contains(zh_render.err, "错误: 输出文件 " + seed + " 就是输入文件 " + seed))
        << zh_render.err;
    const auto en_render = run_command(render, kEnglish);
    EXPECT_TRUE(contains(en_render.err, "error: the output " + seed + " is the input " + seed))
        << en_render.err;
}

TEST(MessagesApp, AnUnknownLanguageIsRefusedInTheEnvironmentsLanguage) {
    const auto zh = run_command({formpdf_binary(), "--lang", "fr", "help"}, kChinese);
    EXPECT_EQ(zh.exit_code, 64);
    EXPECT_EQ(zh.err, "formpdf: 错误: --lang fr：可用的语言是 zh 和 en\n");
    const auto en = run_command({formpdf_binary(), "--lang", "fr", "help"}, kEnglish);
    EXPECT_EQ(en.err, "formpdf: error: --lang fr: the languages are zh and en\n");
}

TEST(MessagesApp, TheImportSummaryAndAKeptDeclarationInChinese) {
    const std::string source = FORMPDF_SOURCE_DIR;
    const std::string export_file = source + "/inputs/export/futian-l2-project-forms.txt";
    TempDir dir;
    const std::vector<std::string> import = {formpdf_binary(), "import", export_file, "-o",
                                             (dir / "out").string()};
    const auto first = run_command(import, kChinese);
    EXPECT_EQ(first.exit_code, 3) << first.err;
    EXPECT_EQ(first.out,
              "formpdf import：写入 41 份，未变 0 份，因已修改而保留 0 份，导出文件中已没有 "
              "0 份\n");
    const std::filesystem::path edited = dir / "out" / "440304221061500500012.yaml";
    testing::write_text(edited, testing::read_text(edited) + "# edited\n");
    const auto zh = run_command(import, kChinese);
    EXPECT_TRUE(contains(zh.err, "440304221061500500012.yaml: 警告: 已保留：这份申报书在 formpdf "
                                 "import 写入后被修改过；未写入导出文件中的版本"))
        << zh.err;
    EXPECT_TRUE(contains(zh.out, "未变 40 份，因已修改而保留 1 份")) << zh.out;
    const auto en = run_command(import, kEnglish);
    EXPECT_TRUE(contains(en.err, "440304221061500500012.yaml: warning: kept: this declaration was "
                                 "changed since formpdf import wrote it; the export's version is "
                                 "not written"))
        << en.err;
    EXPECT_EQ(en.out, "formpdf import: 0 written, 40 unchanged, 1 kept because edited, 0 no longer "
                      "in the export\n");
}

} // namespace
} // namespace formpdf
