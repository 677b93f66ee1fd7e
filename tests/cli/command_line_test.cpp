// The command-line conventions people expect (issue 19): options anywhere, "did you mean",
// `formpdf help`, help text without parser internals, `-` for standard input and output,
// --quiet/--verbose on every command, and a progress line that respects TERM=dumb and NO_COLOR.

#include "app/progress.h"
#include "support/command.h"

#include <gtest/gtest.h>

#include <sstream>

namespace formpdf {
namespace {

using testing::formpdf_binary;
using testing::run_command;
using testing::TempDir;

const std::string kSource = FORMPDF_SOURCE_DIR;

std::string first_seed() {
    return testing::seed_declaration_files().front().string();
}

std::string seed_code() {
    return testing::seed_declaration_files().front().stem().string();
}

bool written(int exit_code) {
    return exit_code == 0 || exit_code == 3; // 3: printed, with findings of the checks
}

TEST(CommandLine, ARepeatableOptionBeforeTheInputDoesNotSwallowIt) {
    TempDir dir;
    const auto r = run_command({formpdf_binary(), "render", "--layouts", kSource + "/layouts",
                                first_seed(), "-o", (dir / "out.pdf").string()});
    EXPECT_TRUE(written(r.exit_code)) << r.err;
    EXPECT_TRUE(std::filesystem::exists(dir / "out.pdf"));
    // Twice, and between the input and -o.
    const auto again = run_command({formpdf_binary(), "render", "--font-dir", dir.path().string(),
                                    first_seed(), "--layouts", kSource + "/layouts", "--layouts",
                                    dir.path().string(), "-o", (dir / "again.pdf").string()});
    EXPECT_TRUE(written(again.exit_code)) << again.err;
}

TEST(CommandLine, AnUnknownCommandIsNamedWithTheClosestOne) {
    const auto r = run_command({formpdf_binary(), "rendr", "x.yaml"});
    EXPECT_EQ(r.exit_code, 64);
    EXPECT_NE(r.err.find("unknown command 'rendr'; did you mean 'render'?"), std::string::npos)
        << r.err;
    const auto far = run_command({formpdf_binary(), "frobnicate"});
    EXPECT_EQ(far.exit_code, 64);
    EXPECT_NE(far.err.find("the commands are"), std::string::npos) << far.err;
}

TEST(CommandLine, HelpCommandPrintsTheHelpOfACommand) {
    const auto all = run_command({formpdf_binary(), "help"});
    EXPECT_EQ(all.exit_code, 0);
    EXPECT_NE(all.out.find("render"), std::string::npos);
    EXPECT_NE(all.out.find("verify"), std::string::npos);
    const auto render = run_command({formpdf_binary(), "help", "render"});
    EXPECT_EQ(render.exit_code, 0);
    EXPECT_NE(render.out.find("Usage: formpdf render"), std::string::npos) << render.out;
    const auto typo = run_command({formpdf_binary(), "help", "bach"});
    EXPECT_EQ(typo.exit_code, 64);
    EXPECT_NE(typo.err.find("did you mean 'batch'?"), std::string::npos) << typo.err;
}

TEST(CommandLine, HelpTextShowsNoParserInternals) {
    for (const char* command :
         {"render", "batch", "check", "import", "workbook", "sign", "verify"}) {
        const auto r = run_command({formpdf_binary(), command, "--help"});
        EXPECT_EQ(r.exit_code, 0) << command;
        for (const char* internal : {"{false}", "ENUM", "->", "TEXT", "UINT"}) {
            EXPECT_EQ(r.out.find(internal), std::string::npos)
                << command << " --help shows '" << internal << "':\n"
                << r.out;
        }
        EXPECT_NE(r.out.find("--quiet"), std::string::npos) << command;
        EXPECT_NE(r.out.find("--verbose"), std::string::npos) << command;
    }
    const auto batch = run_command({formpdf_binary(), "batch", "--help"});
    EXPECT_NE(batch.out.find("--no-forms "), std::string::npos) << batch.out;
}

TEST(CommandLine, RenderReadsStandardInputAndWritesStandardOutput) {
    TempDir dir;
    const auto r = run_command({"sh", "-c", "\"$0\" render - -o - < \"$1\" > \"$2\"",
                                formpdf_binary(), first_seed(), (dir / "piped.pdf").string()});
    ASSERT_TRUE(written(r.exit_code)) << r.err;
    const std::string pdf = testing::read_text(dir / "piped.pdf");
    ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);
    const auto text = run_command({"pdftotext", (dir / "piped.pdf").string(), "-"});
    EXPECT_NE(text.out.find(seed_code()), std::string::npos);
    // No file named "-" is made.
    EXPECT_FALSE(std::filesystem::exists(dir / "-"));
}

TEST(CommandLine, AnErrorOnStandardInputIsNamedStdinAndWritesNothing) {
    TempDir dir;
    testing::write_text(dir / "bad.yaml", "form: shenzhen-l2-project\nproject: [unclosed\n");
    const auto r =
        run_command({"sh", "-c", "\"$0\" render - -o - < \"$1\" > \"$2\"", formpdf_binary(),
                     (dir / "bad.yaml").string(), (dir / "out.pdf").string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("<stdin>:"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("stdin.yaml"), std::string::npos) << r.err;
    EXPECT_EQ(testing::read_text(dir / "out.pdf"), ""); // nothing on the pipe
}

TEST(CommandLine, CheckVerifySignAndWorkbookTakeDashToo) {
    TempDir dir;
    // check -: the findings name the input <stdin>.
    testing::write_text(dir / "bad.yaml", "form: shenzhen-l2-project\nproject_nme: x\n");
    const auto check = run_command(
        {"sh", "-c", "\"$0\" check - < \"$1\"", formpdf_binary(), (dir / "bad.yaml").string()});
    EXPECT_EQ(check.exit_code, 2);
    EXPECT_NE(check.out.find("<stdin>:2:14: error:"), std::string::npos) << check.out;
    EXPECT_EQ(check.out.find("stdin.yaml"), std::string::npos) << check.out;

    // workbook -o -: an .xlsx (a zip) on the pipe.
    const auto workbook = run_command({"sh", "-c", "\"$0\" workbook \"$1\" -o - > \"$2\"",
                                       formpdf_binary(), first_seed(), (dir / "w.xlsx").string()});
    EXPECT_EQ(workbook.exit_code, 0) << workbook.err;
    EXPECT_EQ(testing::read_text(dir / "w.xlsx").rfind("PK", 0), 0u);

    // render, then sign - -o - with a throwaway certificate, then verify -.
    ASSERT_TRUE(written(
        run_command({formpdf_binary(), "render", first_seed(), "-o", (dir / "form.pdf").string()})
            .exit_code));
    const auto key = run_command({"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                                  "-keyout", (dir / "k.pem").string(), "-out",
                                  (dir / "c.pem").string(), "-subj", "/CN=test", "-days", "2"});
    ASSERT_EQ(key.exit_code, 0) << key.err;
    const auto sign =
        run_command({"sh", "-c", "\"$0\" sign - -o - --cert \"$1\" --key \"$2\" < \"$3\" > \"$4\"",
                     formpdf_binary(), (dir / "c.pem").string(), (dir / "k.pem").string(),
                     (dir / "form.pdf").string(), (dir / "signed.pdf").string()});
    EXPECT_EQ(sign.exit_code, 0) << sign.err;
    EXPECT_EQ(testing::read_text(dir / "signed.pdf").rfind("%PDF-", 0), 0u);
    const auto verify = run_command(
        {"sh", "-c", "\"$0\" verify - < \"$1\"", formpdf_binary(), (dir / "signed.pdf").string()});
    EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
    EXPECT_EQ(verify.out.find("stdin.pdf"), std::string::npos) << verify.out;
    EXPECT_FALSE(std::filesystem::exists(dir / "-"));
}

TEST(CommandLine, QuietDropsTheSummaryAndVerboseSaysWhatWasWritten) {
    TempDir dir;
    const auto quiet = run_command({formpdf_binary(), "check", "--quiet", first_seed()});
    EXPECT_EQ(quiet.out.find("checked"), std::string::npos) << quiet.out;
    const auto loud = run_command({formpdf_binary(), "check", first_seed()});
    EXPECT_NE(loud.out, quiet.out);
    const auto verbose = run_command(
        {formpdf_binary(), "render", first_seed(), "-o", (dir / "v.pdf").string(), "--verbose"});
    EXPECT_TRUE(written(verbose.exit_code));
    EXPECT_NE(verbose.err.find("formpdf: wrote " + (dir / "v.pdf").string()), std::string::npos)
        << verbose.err;
    EXPECT_NE(verbose.err.find("render finished in"), std::string::npos) << verbose.err;
}

TEST(Progress, NoEscapeSequencesForADumbTerminalOrNoColor) {
    EXPECT_TRUE(app::escapes_allowed("xterm-256color", nullptr));
    EXPECT_FALSE(app::escapes_allowed("dumb", nullptr));
    EXPECT_FALSE(app::escapes_allowed(nullptr, nullptr));
    EXPECT_FALSE(app::escapes_allowed("xterm", "1"));
    EXPECT_TRUE(app::escapes_allowed("xterm", "")); // NO_COLOR set but empty: not set

    std::ostringstream plain;
    {
        app::Progress progress(plain, 3, true, false);
        progress.update(1, "440304 项目");
        progress.update(3, "done");
    }
    EXPECT_EQ(plain.str().find('\x1b'), std::string::npos);
    EXPECT_EQ(plain.str().find('\r'), std::string::npos);
    EXPECT_NE(plain.str().find("[1/3]"), std::string::npos);

    std::ostringstream fancy;
    {
        app::Progress progress(fancy, 3, true, true);
        progress.update(1, "x");
    }
    EXPECT_NE(fancy.str().find("\x1b[K"), std::string::npos);
}

} // namespace
} // namespace formpdf
