#include "cli/command.h"
#include "cli/helper_commands.h"
#include "core/messages.h"

#include <memory>

namespace formpdf::cli {

Command add_serve_command(CLI::App& app, std::function<int(const ServeArguments&)> run) {
    auto options = std::make_shared<ServeArguments>();
    CLI::App* cmd =
        app.add_subcommand("serve", N_("A local web app to fill in, check and print forms"));
    cmd->add_option("dir", options->dir, N_("The folder of declarations to work on"));
    cmd->add_option("--listen", options->listen,
                    N_("host:port to listen on (default 127.0.0.1:8080; port 0: any free port)"));
    cmd->add_option("--users", options->users,
                    N_("Users file (name:scrypt hash lines); sign-in required. Needed to listen on "
                       "an address other than loopback"));
    cmd->add_option(
        "--add-user", options->add_user,
        N_("Write user NAME into --users FILE, the password read from the terminal, and exit"));
    cmd->add_option("--tls-cert", options->tls_cert, N_("TLS certificate (PEM): serve HTTPS"));
    cmd->add_option("--tls-key", options->tls_key, N_("TLS private key (PEM)"));
    cmd->add_flag("--insecure-http", options->insecure_http,
                  N_("Allow plain HTTP on a non-loopback address (a network you trust)"));
    cmd->add_option("--layouts", options->layout_dirs,
                    N_("Search this folder for layouts first (repeatable)"));
    cmd->add_option("--font-dir", options->font_dirs,
                    N_("Search this folder for fonts first (repeatable)"));
    cmd->footer(N_("Binds 127.0.0.1:8080 by default; any other address needs --users and TLS or "
                   "--insecure-http. Exit codes: 0 stopped (Ctrl-C), 64 usage, 4 cannot listen or "
                   "read the folder, 2 a bad users file. See docs/serve.md."));

    return {cmd, [options, run = std::move(run)]() { return run(*options); }};
}

} // namespace formpdf::cli
