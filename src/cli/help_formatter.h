#pragma once

#include <CLI/CLI.hpp>

namespace formpdf::cli {

// The help text a person reads, without the parser's internals: no `--no-forms{false}` (the flag's
// stored value), no `ENUM:value in {code->0,…}` (the transformer's table); a value is shown as
// VALUE, or as the option's own text (`option_text`), with its default and "(required)".
// Descriptions, footers and labels are shown in the chosen language (core/messages.h).
class HelpFormatter : public CLI::Formatter {
public:
    HelpFormatter();
    std::string make_option_desc(const CLI::Option* option) const override;
    std::string make_description(const CLI::App* app) const override;
    std::string make_footer(const CLI::App* app) const override;
    std::string make_subcommand(const CLI::App* sub) const override;
    std::string make_group(std::string group, bool is_positional,
                           std::vector<const CLI::Option*> options) const override;
    std::string make_option_name(const CLI::Option* option, bool is_positional) const override;
    std::string make_option_opts(const CLI::Option* option) const override;
    // The columns lined up as a terminal shows them: a Chinese character takes two columns, not
    // its three bytes (CLI11 pads by bytes).
    std::string make_option(const CLI::Option* option, bool is_positional) const override;
};

} // namespace formpdf::cli
