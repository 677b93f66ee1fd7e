// End-to-end: `formpdf batch` checks every declaration before it prints it (docs/batch.md,
// "Checks"): the seed forms that `check` finds errors in are printed as written, counted per form
// in the summary and marked on the contents page; a structural error stops that form only;
// --strict stops every form with errors.

#include "support/command.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>

namespace formpdf {
namespace {

namespace fs = std::filesystem;
using testing::read_text;
using testing::run_command;
using testing::TempDir;
using testing::write_text;

const std::string kSourceDir = FORMPDF_SOURCE_DIR;
const std::string kDeclarations = kSourceDir + "/inputs/declarations";

testing::CommandResult batch(const std::vector<std::string>& args) {
    return testing::run_formpdf("batch", args);
}

std::string seed(const std::string& code) {
    return kDeclarations + "/" + code + ".yaml";
}

std::set<std::string> files_in(const fs::path& dir) {
    std::set<std::string> files;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with(".")) { // the batch's manifest (docs/batch.md)
            files.insert(name);
        }
    }
    return files;
}

bool has_file_starting(const fs::path& dir, const std::string& prefix) {
    for (const std::string& file : files_in(dir)) {
        if (file.starts_with(prefix)) {
            return true;
        }
    }
    return false;
}

// The line of `text` that holds `needle` (empty when none).
std::string line_with(const std::string& text, const std::string& needle) {
    const std::size_t at = text.find(needle);
    if (at == std::string::npos) {
        return {};
    }
    const std::size_t begin = text.rfind('\n', at);
    const std::size_t end = text.find('\n', at);
    return text.substr(begin == std::string::npos ? 0 : begin + 1,
                       end == std::string::npos
                           ? std::string::npos
                           : end - (begin == std::string::npos ? 0 : begin + 1));
}

TEST(BatchChecks, SeedFormsWithErrorsArePrintedCountedPerFormAndMarkedOnTheContentsPage) {
    // Before, the batch printed the three forms `check` finds errors in and said "0 warnings".
    TempDir dir;
    const fs::path out = dir / "out";
    const auto result = batch(
        {kDeclarations, "-o", out.string(), "--combined", "all.pdf", "--contents", "-j", "2"});
    EXPECT_EQ(result.exit_code, 3) << "done, with findings\n" << result.err;
    EXPECT_NE(result.out.find("41 forms, 41 rendered"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("0 failed, 3 errors in 3 forms, 2 warnings"), std::string::npos)
        << result.out;
    EXPECT_NE(result.out.find("printed with findings: " + seed("440304221061500600010") +
                              ":2:1 440304221061500600010 网格信息管理: 1 error, 0 warnings"),
              std::string::npos)
        << result.out;
    EXPECT_NE(result.out.find("440304221061500600011 民意速办: 1 error, 1 warning"),
              std::string::npos)
        << result.out;
    EXPECT_NE(result.out.find("440304221061500100028 预算准备金: 0 errors, 1 warning"),
              std::string::npos)
        << result.out;
    EXPECT_NE(result.err.find(seed("440304221061500600010") +
                              ":14:13: error: 项目概况 (overview) is required, but it is empty"),
              std::string::npos)
        << result.err;
    EXPECT_EQ(files_in(out).size(), 42u) << "every form, and the combined file";

    const auto contents = run_command(
        {"pdftotext", "-layout", "-f", "1", "-l", "2", (out / "all.pdf").string(), "-"});
    ASSERT_EQ(contents.exit_code, 0) << contents.err;
    EXPECT_NE(contents.out.find("共41份，其中3份有错误"), std::string::npos) << contents.out;
    for (const std::string code :
         {"440304221061500300035", "440304221061500600010", "440304221061500600011"}) {
        EXPECT_NE(line_with(contents.out, code).find("有错误"), std::string::npos) << code << "\n"
                                                                                   << contents.out;
    }
    for (const std::string code : {"440304221061500000003", "440304221061500100028"}) {
        EXPECT_EQ(line_with(contents.out, code).find("有错误"), std::string::npos)
            << code << ": a warning is not an error\n"
            << contents.out;
    }
}

TEST(BatchChecks, AMisspeltKeyStopsThatFormOnly) {
    TempDir dir;
    fs::create_directories(dir / "in");
    const std::string good = "440304221061500000003";
    fs::copy_file(seed(good), dir / "in" / (good + ".yaml"));
    const std::string typo = "440304221061500500012";
    write_text(dir / "in" / (typo + ".yaml"),
               std::regex_replace(read_text(seed(typo)), std::regex("\n  project_name:"),
                                  "\n  projectname:"));
    const fs::path out = dir / "out";
    const auto result = batch({(dir / "in").string(), "-o", out.string()});
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_NE(result.err.find(typo + ".yaml:5:16: error: unknown field 'projectname'"),
              std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("did you mean 'project_name'?"), std::string::npos) << result.err;
    EXPECT_NE(result.out.find("1 failed"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("missing: "), std::string::npos) << result.out;
    EXPECT_TRUE(has_file_starting(out, good + "-"));
    EXPECT_FALSE(has_file_starting(out, typo)) << "no PDF for the misspelt form";
    EXPECT_EQ(files_in(out).size(), 1u);
}

TEST(BatchChecks, StrictStopsEveryFormWithErrors) {
    TempDir dir;
    fs::create_directories(dir / "in");
    for (const std::string code :
         {"440304221061500000003", "440304221061500600010", "440304221061500100028"}) {
        fs::copy_file(seed(code), dir / "in" / (code + ".yaml"));
    }
    for (const std::string option : {"--strict", "--check"}) {
        const fs::path out = dir / ("out" + option);
        const auto result = batch({(dir / "in").string(), "-o", out.string(), option});
        EXPECT_EQ(result.exit_code, 2) << option << "\n" << result.err;
        EXPECT_NE(result.err.find("error: this form is not printed (--strict): 1 error"),
                  std::string::npos)
            << result.err;
        EXPECT_NE(result.out.find("2 rendered"), std::string::npos) << result.out;
        EXPECT_FALSE(has_file_starting(out, "440304221061500600010")) << option;
        // 预算准备金 has a warning only: --strict prints it.
        EXPECT_TRUE(has_file_starting(out, "440304221061500100028")) << option;
        EXPECT_TRUE(has_file_starting(out, "440304221061500000003")) << option;
    }
}

} // namespace
} // namespace formpdf
