#include "cli/help_formatter.h"

#include "core/messages.h"
#include "core/terminal_text.h"

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

// CLI::detail::format_help, with the name padded to `width` terminal columns.
std::string format_help(const std::string& name, const std::string& description,
                        std::size_t width) {
    std::string out = "  " + name;
    if (description.empty()) {
        return out + "\n";
    }
    if (terminal_columns(out) >= width) {
        out += "\n";
        out.append(width, ' ');
    } else {
        out = pad_to_columns(std::move(out), width);
    }
    for (const char c : description) {
        out += c;
        if (c == '\n') {
            out.append(width, ' ');
        }
    }
    return out + "\n";
}

} // namespace

HelpFormatter::HelpFormatter() {
    for (const char* text :
         {N_("Usage"), N_("Positionals"), N_("Options"), N_("Subcommands"), N_("OPTIONS"),
          N_("SUBCOMMAND"), N_("REQUIRED"), N_("Needs"), N_("Excludes")}) {
        label(text, tr(text));
    }
}

std::string HelpFormatter::make_option_desc(const CLI::Option* option) const {
    return tr(option->get_description().c_str());
}

std::string HelpFormatter::make_description(const CLI::App* app) const {
    const std::string description = app->get_description();
    return description.empty() ? std::string() : std::string(tr(description.c_str())) + "\n";
}

std::string HelpFormatter::make_footer(const CLI::App* app) const {
    const std::string footer = app->get_footer();
    return footer.empty() ? std::string() : std::string(tr(footer.c_str())) + "\n";
}

std::string HelpFormatter::make_subcommand(const CLI::App* sub) const {
    return format_help(sub->get_display_name(), tr(sub->get_description().c_str()), column_width_);
}

std::string HelpFormatter::make_option(const CLI::Option* option, bool is_positional) const {
    return format_help(make_option_name(option, is_positional) + make_option_opts(option),
                       make_option_desc(option), column_width_);
}

std::string HelpFormatter::make_group(std::string group, bool is_positional,
                                      std::vector<const CLI::Option*> options) const {
    return CLI::Formatter::make_group(tr(group.c_str()), is_positional, std::move(options));
}

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
        if (type.empty() || type.find_first_of(":{ ") != std::string::npos || type == "TEXT") {
            type = tr("VALUE");
        } else if (type == "UINT" || type == "INT" || type == "NUMBER") {
            type = tr("N");
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
        text += " ";
        text += tr("(required)");
    }
    return text;
}

} // namespace formpdf::cli
