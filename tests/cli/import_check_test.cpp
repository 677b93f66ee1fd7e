// `formpdf import` and `formpdf check` as a user runs them: exit codes, messages, files written,
// the committed declarations against a fresh import, and a corpus of broken inputs.

#include "support/command.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

namespace formpdf {
namespace {

using testing::run_command;
using testing::TempDir;

namespace fs = std::filesystem;

const std::string kSource = FORMPDF_SOURCE_DIR;
const std::string kExport = kSource + "/inputs/export/futian-l2-project-forms.txt";
const std::string kDeclarations = kSource + "/inputs/declarations";

std::vector<std::string> file_names(const fs::path& dir) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

// inputs/declarations is what `formpdf import` makes of the committed export: the two cannot
// drift apart (scripts/import-inputs regenerates them).
TEST(ImportCommand, TheCommittedDeclarationsAreAFreshImportOfTheCommittedExport) {
    EXPECT_EQ(testing::read_text(kExport),
              testing::read_text(kSource + "/tests/data/seed/futian-l2-project-forms.txt"))
        << "inputs/export is the seed";
    TempDir out;
    const auto result =
        run_command({testing::formpdf_binary(), "import", kExport, "-o", out.path().string()});
    EXPECT_EQ(result.exit_code, 3) << result.err; // warnings: the repaired rows
    EXPECT_EQ(result.out, "");
    const std::vector<std::string> names = file_names(out.path());
    ASSERT_EQ(names.size(), 41u);
    EXPECT_EQ(names, file_names(kDeclarations));
    for (const std::string& name : names) {
        EXPECT_EQ(testing::read_text(out / name), testing::read_text(kDeclarations + "/" + name))
            << name << " differs from a fresh import: run scripts/import-inputs";
    }
}

TEST(ImportCommand, WarnsWithTheExportsLineForEveryRepair) {
    TempDir out;
    const auto result =
        run_command({testing::formpdf_binary(), "import", kExport, "-o", out.path().string()});
    for (const char* line : {"46:2", "47:1", "50:1", "51:1", "86:1", "154:2", "155:3", "156:1",
                             "159:1", "161:1", "167:1", "567:1", "846:2", "850:1"}) {
        EXPECT_NE(result.err.find(kExport + ":" + line + ": warning: "), std::string::npos)
            << line << "\n"
            << result.err;
    }
    EXPECT_EQ(result.err.find("error"), std::string::npos) << result.err;
}

TEST(ImportCommand, WithAnErrorNothingIsWritten) {
    TempDir dir;
    const auto input = dir / "bad.txt";
    testing::write_text(
        input, testing::read_text(kSource + "/tests/fuzz/corpus/broken-export-extra-cell.txt"));
    const auto result = run_command(
        {testing::formpdf_binary(), "import", input.string(), "-o", (dir / "out").string()});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_TRUE(std::regex_search(
        result.err, std::regex(R"(bad\.txt:14:\d+: error: cannot place the cell '多余')")))
        << result.err;
    EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(ImportCommand, AnUnknownFormIsAnError) {
    TempDir out;
    const auto result = run_command({testing::formpdf_binary(), "import", kExport, "-o",
                                     out.path().string(), "--form", "no-such-form"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find("no layout for form 'no-such-form'"), std::string::npos)
        << result.err;
}

struct CheckCase {
    const char* code;
    int exit_code;
};

TEST(CheckCommand, ExitCodesFollowTheWorstFinding) {
    for (const CheckCase c : {CheckCase{"440304221061500500012", 0},    // clean
                              CheckCase{"440304221061500000005", 0},    // a note only
                              CheckCase{"440304221061500100028", 3},    // a warning
                              CheckCase{"440304221061500600010", 2}}) { // an error
        const std::string file = kDeclarations + "/" + c.code + ".yaml";
        const auto result = run_command({testing::formpdf_binary(), "check", file});
        EXPECT_EQ(result.exit_code, c.exit_code) << c.code << "\n" << result.out;
        EXPECT_EQ(result.err, "");
    }
    const auto clean = run_command(
        {testing::formpdf_binary(), "check", kDeclarations + "/440304221061500500012.yaml"});
    EXPECT_EQ(clean.out, "formpdf check: 1 declaration in 1 file: no findings\n");
    const auto grid = run_command(
        {testing::formpdf_binary(), "check", kDeclarations + "/440304221061500600010.yaml"});
    EXPECT_TRUE(std::regex_search(
        grid.out,
        std::regex(
            R"(440304221061500600010\.yaml:14:13: error: 项目概况 \(overview\) is required, but it is empty)")))
        << grid.out;
    EXPECT_NE(
        grid.out.find("formpdf check: 1 declaration in 1 file: 1 error, 0 warnings, 0 notes\n"),
        std::string::npos)
        << grid.out;
}

TEST(CheckCommand, AMissingFileIsAnIoError) {
    const auto result = run_command({testing::formpdf_binary(), "check", "/no/such/file.yaml"});
    EXPECT_EQ(result.exit_code, 4);
    EXPECT_NE(result.out.find("/no/such/file.yaml"), std::string::npos);
}

TEST(CheckCommand, NeverChangesAFile) {
    TempDir dir;
    const auto file = dir / "d.yaml";
    const std::string original = testing::read_text(kDeclarations + "/440304221061500600011.yaml");
    testing::write_text(file, original);
    const auto before = fs::last_write_time(file);
    const auto result = run_command({testing::formpdf_binary(), "check", dir.path().string()});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(testing::read_text(file), original);
    EXPECT_EQ(fs::last_write_time(file), before);
    EXPECT_EQ(file_names(dir.path()), std::vector<std::string>{"d.yaml"});
}

// Every broken input of the fuzz corpus gets a diagnostic and a non-zero exit from both commands;
// none crashes (a signal is 128+) or ends as an internal error (1).
TEST(BrokenInputs, GetADiagnosticAndANonZeroExitNeverACrash) {
    int count = 0;
    for (const auto& entry : fs::directory_iterator(kSource + "/tests/fuzz/corpus")) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("broken-", 0) != 0) {
            continue;
        }
        ++count;
        TempDir out;
        const auto check = run_command({testing::formpdf_binary(), "check", entry.path().string()});
        EXPECT_EQ(check.exit_code, 2) << name << "\n" << check.out << check.err;
        EXPECT_TRUE(std::regex_search(check.out, std::regex(": error: "))) << name << "\n"
                                                                           << check.out;
        const auto import = run_command({testing::formpdf_binary(), "import", entry.path().string(),
                                         "-o", out.path().string()});
        EXPECT_EQ(import.exit_code, 2) << name << "\n" << import.err;
        EXPECT_NE(import.err.find("error: "), std::string::npos) << name << "\n" << import.err;
        EXPECT_TRUE(file_names(out.path()).empty()) << name;
    }
    EXPECT_GE(count, 20);
}

} // namespace
} // namespace formpdf
