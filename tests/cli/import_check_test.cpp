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

// The declarations of a folder, without the import record.
std::vector<std::string> declaration_names(const fs::path& dir) {
    std::vector<std::string> names = file_names(dir);
    std::erase(names, ".formpdf-import.json");
    return names;
}

const std::string kRecord = ".formpdf-import.json";
const std::string kFirst = "440304221061500500012.yaml"; // the export's first form

testing::CommandResult import_into(const fs::path& dir, const std::string& input = kExport,
                                   std::vector<std::string> options = {}) {
    std::vector<std::string> argv = {testing::formpdf_binary(), "import", input, "-o",
                                     dir.string()};
    argv.insert(argv.end(), options.begin(), options.end());
    return run_command(argv);
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
    EXPECT_EQ(result.out, "formpdf import: 41 written, 0 unchanged, 0 kept because edited, 0 no "
                          "longer in the export\n");
    const std::vector<std::string> names = declaration_names(out.path());
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

TEST(ImportCommand, ARecordOfWhatWasWrittenIsKeptInTheFolder) {
    TempDir out;
    import_into(out.path());
    const std::string record = testing::read_text(out / kRecord);
    EXPECT_EQ(record.rfind("{\n  \"formpdf-import\": 1,\n  \"export\": "
                           "\"futian-l2-project-forms.txt\",\n  \"files\": {\n",
                           0),
              0u)
        << record;
    EXPECT_TRUE(
        std::regex_search(record, std::regex("\"" + kFirst + "\": \"sha256:[0-9a-f]{64}\"")))
        << record;
}

TEST(ImportCommand, ImportingTheSameExportAgainChangesNothing) {
    TempDir out;
    import_into(out.path());
    const auto before = fs::last_write_time(out / kFirst);
    const auto again = import_into(out.path());
    EXPECT_EQ(again.exit_code, 3) << again.err; // the repairs again
    EXPECT_EQ(again.out, "formpdf import: 0 written, 41 unchanged, 0 kept because edited, 0 no "
                         "longer in the export\n");
    EXPECT_EQ(fs::last_write_time(out / kFirst), before);
}

TEST(ImportCommand, AReimportKeepsADeclarationEditedSinceAndOverwriteReplacesIt) {
    TempDir out;
    import_into(out.path());
    const std::string imported = testing::read_text(out / kFirst);
    const std::string edited = imported + "# 已核对\n";
    testing::write_text(out / kFirst, edited);

    const auto kept = import_into(out.path());
    EXPECT_EQ(kept.exit_code, 3) << kept.err; // a warning: the export's version is not written
    EXPECT_EQ(testing::read_text(out / kFirst), edited);
    EXPECT_NE(kept.err.find((out / kFirst).string() +
                            ": warning: kept: this declaration was changed since formpdf import "
                            "wrote it; the export's version is not written\nhint: "),
              std::string::npos)
        << kept.err;
    EXPECT_EQ(kept.out, "formpdf import: 0 written, 40 unchanged, 1 kept because edited, 0 no "
                        "longer in the export\n");

    // Still edited on the next import: the record keeps the hash of what the import wrote.
    const auto still = import_into(out.path());
    EXPECT_NE(still.out.find("1 kept because edited"), std::string::npos) << still.out;
    EXPECT_EQ(testing::read_text(out / kFirst), edited);

    const auto replaced = import_into(out.path(), kExport, {"--overwrite"});
    EXPECT_EQ(replaced.exit_code, 3) << replaced.err;
    EXPECT_EQ(testing::read_text(out / kFirst), imported);
    EXPECT_NE(replaced.err.find((out / kFirst).string() +
                                ": note: replaced a declaration changed since the last import"),
              std::string::npos)
        << replaced.err;
    EXPECT_EQ(replaced.out, "formpdf import: 1 written, 40 unchanged, 0 kept because edited, 0 "
                            "no longer in the export\n");
}

TEST(ImportCommand, AFileTheImportDidNotWriteIsKept) {
    TempDir out;
    testing::write_text(out / kFirst, "form: shenzhen-l2-project\n# 手写\n");
    const auto result = import_into(out.path());
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_EQ(testing::read_text(out / kFirst), "form: shenzhen-l2-project\n# 手写\n");
    EXPECT_NE(result.err.find((out / kFirst).string() +
                              ": warning: kept: this file was not written by formpdf import"),
              std::string::npos)
        << result.err;
    EXPECT_EQ(result.out, "formpdf import: 40 written, 0 unchanged, 1 kept because edited, 0 no "
                          "longer in the export\n");
}

TEST(ImportCommand, ADeclarationNoLongerInTheExportIsListedNotDeleted) {
    TempDir dir;
    import_into(dir / "out");
    // An export of the first form only: lines 1-26 of the seed (its footer is line 25).
    const std::string text = testing::read_text(kExport);
    std::size_t end = 0;
    for (int line = 0; line < 26; ++line) {
        end = text.find('\n', end) + 1;
    }
    testing::write_text(dir / "one.txt", text.substr(0, end));
    const auto result = import_into(dir / "out", (dir / "one.txt").string());
    EXPECT_EQ(result.exit_code, 0) << result.err; // notes only: the first form needs no repair
    // The first form is written again (its comment names the new export): it was as imported.
    EXPECT_EQ(result.out, "formpdf import: 1 written, 0 unchanged, 0 kept because edited, 40 no "
                          "longer in the export\n");
    const std::string gone = (dir / "out" / "440304221061500000003.yaml").string();
    EXPECT_NE(result.err.find(gone + ": note: no longer in the export: not deleted\nhint: "),
              std::string::npos)
        << result.err;
    EXPECT_EQ(declaration_names(dir / "out").size(), 41u);
    // A listed file the user deleted is forgotten.
    fs::remove(gone);
    const auto after = import_into(dir / "out", (dir / "one.txt").string());
    EXPECT_NE(after.out.find(", 39 no longer in the export"), std::string::npos) << after.out;
}

TEST(ImportCommand, AnUnreadableRecordKeepsEveryExistingDeclaration) {
    TempDir out;
    import_into(out.path());
    testing::write_text(out / kRecord, "not json");
    const auto result = import_into(out.path());
    EXPECT_NE(result.err.find((out / kRecord).string() +
                              ": warning: the import record cannot be read (not a JSON object)"),
              std::string::npos)
        << result.err;
    // Nothing was edited: every file is unchanged, and the record is written anew.
    EXPECT_NE(result.out.find("0 written, 41 unchanged"), std::string::npos) << result.out;
    EXPECT_NE(testing::read_text(out / kRecord).find("\"formpdf-import\": 1"), std::string::npos);
}

TEST(ImportCommand, WarningExit0MakesWarningsExit0AndLeavesErrors) {
    TempDir out;
    const auto result = import_into(out.path(), kExport, {"--warning-exit-0"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find(": warning: cells shifted"), std::string::npos); // still printed
    TempDir dir;
    testing::write_text(
        dir / "bad.txt",
        testing::read_text(kSource + "/tests/fuzz/corpus/broken-export-extra-cell.txt"));
    const auto bad = import_into(dir / "out", (dir / "bad.txt").string(), {"--warning-exit-0"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_EQ(bad.out, ""); // nothing written, no summary
}

// ‘*数量’ typed with an input method's quotes: the vocabulary check names them.
TEST(CheckCommand, AValueInChineseQuotesGetsAHintAtTheQuote) {
    TempDir dir;
    const std::string seed = testing::read_text(kDeclarations + "/" + kFirst);
    std::string slipped = seed;
    slipped.replace(slipped.find("level2: '*数量'"), std::string("level2: '*数量'").size(),
                    "level2: ‘*数量’");
    testing::write_text(dir / "slip.yaml", slipped);
    const auto result =
        run_command({testing::formpdf_binary(), "check", (dir / "slip.yaml").string()});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.out.find((dir / "slip.yaml").string() +
                              ":20:17: error: unknown 二级指标 '‘*数量’' under '产出'\nhint: the "
                              "value is wrapped in Chinese quotes ‘…’; remove them or use ASCII "
                              "quotes: '*数量'\n"),
              std::string::npos)
        << result.out;
}

// Every slip of a file, each at its own line and column, from the command a user runs.
TEST(CheckCommand, ReportsEveryInputMethodSlipOfAFile) {
    TempDir dir;
    std::string text = testing::read_text(kDeclarations + "/" + kFirst);
    const auto slip = [&](const std::string& from, const std::string& to) {
        text.replace(text.find(from), from.size(), to);
    };
    slip("  project_name: 疫情防控", "  project_name：疫情防控");
    slip("  period_years: '3'", "　period_years: '3'");
    slip("      - level2: '*质量'", "      － level2: '*质量'");
    testing::write_text(dir / "slip.yaml", text);
    const auto result =
        run_command({testing::formpdf_binary(), "check", (dir / "slip.yaml").string()});
    EXPECT_EQ(result.exit_code, 2);
    const std::string file = (dir / "slip.yaml").string();
    for (const std::string at :
         {":5:15: error: a full-width colon '：' after the key 'project_name'",
          ":8:1: error: a full-width space (U+3000) in the indentation",
          ":25:7: error: a full-width '－' where a list item starts"}) {
        EXPECT_NE(result.out.find(file + at + "\nhint: "), std::string::npos) << at << "\n"
                                                                              << result.out;
    }
    EXPECT_NE(
        result.out.find("formpdf check: 0 declarations in 1 file: 3 errors, 0 warnings, 0 notes"),
        std::string::npos)
        << result.out;
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
        if (name == "broken-export-gbk.txt") {
            // Broken for `check` (not UTF-8 YAML), but a GBK export is an export the import reads
            // (docs/import.md, "Formats"): the seed's first form, written, with a note.
            EXPECT_EQ(import.exit_code, 0) << import.err;
            EXPECT_NE(import.err.find("note: read as tab-separated GB18030 (GBK) text"),
                      std::string::npos)
                << import.err;
            EXPECT_EQ(declaration_names(out.path()),
                      std::vector<std::string>{"440304221061500500012.yaml"});
            continue;
        }
        EXPECT_EQ(import.exit_code, 2) << name << "\n" << import.err;
        EXPECT_NE(import.err.find("error: "), std::string::npos) << name << "\n" << import.err;
        EXPECT_TRUE(file_names(out.path()).empty()) << name;
    }
    EXPECT_GE(count, 20);
}

} // namespace
} // namespace formpdf
