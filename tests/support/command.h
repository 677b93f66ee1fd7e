#pragma once

// Runs programs from tests: the formpdf CLI and the PDF tools (pdffonts, pdftotext, qpdf).

#include <filesystem>
#include <string>
#include <vector>

namespace formpdf::testing {

struct CommandResult {
    int exit_code = -1;
    std::string out; // stdout
    std::string err; // stderr
};

// Runs argv (no shell interpretation of the arguments) with extra environment assignments
// ("NAME=value") and returns its exit code and output.
CommandResult run_command(const std::vector<std::string>& argv,
                          const std::vector<std::string>& env = {});

// build/formpdf
std::string formpdf_binary();

// `formpdf COMMAND ARGS...` with SOURCE_DATE_EPOCH fixed (1700000000), so that runs compare
// byte for byte.
CommandResult run_formpdf(const std::string& command, const std::vector<std::string>& args);

// The environment of a user whose locale is Chinese, and of one whose locale is not, for
// run_command() in the tests of the messages (docs/messages.md).
inline const std::vector<std::string> kChineseLocale = {"LANG=zh_CN.UTF-8",
                                                        "LC_ALL=", "LC_MESSAGES="};
inline const std::vector<std::string> kEnglishLocale = {"LANG=C.UTF-8", "LC_ALL=", "LC_MESSAGES="};

// The 41 seed declarations, inputs/declarations/*.yaml of the checkout, in path order.
std::vector<std::filesystem::path> seed_declaration_files();

std::string read_text(const std::filesystem::path& path);
void write_text(const std::filesystem::path& path, const std::string& text);

// The text with every kind of white space (ASCII and U+3000) removed, to compare extracted text.
std::string without_whitespace(const std::string& text);

// A fresh temporary directory, removed with its contents when the object goes.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

} // namespace formpdf::testing
