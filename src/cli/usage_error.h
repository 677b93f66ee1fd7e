#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace formpdf::cli {

// The message for a command line CLI11 could not parse, safe to print: arguments it did not expect
// are named only when they are options (`--pasword`); a value after such an option is counted, not
// shown, since a mistyped option is often followed by a secret (`--pasword hunter2`). Control and
// bidi characters from argv are escaped (terminal_safe).
std::string usage_error_message(CLI::App& app, const CLI::ParseError& error);

} // namespace formpdf::cli
