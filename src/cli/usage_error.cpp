#include "cli/usage_error.h"

#include "core/messages.h"
#include "core/terminal_text.h"

#include <vector>

namespace formpdf::cli {

namespace {

bool is_option(const std::string& argument) {
    return argument.size() > 1 && argument[0] == '-';
}

// The extras of the app and of the subcommand that was given, in command-line order.
std::vector<std::string> unexpected_arguments(CLI::App& app) {
    std::vector<std::string> extras = app.remaining(true);
    return extras;
}

} // namespace

std::string usage_error_message(CLI::App& app, const CLI::ParseError& error) {
    if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr) {
        // CLI11: "--output is required", "input is required"
        const std::string what = error.what();
        const std::string suffix = " is required";
        if (what.size() > suffix.size() && what.ends_with(suffix)) {
            return tr("{0} is required",
                      {terminal_safe(what.substr(0, what.size() - suffix.size()))});
        }
    }
    if (dynamic_cast<const CLI::ExtrasError*>(&error) == nullptr) {
        return terminal_safe(error.what());
    }
    const std::vector<std::string> extras = unexpected_arguments(app);
    std::string options;
    std::string others;
    std::size_t hidden = 0;
    for (std::size_t i = 0; i < extras.size(); ++i) {
        const std::string& argument = extras[i];
        if (is_option(argument)) {
            const std::string name = argument.substr(0, argument.find('='));
            options += (options.empty() ? "" : ", ") + ("'" + terminal_safe(name) + "'");
            if (name.size() != argument.size()) {
                ++hidden; // --pasword=hunter2
            } else if (i + 1 < extras.size() && !is_option(extras[i + 1])) {
                ++hidden; // the value of the unknown option
                ++i;
            }
        } else {
            others += (others.empty() ? "" : ", ") + ("'" + terminal_safe(argument) + "'");
        }
    }
    if (options.empty() && others.empty()) {
        return terminal_safe(error.what());
    }
    std::string message;
    if (!options.empty()) {
        message = hidden > 0 ? tr("unknown option {0} (its value is not shown)", {options})
                             : tr("unknown option {0}", {options});
    }
    if (!others.empty()) {
        message += message.empty() ? "" : "; ";
        message += tr("unexpected argument {0}", {others});
    }
    return message;
}

} // namespace formpdf::cli
