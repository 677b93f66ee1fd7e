#include "app/verify_job.h"
#include "cli/command.h"
#include "cli/standard_streams.h"
#include "core/exit_code.h"
#include "core/messages.h"

#include <iostream>
#include <memory>

namespace formpdf::cli {

Command add_verify_command(CLI::App& app) {
    auto request = std::make_shared<app::VerifyRequest>();
    CLI::App* cmd = app.add_subcommand(
        "verify",
        N_("Check every signature of a PDF; exit 0 only if all are valid (exit 5 if not)"));
    cmd->add_option("input", request->input, N_("The signed PDF; - reads standard input"))
        ->required();
    cmd->add_option("--trust", request->trusted,
                    N_("PEM file of trusted CA certificates: also check each signer's chain"));
    return {cmd, [request]() {
                // `verify -`: the PDF read from standard input (a pipe from a download).
                StandardStreams streams;
                app::VerifyRequest given = *request;
                if (given.input == "-") {
                    const app::JobResult saved = app::run_job([&](app::JobResult&) {
                        given.input = streams.save_input("stdin.pdf", std::size_t{1} << 30);
                    });
                    if (saved.exit_code != ExitCode::Success) {
                        return report(saved);
                    }
                }
                std::string text;
                const app::JobResult result = app::verify(given, text);
                std::cout << streams.named_for_user(std::move(text)) << std::flush;
                return report(streams.named_for_user(result));
            }};
}

} // namespace formpdf::cli
