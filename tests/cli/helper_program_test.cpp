// The formpdf program and its helper, formpdf-full (src/cli/helper_program.h; docs/architecture.md,
// "Programs"): formpdf does not load the web and workbook libraries; serve, import and workbook are
// parsed by formpdf and run in the helper, which finds the data of the formpdf program that started
// it; a missing helper is a clear error. (That serve, run through formpdf, stops on SIGTERM with
// exit 0 is ServeCli's test in tests/serve.)

#include "support/command.h"

#include <gtest/gtest.h>

namespace formpdf {
namespace {

using testing::formpdf_binary;
using testing::run_command;
using testing::TempDir;

const std::filesystem::path kBinaryDir = FORMPDF_BINARY_DIR;
const std::filesystem::path kSource = FORMPDF_SOURCE_DIR;

// The shared libraries a program names itself (its ELF NEEDED entries, not what they pull in),
// as `readelf -d` lists them; nullopt when readelf is not installed.
std::optional<std::string> needed_libraries(const std::filesystem::path& program) {
    const auto r = run_command({"readelf", "-d", program.string()});
    if (r.exit_code == 127) {
        return std::nullopt;
    }
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string needed;
    std::size_t at = 0;
    while ((at = r.out.find("(NEEDED)", at)) != std::string::npos) {
        const std::size_t open = r.out.find('[', at);
        const std::size_t close = r.out.find(']', open);
        needed += r.out.substr(open + 1, close - open - 1) + "\n";
        at = close;
    }
    return needed;
}

TEST(ProgramLibraries, FormpdfDoesNotLinkTheWebOrWorkbookLibraries) {
    const auto formpdf = needed_libraries(kBinaryDir / "formpdf");
    if (!formpdf) {
        GTEST_SKIP() << "readelf is not installed (binutils)";
    }
    for (const char* library : {"libcpp-httplib", "libssl", "libzip", "libexpat", "libfreexl",
                                "libxlsxwriter", "libminizip"}) {
        EXPECT_EQ(formpdf->find(library), std::string::npos)
            << "build/formpdf links " << library << " again; it loads at every start. NEEDED:\n"
            << *formpdf;
    }
    // What it does need is still there: PoDoFo, and mimalloc when it is configured.
    EXPECT_NE(formpdf->find("libpodofo"), std::string::npos) << *formpdf;
    // The helper has them: the check above reads the entries it means to.
    const auto helper = needed_libraries(kBinaryDir / "formpdf-full");
    ASSERT_TRUE(helper);
    for (const char* library : {"libcpp-httplib", "libzip", "libfreexl", "libxlsxwriter"}) {
        EXPECT_NE(helper->find(library), std::string::npos) << library << " in\n" << *helper;
    }
}

// A copy of the formpdf program alone in a folder: no helper beside it or in ../libexec/formpdf.
class LoneProgram : public ::testing::Test {
protected:
    TempDir dir;
    std::string program;

