#pragma once

// The formpdf command line, shared by the formpdf program and its helper (helper_program.h):
// chooses the language, parses argv with every command's options (<name>_command.cpp) and runs
// the command given; serve, import and workbook through `actions`.

#include "cli/helper_commands.h"

namespace formpdf::cli {

// Returns the exit code when the command line is wrong or asks for help; else ends the process
// with the command's exit code.
int run_program(int argc, char** argv, const HelperCommandActions& actions);

} // namespace formpdf::cli
