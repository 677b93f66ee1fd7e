#include "support/command.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace formpdf::testing {

namespace {

std::string shell_quote(const std::string& arg) {
    std::string out = "'";
    for (char c : arg) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    return out + "'";
}

} // namespace

CommandResult run_command(const std::vector<std::string>& argv,
                          const std::vector<std::string>& env) {
    TempDir scratch;
    const auto out_path = scratch / "stdout";
    const auto err_path = scratch / "stderr";
    std::string command = "env";
    for (const auto& assignment : env) {
        command += ' ' + shell_quote(assignment);
    }
    for (const auto& arg : argv) {
        command += ' ' + shell_quote(arg);
    }
    command +=
        " </dev/null >" + shell_quote(out_path.string()) + " 2>" + shell_quote(err_path.string());
    const int status = std::system(command.c_str());
    CommandResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = read_text(out_path);
    result.err = read_text(err_path);
    return result;
}

std::string formpdf_binary() {
    return std::string(FORMPDF_BINARY_DIR) + "/formpdf";
}

CommandResult run_formpdf(const std::string& command, const std::vector<std::string>& args) {
    std::vector<std::string> argv = {formpdf_binary(), command};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv, {"SOURCE_DATE_EPOCH=1700000000"});
}

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

void write_text(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) {
        throw std::runtime_error("cannot write " + path.string());
    }
}

std::string without_whitespace(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = text[i];
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v') {
            continue;
        }
        if (text.compare(i, 3, "\u3000") == 0) { // ideographic space
            i += 2;
            continue;
        }
        out += static_cast<char>(c);
    }
    return out;
}

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "formpdf-test-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) {
        throw std::runtime_error("mkdtemp failed");
    }
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::vector<std::filesystem::path> seed_declaration_files() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(
             std::filesystem::path(FORMPDF_SOURCE_DIR) / "inputs" / "declarations")) {
        if (entry.path().extension() == ".yaml") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace formpdf::testing
