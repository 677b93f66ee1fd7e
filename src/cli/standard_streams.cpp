#include "cli/standard_streams.h"

#include "cli/command.h"
#include "core/diagnostic.h"
#include "core/exit_code.h"
#include "core/file_io.h"
#include "core/messages.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <unistd.h>
#include <vector>

namespace formpdf::cli {

namespace {

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    if (from.empty()) {
        return text;
    }
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

} // namespace

StandardStreams::~StandardStreams() {
    if (!folder_.empty()) {
        std::error_code ec;
        std::filesystem::remove_all(folder_, ec);
    }
}

const std::filesystem::path& StandardStreams::folder() {
    if (folder_.empty()) {
        std::error_code ec;
        std::filesystem::path base = std::filesystem::temp_directory_path(ec);
        if (ec) {
            base = "/tmp";
        }
        std::string pattern = (base / "formpdf-XXXXXX").string();
        std::vector<char> buffer(pattern.begin(), pattern.end());
        buffer.push_back('\0');
        if (mkdtemp(buffer.data()) == nullptr) {
            throw IoError(tr("cannot make a private folder in {0}: {1}",
                             {base.string(), std::strerror(errno)}));
        }
        folder_ = buffer.data();
    }
    return folder_;
}

std::filesystem::path StandardStreams::save_input(const std::string& file_name,
                                                  std::size_t max_bytes) {
    std::string data;
    char chunk[65536];
    for (;;) {
        const std::size_t got = std::fread(chunk, 1, sizeof chunk, stdin);
        if (got > 0) {
            if (data.size() + got > max_bytes) {
                throw DiagnosticError(make_error(
                    SourceLoc{"<stdin>", 0, 0},
                    tr("standard input is larger than {0} MiB, the most a declaration may have",
                       {std::to_string(max_bytes / (1024 * 1024))}),
                    tr("split the declarations into several files")));
            }
            data.append(chunk, got);
        }
        if (got < sizeof chunk) {
            if (std::ferror(stdin)) {
                throw IoError(tr("cannot read standard input: {0}", {std::strerror(errno)}));
            }
            break;
        }
    }
    const std::filesystem::path path = folder() / file_name;
    std::ofstream out(path, std::ios::binary);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    out.close();
    if (!out) {
        throw IoError(tr("cannot save standard input to {0}", {path.string()}));
    }
    input_ = path;
    return path;
}

std::filesystem::path StandardStreams::output_path(const std::string& file_name) {
    return folder() / file_name;
}

void StandardStreams::copy_to_stdout(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw IoError(tr("cannot read {0}", {file.string()}));
    }
    std::fflush(stdout);
    char chunk[65536];
    while (in) {
        in.read(chunk, sizeof chunk);
        const auto got = static_cast<std::size_t>(in.gcount());
        std::size_t written = 0;
        while (written < got) {
            const ssize_t n = ::write(STDOUT_FILENO, chunk + written, got - written);
            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                throw IoError(tr("cannot write to standard output: {0}", {std::strerror(errno)}));
            }
            written += static_cast<std::size_t>(n);
        }
    }
}

app::JobResult StandardStreams::named_for_user(app::JobResult result) const {
    if (!input_) {
        return result;
    }
    app::JobResult renamed;
    renamed.exit_code = result.exit_code;
    const std::string path = input_->string();
    for (Diagnostic diagnostic : result.diagnostics.items()) {
        if (diagnostic.loc.file == path) {
            diagnostic.loc.file = "<stdin>";
        }
        diagnostic.message = replaced(diagnostic.message, path, "<stdin>");
        diagnostic.hint = replaced(diagnostic.hint, path, "<stdin>");
        renamed.diagnostics.add(std::move(diagnostic));
    }
    return renamed;
}

app::JobResult StandardStreams::deliver(app::JobResult result, const std::filesystem::path& output,
                                        bool to_stdout) {
    const bool written = result.exit_code == ExitCode::Success ||
                         result.exit_code == ExitCode::Warnings; // printed, with findings
    if (!written) {
        return result;
    }
    if (!to_stdout) {
        report_written(output);
        return result;
    }
    app::JobResult copied = app::run_job([&](app::JobResult&) { copy_to_stdout(output); });
    return copied.exit_code == ExitCode::Success ? result : copied;
}

std::string StandardStreams::named_for_user(std::string text) const {
    return input_ ? replaced(std::move(text), input_->string(), "<stdin>") : text;
}

bool StandardStreams::refuse_terminal_output(const char* what) {
    if (isatty(STDOUT_FILENO) != 1) {
        return false;
    }
    std::cerr << "formpdf: " << tr("error") << ": "
              << tr("standard output is a terminal, not a place for {0}", {tr(what)}) << '\n'
              << tr("hint") << ": " << tr("redirect it (… -o - > FILE), or name a file with -o")
              << '\n';
    return true;
}

std::filesystem::path StandardStreams::output_or_private(const std::filesystem::path& path,
                                                         const std::string& file_name) {
    return path == "-" ? output_path(file_name) : path;
}

} // namespace formpdf::cli
