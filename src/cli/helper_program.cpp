#include "cli/helper_program.h"

#include "app/environment.h"
#include "core/exit_code.h"
#include "core/messages.h"
#include "core/terminal_text.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <unistd.h>

namespace formpdf::cli {

namespace {

// Internal: the formpdf program's directory, set for the helper only (helper_program.h).
constexpr const char* kProgramDirVariable = "FORMPDF_PROGRAM_DIR";

std::filesystem::path& program_dir_from_environment() {
    static std::filesystem::path dir;
    return dir;
}

} // namespace

std::vector<std::filesystem::path>
helper_program_candidates(const std::filesystem::path& program_dir) {
    if (program_dir.empty()) {
        return {};
    }
    // FORMPDF_HELPER_DIR_FROM_BINDIR: CMAKE_INSTALL_LIBEXECDIR/formpdf seen from
    // CMAKE_INSTALL_BINDIR ("../libexec/formpdf"), so that a copy of the installed tree under any
    // prefix finds its helper (src/cli/CMakeLists.txt).
    return {program_dir / kHelperProgramName,
            (program_dir / FORMPDF_HELPER_DIR_FROM_BINDIR / kHelperProgramName).lexically_normal()};
}

int run_helper_program(const std::string& command, char** argv) {
    const std::filesystem::path own_dir = app::executable_dir();
    const std::vector<std::filesystem::path> candidates = helper_program_candidates(own_dir);
    for (const std::filesystem::path& helper : candidates) {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(helper, ec)) {
            continue;
        }
        ::setenv(kProgramDirVariable, own_dir.c_str(), 1);
        std::cout.flush();
        std::cerr.flush();
        std::fflush(nullptr);
        ::execv(helper.c_str(), argv);
        const int error = errno; // execv returns only when the helper could not be started
        std::cerr << "formpdf: " << tr("error") << ": "
                  << tr("cannot start {0}: {1}",
                        {terminal_safe(helper.string()), std::strerror(error)})
                  << '\n'
                  << tr("hint") << ": "
                  << tr("install formpdf again: 'formpdf {0}' runs in that program", {command})
                  << '\n';
        return static_cast<int>(ExitCode::Internal);
    }
    std::string looked_in;
    for (const std::filesystem::path& helper : candidates) {
        looked_in += looked_in.empty() ? "" : ", ";
        looked_in += helper.parent_path().string();
    }
    std::cerr << "formpdf: " << tr("error") << ": "
              << tr("'formpdf {0}' runs in the program {1}, which is not installed (looked in: "
                    "{2})",
                    {command, kHelperProgramName, terminal_safe(looked_in)})
              << '\n'
              << tr("hint") << ": "
              << tr("install formpdf again; in a build tree, build it: cmake --build build "
                    "--target {0}",
                    {kHelperProgramName})
              << '\n';
    return static_cast<int>(ExitCode::Internal);
}

std::filesystem::path program_dir() {
    const std::filesystem::path& passed = program_dir_from_environment();
    return passed.empty() ? app::executable_dir() : passed;
}

void take_program_dir_from_environment() {
    if (const char* dir = std::getenv(kProgramDirVariable); dir != nullptr && *dir != '\0') {
        program_dir_from_environment() = dir;
    }
    ::unsetenv(kProgramDirVariable);
}

} // namespace formpdf::cli
