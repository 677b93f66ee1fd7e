#pragma once

// The formpdf program and its helper (docs/architecture.md, "Programs"). `formpdf serve`, `import`
// and `workbook` need libraries that the other commands do not (cpp-httplib and OpenSSL's TLS; the
// workbook readers and writer), and loading them cost every run ~1.7 ms and ~3.4 MiB
// (docs/performance.md). So the formpdf program does not link them: once it has parsed one of those
// command lines, it replaces itself (execv) with the helper, formpdf-full, which is the whole
// program, and which parses the same command line again and runs it. Signals, exit code and
// standard streams are the helper's.
//
// The helper is found beside the formpdf program (the build tree: build/formpdf-full) or in
// PREFIX/libexec/formpdf for PREFIX/bin/formpdf. It finds its data (layouts, fonts, messages)
// from the formpdf program's directory, which the program passes in the environment variable
// FORMPDF_PROGRAM_DIR (internal: set for the helper only).

#include <filesystem>
#include <string>
#include <vector>

namespace formpdf::cli {

// The helper's file name.
inline constexpr const char* kHelperProgramName = "formpdf-full";

// Where the formpdf program in `program_dir` looks for the helper, in order.
std::vector<std::filesystem::path>
helper_program_candidates(const std::filesystem::path& program_dir);

// Runs the helper with `argv` (the formpdf program's own arguments, unchanged): does not return
// when it starts. When it is not installed or cannot be started, prints why and returns the exit
// code (1: formpdf is incompletely installed; docs/exit-codes.md).
int run_helper_program(const std::string& command, char** argv);

// The directory of the formpdf program the user ran, where its data is found from
// (app::layout_search_dirs, app::font_search_dirs, app::locale_dir): the running program's own,
// or in the helper, the formpdf program's as take_program_dir_from_environment() found it.
std::filesystem::path program_dir();

// In the helper, before anything else: takes FORMPDF_PROGRAM_DIR out of the environment (so that
// the programs the helper starts do not see it) and makes it program_dir(). Without it (the
// helper run by hand), program_dir() stays the helper's own directory.
void take_program_dir_from_environment();

} // namespace formpdf::cli
