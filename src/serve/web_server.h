#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace formpdf::serve {

// What `formpdf serve` was asked for (docs/serve.md).
struct ServeOptions {
    std::filesystem::path dir;             // the declarations; nothing outside it is served
    std::string listen = "127.0.0.1:8080"; // host:port; [v6]:port; port 0: any free port
    std::optional<std::filesystem::path> users_file; // --users: sign-in required
    std::optional<std::filesystem::path> tls_cert;   // --tls-cert and --tls-key: HTTPS
    std::optional<std::filesystem::path> tls_key;
    bool insecure_http = false; // --insecure-http: plain HTTP on a non-loopback address
    std::vector<std::filesystem::path> layout_dirs;
    std::vector<std::filesystem::path> font_dirs;
    std::int64_t creation_time = 0; // the PDFs' date (SOURCE_DATE_EPOCH or the start)
    std::size_t max_upload_bytes = 32 * 1024 * 1024; // an export, as `import` caps it
    std::size_t max_json_bytes = 4 * 1024 * 1024;    // a declaration sent by the page
    int login_max_failures = 5;                      // then refused for login_window
    std::chrono::seconds login_window{60};
};

struct ListenAddress {
    std::string host;
    int port = 0;
    bool loopback = false; // 127.0.0.0/8, ::1 or localhost
};

// Reads "127.0.0.1:8080", "[::1]:8080", "localhost:8080", "0.0.0.0:8443". Throws
// DiagnosticError (a usage error) for anything else.
ListenAddress parse_listen_address(std::string_view text);

// Why the options must not be served as given (docs/serve.md, "Security"): a non-loopback
// address without --users, or without TLS or --insecure-http; a certificate without its key.
// Empty when they are fine. The caller exits with 64.
struct Refusal {
    std::string message;
    std::string hint;
};
std::optional<Refusal> refuse_unsafe_options(const ServeOptions& options);

// The web app over one folder. Construction loads the users file and checks the folder (throws
// DiagnosticError, IoError); bind() takes the address (IoError when it cannot); run() serves
// until stop() is called from another thread (or a signal handler thread).
class WebServer {
public:
    explicit WebServer(ServeOptions options);
    ~WebServer();
    WebServer(const WebServer&) = delete;
    WebServer& operator=(const WebServer&) = delete;

    // Returns the port bound (the asked one, or the one chosen for port 0).
    int bind();
    void run();
    void stop();
    // "http://127.0.0.1:8080/" once bound.
    std::string url() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace formpdf::serve
