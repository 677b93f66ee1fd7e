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
