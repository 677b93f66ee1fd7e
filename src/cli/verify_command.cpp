#include "app/verify_job.h"
#include "cli/command.h"
#include "core/messages.h"

#include <iostream>
#include <memory>

namespace formpdf::cli {

Command add_verify_command(CLI::App& app) {
    auto request = std::make_shared<app::VerifyRequest>();
    CLI::App* cmd = app.add_subcommand(
        "verify",
        N_("Check every signature of a PDF; exit 0 only if all are valid (exit 5 if not)"));
    cmd->add_option("input", request->input, N_("The signed PDF"))->required();
    cmd->add_option("--trust", request->trusted,
                    N_("PEM file of trusted CA certificates: also check each signer's chain"));
    return {cmd, [request]() {
                std::string text;
                const app::JobResult result = app::verify(*request, text);
                std::cout << text << std::flush;
                return report(result);
            }};
}

} // namespace formpdf::cli
