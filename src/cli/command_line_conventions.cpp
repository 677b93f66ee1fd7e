#include "cli/command_line_conventions.h"

#include "core/terminal_text.h"
#include "load/name_suggestion.h"

#include <string_view>

namespace formpdf::cli {

void one_value_per_option(CLI::App& app) {
    for (CLI::App* command : app.get_subcommands({})) {
        for (CLI::Option* option : command->get_options()) {
            if (!option->get_positional() && option->get_items_expected_max() > 1) {
                option->allow_extra_args(false);
            }
        }
    }
}

std::optional<std::vector<std::string>> help_request(const std::vector<std::string>& arguments) {
    if (arguments.empty() || arguments[0] != "help") {
        return std::nullopt;
    }
    std::vector<std::string> rewritten;
    if (arguments.size() > 1) {
        rewritten.push_back(arguments[1]);
    }
    rewritten.emplace_back("--help");
    return rewritten;
}

std::optional<std::string> unknown_command_message(const CLI::App& app,
                                                   const std::vector<std::string>& arguments) {
    if (arguments.empty() || arguments[0].empty() || arguments[0][0] == '-') {
        return std::nullopt;
    }
    std::vector<std::string> names;
    for (const CLI::App* command : app.get_subcommands({})) {
        if (command->get_name() == arguments[0]) {
            return std::nullopt;
        }
        names.push_back(command->get_name());
    }
    names.emplace_back("help");
    std::vector<std::string_view> candidates(names.begin(), names.end());
    std::string message = "unknown command '";
    message += terminal_safe(arguments[0]);
    message += "'";
    if (const auto match = load::closest_match(arguments[0], candidates)) {
        message += "; did you mean '";
        message += *match;
        message += "'?";
    } else {
        message += "; the commands are ";
        message += load::join_names(candidates);
    }
    return message;
}

} // namespace formpdf::cli
