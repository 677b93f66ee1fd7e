// `formpdf serve`'s work, in the helper program (helper_commands.h).

#include "app/environment.h"
#include "cli/command.h"
#include "cli/helper_commands.h"
#include "cli/helper_program.h"
#include "core/diagnostic.h"
#include "core/file_io.h"
#include "core/messages.h"
#include "serve/users.h"
#include "serve/web_server.h"

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <pthread.h>
#include <termios.h>
#include <thread>
#include <unistd.h>

namespace formpdf::cli {

namespace {

// One line from stdin; on a terminal without echo, after a prompt on stderr.
std::string read_password(const char* prompt) {
    const bool terminal = ::isatty(STDIN_FILENO) != 0;
    termios saved{};
    if (terminal) {
        std::cerr << prompt << std::flush;
        ::tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string password;
    std::getline(std::cin, password);
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::cerr << '\n';
    }
    if (!password.empty() && password.back() == '\r') {
        password.pop_back();
    }
    return password;
}

int add_user(const std::string& name, const std::optional<std::filesystem::path>& users_file) {
    if (!users_file) {
        std::cerr << "formpdf: " << tr("error") << ": "
                  << tr("--add-user needs --users FILE (the file to write)") << '\n'
                  << tr("hint") << ": formpdf serve --add-user " << name << " --users users.txt\n";
        return static_cast<int>(ExitCode::Usage);
    }
    const std::string password = read_password("密码 (password): ");
    if (::isatty(STDIN_FILENO) != 0 && read_password("再输一次 (again): ") != password) {
        std::cerr << "formpdf: " << tr("error") << ": "
                  << tr("the two passwords differ; nothing written") << '\n';
        return static_cast<int>(ExitCode::Usage);
    }
    if (password.size() < 8) {
        std::cerr << "formpdf: " << tr("error") << ": "
                  << tr("a password of fewer than 8 characters is refused; nothing written")
                  << '\n';
        return static_cast<int>(ExitCode::Usage);
    }
    app::JobResult result =
        app::run_job([&](app::JobResult&) { serve::add_user(*users_file, name, password); });
    if (result.exit_code == ExitCode::Success) {
        std::cerr << "formpdf serve: "
                  << tr("user {0} written to {1}", {name, users_file->string()}) << '\n';
    }
    return report(result);
}

} // namespace

int run_serve(const ServeArguments& arguments) {
    if (arguments.add_user) {
        return add_user(*arguments.add_user, arguments.users);
    }
    if (!arguments.dir) {
        std::cerr << "formpdf: " << tr("error") << ": "
                  << tr("serve needs the folder of declarations") << '\n'
                  << tr("hint") << ": formpdf serve inputs/declarations\n";
        return static_cast<int>(ExitCode::Usage);
    }
    serve::ServeOptions serve;
    serve.dir = *arguments.dir;
    if (arguments.listen) {
        serve.listen = *arguments.listen;
    }
    serve.users_file = arguments.users;
    serve.tls_cert = arguments.tls_cert;
    serve.tls_key = arguments.tls_key;
    serve.insecure_http = arguments.insecure_http;
    int exit_code = 0;
    if (!document_time_from_environment(serve.creation_time, exit_code)) {
        return exit_code;
    }
    serve.font_dirs = app::font_search_dirs(arguments.font_dirs, std::getenv("FORMPDF_FONT_PATH"),
                                            {}, program_dir());
    serve.layout_dirs = app::layout_search_dirs(arguments.layout_dirs, program_dir());
    app::JobResult refused = app::run_job([&](app::JobResult& result) {
        if (const auto refusal = serve::refuse_unsafe_options(serve)) {
            result.diagnostics.add(make_error({}, refusal->message, refusal->hint));
            result.exit_code = ExitCode::Usage;
        }
    });
    if (refused.exit_code != ExitCode::Success) {
        if (refused.exit_code == ExitCode::InputError) {
            refused.exit_code = ExitCode::Usage; // a bad --listen
        }
        return report(refused);
    }
    // Ctrl-C and SIGTERM stop the server from a thread of their own (stop() is not safe in a
    // signal handler): blocked here, before any thread starts.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::unique_ptr<serve::WebServer> server;
    app::JobResult started = app::run_job([&](app::JobResult&) {
        server = std::make_unique<serve::WebServer>(serve);
        server->bind();
    });
    if (started.exit_code != ExitCode::Success) {
        return report(started);
    }
    std::thread([&server, signals] {
        int signal = 0;
        sigwait(&signals, &signal);
        server->stop();
    }).detach();
    std::cout << "formpdf serve: " << server->url() << "  "
              << tr("({0}; Ctrl-C to stop)", {serve.dir.string()}) << std::endl;
    server->run();
    // Before main's _Exit: waits for running print jobs and removes the private folder of
    // uploads and print files.
    server.reset();
    return 0;
}

} // namespace formpdf::cli
