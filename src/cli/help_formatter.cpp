#include "cli/help_formatter.h"

namespace formpdf::cli {

namespace {

// "--no-forms{false}" → "--no-forms"
std::string without_flag_values(std::string name) {
    for (std::size_t open = name.find('{'); open != std::string::npos; open = name.find('{')) {
        const std::size_t close = name.find('}', open);
        if (close == std::string::npos) {
            break;
        }
        name.erase(open, close - open + 1);
    }
    return name;
}

} // namespace

std::string HelpFormatter::make_option_name(const CLI::Option* option, bool is_positional) const {
    return without_flag_values(CLI::Formatter::make_option_name(option, is_positional));
}

std::string HelpFormatter::make_option_opts(const CLI::Option* option) const {
    if (!option->get_option_text().empty()) {
        return " " + option->get_option_text();
    }
    std::string text;
    if (option->get_expected_max() != 0) { // a flag expects no value
        std::string type = option->get_type_name();
        // Transformers and checks append their tables ("ENUM:value in {...}"); a plain word only.
        if (type.empty() || type.find_first_of(":{ ") != std::string::npos) {
            type = "VALUE";
        }
        if (type == "TEXT") {
            type = "VALUE";
        } else if (type == "UINT" || type == "INT" || type == "NUMBER") {
            type = "N";
        }
        text += " " + type;
        if (!option->get_default_str().empty()) {
            text += "=" + option->get_default_str();
        }
        if (option->get_expected_max() > 1) {
            text += " ...";
        }
    }
    if (option->get_required()) {
        text += " (required)";
    }
    return text;
}

} // namespace formpdf::cli
