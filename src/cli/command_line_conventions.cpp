#include "cli/command_line_conventions.h"

#include "app/environment.h"
#include "cli/helper_program.h"
#include "core/messages.h"
#include "core/terminal_text.h"
#include "load/name_suggestion.h"

#include <cstdlib>
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
    const std::string given = terminal_safe(arguments[0]);
    if (const auto match = load::closest_match(arguments[0], candidates)) {
        return tr("unknown command '{0}'; did you mean '{1}'?", {given, *match});
    }
    return tr("unknown command '{0}'; the commands are {1}", {given, load::join_names(candidates)});
}

bool take_language_option(std::vector<std::string>& arguments, std::string& error) {
    Language language = language_from_environment(std::getenv("LC_ALL"), std::getenv("LC_MESSAGES"),
                                                  std::getenv("LANG"));
    std::vector<std::string> rest;
    std::optional<std::string> asked;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& argument = arguments[i];
        if (argument == "--") { // what follows is inputs, not options
            rest.insert(rest.end(), arguments.begin() + static_cast<std::ptrdiff_t>(i),
                        arguments.end());
            break;
        }
        if (argument == "--lang" && i + 1 < arguments.size()) {
            asked = arguments[++i];
        } else if (argument.rfind("--lang=", 0) == 0) {
            asked = argument.substr(7);
        } else {
            rest.push_back(argument);
        }
    }
    arguments = std::move(rest);
    // The web app's pages are Chinese, and the findings it shows beside the cells come from the
    // same checks: `serve` speaks Chinese unless --lang says otherwise.
    if (!asked && !arguments.empty() && arguments.front() == "serve") {
        language = Language::Chinese;
    }
    if (asked && !parse_language(*asked, language)) {
        // Said in the environment's language, since the one asked for is not known.
        set_language(language, app::locale_dir(program_dir()).string());
        error = tr("--lang {0}: the languages are zh and en", {terminal_safe(*asked)});
        return false;
    }
    set_language(language, app::locale_dir(program_dir()).string());
    return true;
}

} // namespace formpdf::cli
