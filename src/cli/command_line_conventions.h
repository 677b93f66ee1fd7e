#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace formpdf::cli {

// Options that may be repeated (--layouts, --font-dir) take one value per occurrence, so that such
// an option before the input (`formpdf render --layouts DIR FILE.yaml`) does not swallow the input.
void one_value_per_option(CLI::App& app);

// `formpdf help [COMMAND]` is `formpdf [COMMAND] --help`: the arguments rewritten, or nullopt when
// they are not a help request.
std::optional<std::vector<std::string>> help_request(const std::vector<std::string>& arguments);

// When the first argument names no command: "unknown command 'rendr'; did you mean 'render'?".
// nullopt when it is a command or an option.
std::optional<std::string> unknown_command_message(const CLI::App& app,
                                                   const std::vector<std::string>& arguments);

// Takes `--lang zh|en` (or `--lang=zh`) out of the arguments, wherever it is, and chooses the
// language: the option, else Chinese for `serve` (its pages are Chinese), else the environment
// (LC_ALL, LC_MESSAGES, LANG). Chosen before the
// commands are made, since their help text is in that language. Returns false, with a message,
// for a language formpdf does not speak.
bool take_language_option(std::vector<std::string>& arguments, std::string& error);

} // namespace formpdf::cli