    void SetUp() override {
        std::filesystem::create_directories(dir / "bin");
        program = (dir / "bin" / "formpdf").string();
        std::filesystem::copy_file(formpdf_binary(), program);
    }
};

TEST_F(LoneProgram, AMissingHelperIsAClearErrorWithExit1) {
    for (const std::string command : {"import", "workbook", "serve"}) {
        std::vector<std::string> argv = {program, command};
        if (command == "import") {
            argv.insert(argv.end(), {"export.xlsx", "-o", (dir / "out").string()});
        } else if (command == "workbook") {
            argv.insert(argv.end(), {"--blank", "shenzhen-l2-project", "-o", "x.xlsx"});
        } else {
            argv.insert(argv.end(), {dir.path().string(), "--listen", "127.0.0.1:0"});
        }
        const auto r = run_command(argv);
        EXPECT_EQ(r.exit_code, 1) << command << ": " << r.err;
        EXPECT_NE(r.err.find("formpdf: error: 'formpdf " + command +
                             "' runs in the program formpdf-full, which is not installed"),
                  std::string::npos)
            << r.err;
        EXPECT_NE(r.err.find((dir / "libexec" / "formpdf").string()), std::string::npos)
            << "names where it looked: " << r.err;
        EXPECT_NE(r.err.find("hint: install formpdf again"), std::string::npos) << r.err;
    }
    // The commands that run in formpdf itself need no helper.
    const auto version = run_command({program, "--version"});
    EXPECT_EQ(version.exit_code, 0) << version.err;
}

TEST_F(LoneProgram, HelpAndUsageErrorsOfTheHelperCommandsComeFromFormpdfItself) {
    const auto serve = run_command({program, "serve", "--help"});
    EXPECT_EQ(serve.exit_code, 0) << serve.err;
    EXPECT_NE(serve.out.find("--listen"), std::string::npos) << serve.out;
    EXPECT_NE(serve.out.find("--add-user"), std::string::npos) << serve.out;
    const auto import = run_command({program, "help", "import"});
    EXPECT_EQ(import.exit_code, 0) << import.err;
    EXPECT_NE(import.out.find("--warning-exit-0"), std::string::npos) << import.out;
    const auto workbook = run_command({program, "workbook", "--help"});
    EXPECT_EQ(workbook.exit_code, 0) << workbook.err;
    EXPECT_NE(workbook.out.find("--blank"), std::string::npos) << workbook.out;
    // A missing -o is a usage error before any helper is looked for.
    const auto usage = run_command({program, "import", "export.xlsx"});
    EXPECT_EQ(usage.exit_code, 64) << usage.err;
    EXPECT_EQ(usage.err.find("not installed"), std::string::npos) << usage.err;
}

// An installed tree under a prefix of its own: PREFIX/bin/formpdf, PREFIX/libexec/formpdf/
// formpdf-full, PREFIX/share/formpdf/layouts and PREFIX/share/locale. The helper must find the
// data from the formpdf program's place, not from its own.
class InstalledTree : public ::testing::Test {
protected:
    TempDir prefix;
    std::string program;

    void SetUp() override {
        std::filesystem::create_directories(prefix / "bin");
        std::filesystem::create_directories(prefix / "libexec/formpdf");
        std::filesystem::create_directories(prefix / "share/formpdf/layouts");
        std::filesystem::create_directories(prefix / "share/locale/zh_CN/LC_MESSAGES");
        program = (prefix / "bin/formpdf").string();
        std::filesystem::copy_file(formpdf_binary(), program);
        std::filesystem::copy_file(kBinaryDir / "formpdf-full",
                                   prefix / "libexec/formpdf/formpdf-full");
        // A layout only this tree has, so that finding it proves where the helper looked.
        std::filesystem::copy_file(kSource / "layouts/shenzhen-l2-project.yaml",
                                   prefix / "share/formpdf/layouts/only-in-this-tree.yaml");
        std::filesystem::copy_file(kBinaryDir / "locale/zh_CN/LC_MESSAGES/formpdf.mo",
                                   prefix / "share/locale/zh_CN/LC_MESSAGES/formpdf.mo");
    }
};

TEST_F(InstalledTree, TheHelperFindsTheLayoutsOfTheFormpdfProgram) {
    const auto r = run_command({"sh", "-c",
                                "cd \"$0\" && exec \"$1\" workbook --blank only-in-this-tree -o "
                                "blank.xlsx",
                                prefix.path().string(), program},
                               {"SOURCE_DATE_EPOCH=1700000000"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(std::filesystem::exists(prefix / "blank.xlsx"));
}

TEST_F(InstalledTree, TheHelperSpeaksFromTheCatalogOfTheFormpdfProgram) {
    const auto r = run_command(
        {program, "import", (prefix / "missing.xlsx").string(), "-o", (prefix / "out").string()},
        testing::kChineseLocale);
    EXPECT_EQ(r.exit_code, 4) << r.err;
    EXPECT_NE(r.err.find("formpdf: 错误: "), std::string::npos) << r.err;
}

} // namespace
} // namespace formpdf
