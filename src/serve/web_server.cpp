#include "serve/web_server.h"

#include "core/diagnostic.h"
#include "core/file_io.h"
#include "core/messages.h"
#include "serve/server_state.h"
#include "serve/users.h"
#include "serve/web_assets.h"

#include <charconv>
#include <cstdlib>
#include <unistd.h>

namespace formpdf::serve {

namespace {

constexpr const char* kSessionCookie = "formpdf_session";

bool is_loopback_host(const std::string& host) {
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

std::string cookie_value(const httplib::Request& request, const std::string& name) {
    const std::string header = request.get_header_value("Cookie");
    std::size_t start = 0;
    while (start < header.size()) {
        std::size_t end = header.find(';', start);
        if (end == std::string::npos) {
            end = header.size();
        }
        std::string part = header.substr(start, end - start);
        const std::size_t first = part.find_first_not_of(' ');
        part = first == std::string::npos ? "" : part.substr(first);
        if (part.rfind(name + "=", 0) == 0) {
            return part.substr(name.size() + 1);
        }
        start = end + 1;
    }
    return {};
}

std::string session_cookie(const ServerState& state, const std::string& token, bool expire) {
    std::string cookie =
        std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
    if (state.tls) {
        cookie += "; Secure";
    }
    if (expire) {
        cookie += "; Max-Age=0";
    }
    return cookie;
}

// The Host header a browser sends to the address we listen on. On a loopback address nothing
// else is accepted: a page of another site that has its name resolve to 127.0.0.1 (DNS
// rebinding) would otherwise reach the server as a same-origin page.
bool host_allowed(const ServerState& state, const httplib::Request& request) {
    if (!state.address.loopback) {
        return true;
    }
    const std::string host = request.get_header_value("Host");
    const std::string port = ":" + std::to_string(state.port);
    for (const char* name : {"127.0.0.1", "localhost", "[::1]"}) {
        if (host == std::string(name) + port) {
            return true;
        }
    }
    return state.address.host != "127.0.0.1" && state.address.host != "localhost" &&
           state.address.host != "::1" && host == state.address.host + port;
}

void add_security_headers(httplib::Response& response) {
    response.set_header("X-Content-Type-Options", "nosniff");
    response.set_header("X-Frame-Options", "SAMEORIGIN");
    response.set_header("Referrer-Policy", "no-referrer");
    response.set_header("Content-Security-Policy",
                        "default-src 'self'; frame-src 'self' blob:; object-src 'self' blob:; "
                        "img-src 'self' blob: data:; frame-ancestors 'self'; form-action 'self'");
}

// The checks every request passes before its route: the Host, a session for /api/ (but the
// session and sign-in endpoints), and the CSRF token for every change.
httplib::Server::HandlerResponse check_request(ServerState& state, const httplib::Request& request,
                                               httplib::Response& response) {
    add_security_headers(response);
    if (!host_allowed(state, request)) {
        send_error(response, 421, "这个地址不由本服务器提供 (unexpected Host header)",
                   "open the address formpdf serve printed");
        return httplib::Server::HandlerResponse::Handled;
    }
    if (request.target.find("..") != std::string::npos) {
        send_error(response, 403, "路径被拒绝 (a path with '..' is refused)");
        return httplib::Server::HandlerResponse::Handled;
    }
    if (request.path.rfind("/api/", 0) != 0) {
        return httplib::Server::HandlerResponse::Unhandled;
    }
    response.set_header("Cache-Control", "no-store");
    if (request.path == "/api/session" || request.path == "/api/login") {
        return httplib::Server::HandlerResponse::Unhandled;
    }
    const std::optional<Session> session =
        state.sessions.find(cookie_value(request, kSessionCookie));
    if (!session) {
        send_error(response, 401, "请先登录 (sign in first)");
        return httplib::Server::HandlerResponse::Handled;
    }
    if (request.method != "GET" && request.method != "HEAD" &&
        !same_secret(request.get_header_value("X-CSRF-Token"), session->csrf)) {
        send_error(response, 403,
                   "请求缺少有效的 CSRF 令牌，已拒绝 (missing or wrong X-CSRF-Token)",
                   "reload the page");
        return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
}

void add_session_routes(httplib::Server& server, ServerState& state) {
    server.Get("/api/session",
               [&state](const httplib::Request& request, httplib::Response& response) {
                   guarded(response, [&] {
                       const std::string token = cookie_value(request, kSessionCookie);
                       std::optional<Session> session = state.sessions.find(token);
                       if (!session && state.users.empty()) {
                           // No sign-in on loopback without --users: a session all the same, for
                           // its CSRF token.
                           const std::string created = state.sessions.create("");
                           response.set_header("Set-Cookie", session_cookie(state, created, false));
                           session = state.sessions.find(created);
                       }
                       Json body = Json::object();
                       body["login_required"] = !state.users.empty();
                       body["signed_in"] = session.has_value();
                       body["user"] = session ? session->user : "";
                       body["csrf"] = session ? session->csrf : "";
                       send_json(response, 200, body);
                   });
               });
    server.Post("/api/login", [&state](const httplib::Request& request,
                                       httplib::Response& response) {
        guarded(response, [&] {
            if (request.body.size() > 4096) {
                throw BadRequest("the sign-in request is too large");
            }
            const Json body = parse_json_body(request.body, 4);
            const std::string user = body.value("user", "");
            const std::string password = body.value("password", "");
            const std::string address_key = "address:" + request.remote_addr;
            const std::string user_key = "user:" + user;
            const long wait = std::max(state.limiter.wait_seconds(address_key),
                                       state.limiter.wait_seconds(user_key));
            if (wait > 0) {
                response.set_header("Retry-After", std::to_string(wait));
                send_error(response, 429,
                           "登录失败次数过多，请 " + std::to_string(wait) +
                               " 秒后再试 (too many failed sign-ins)");
                return;
            }
            const auto found = state.users.find(user);
            // An unknown name costs the same scrypt as a known one.
            static const std::string kDecoy = hash_password("formpdf decoy password");
            const bool valid =
                verify_password(password, found == state.users.end() ? kDecoy : found->second) &&
                found != state.users.end();
            if (!valid) {
                state.limiter.failed(address_key);
                state.limiter.failed(user_key);
                send_error(response, 401, "用户名或密码不正确 (wrong user name or password)");
                return;
            }
            state.limiter.succeeded(address_key);
            state.limiter.succeeded(user_key);
            const std::string token = state.sessions.create(user);
            response.set_header("Set-Cookie", session_cookie(state, token, false));
            const std::optional<Session> session = state.sessions.find(token);
            send_json(response, 200, Json{{"user", user}, {"csrf", session->csrf}});
        });
    });
    server.Post("/api/logout",
                [&state](const httplib::Request& request, httplib::Response& response) {
                    state.sessions.remove(cookie_value(request, kSessionCookie));
                    response.set_header("Set-Cookie", session_cookie(state, "", true));
                    send_json(response, 200, Json::object());
                });
}

void add_asset_routes(httplib::Server& server) {
    server.Get("/", [](const httplib::Request&, httplib::Response& response) {
        const WebAsset* asset = find_web_asset("index.html");
        response.set_content(std::string(asset->bytes), std::string(asset->content_type));
    });
    server.Get(R"(/([a-z0-9_-]+\.(html|css|js|svg)))", [](const httplib::Request& request,
                                                          httplib::Response& response) {
        const WebAsset* asset = find_web_asset(request.matches[1].str());
        if (asset == nullptr) {
            send_error(response, 404, "没有这个页面 (not found)");
            return;
        }
        response.set_content(std::string(asset->bytes), std::string(asset->content_type));
    });
}

std::filesystem::path make_work_dir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "formpdf-serve-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw IoError("cannot create a private folder in " +
                      std::filesystem::temp_directory_path().string());
    }
    return pattern;
}

} // namespace

ListenAddress parse_listen_address(std::string_view text) {
    ListenAddress address;
    std::string_view port;
    if (!text.empty() && text.front() == '[') {
        const std::size_t close = text.find(']');
        if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
            throw DiagnosticError(
                make_error({}, "--listen " + std::string(text) + ": not [address]:port",
                           "e.g. --listen [::1]:8080"));
        }
        address.host = std::string(text.substr(1, close - 1));
        port = text.substr(close + 2);
    } else {
        const std::size_t colon = text.rfind(':');
        if (colon == std::string_view::npos || colon == 0 ||
            text.substr(0, colon).find(':') != std::string_view::npos) {
            throw DiagnosticError(make_error({},
                                             "--listen " + std::string(text) + ": not address:port",
                                             "e.g. --listen 127.0.0.1:8080"));
        }
        address.host = std::string(text.substr(0, colon));
        port = text.substr(colon + 1);
    }
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), address.port);
    if (ec != std::errc() || end != port.data() + port.size() || address.port < 0 ||
        address.port > 65535) {
        throw DiagnosticError(make_error({},
                                         "--listen " + std::string(text) + ": not a port number",
                                         "a port is 0-65535 (0: any free port)"));
    }
    address.loopback = is_loopback_host(address.host);
    return address;
}

std::optional<Refusal> refuse_unsafe_options(const ServeOptions& options) {
    const ListenAddress address = parse_listen_address(options.listen);
    if (options.tls_cert.has_value() != options.tls_key.has_value()) {
        return Refusal{tr("--tls-cert and --tls-key go together"), tr("give both, or neither")};
    }
    if (address.loopback) {
        return std::nullopt;
    }
    if (!options.users_file) {
        return Refusal{tr("listening on {0} (not this machine only) needs --users FILE: anyone who "
                          "can reach the address could read and change the forms",
                          {address.host}),
                       tr("add users with 'formpdf serve --add-user NAME --users FILE', or listen "
                          "on 127.0.0.1")};
    }
    if (!options.tls_cert && !options.insecure_http) {
        return Refusal{tr("listening on {0} needs TLS (--tls-cert, --tls-key): passwords and forms "
                          "would cross the network in clear text",
                          {address.host}),
                       tr("give a certificate and key, or --insecure-http on a network you trust")};
    }
    return std::nullopt;
}

ServerState::ServerState(ServeOptions options_in, std::filesystem::path work_dir_in)
    : options(std::move(options_in)), address(parse_listen_address(options.listen)),
      folder(options.dir), printer(options.layout_dirs, options.font_dirs),
      limiter(options.login_max_failures, options.login_window), work_dir(std::move(work_dir_in)),
      print_jobs(work_dir) {
    if (options.users_file) {
        users = load_users(*options.users_file);
        if (users.empty()) {
            throw DiagnosticError(make_error(
                SourceLoc{options.users_file->string(), 0, 0}, "the users file has no user",
                "add one with 'formpdf serve --add-user NAME --users " +
                    options.users_file->string() + "'"));
        }
    }
    tls = options.tls_cert.has_value();
}

struct WebServer::Impl {
    std::filesystem::path work_dir;
    std::unique_ptr<ServerState> state;
    std::unique_ptr<httplib::Server> server;

    ~Impl() {
        state.reset(); // waits for print jobs
        std::error_code ec;
        std::filesystem::remove_all(work_dir, ec);
    }
};

WebServer::WebServer(ServeOptions options) : impl_(std::make_unique<Impl>()) {
    impl_->work_dir = make_work_dir();
    impl_->state = std::make_unique<ServerState>(std::move(options), impl_->work_dir);
    ServerState& state = *impl_->state;
    if (state.tls) {
        impl_->server = std::make_unique<httplib::SSLServer>(state.options.tls_cert->c_str(),
                                                             state.options.tls_key->c_str());
        if (!impl_->server->is_valid()) {
            throw IoError("cannot use the TLS certificate " + state.options.tls_cert->string() +
                          " with the key " + state.options.tls_key->string());
        }
    } else {
        impl_->server = std::make_unique<httplib::Server>();
    }
    httplib::Server& server = *impl_->server;
    // Twenty browsers previewing at once each keep a connection; the default pool is smaller.
    server.new_task_queue = [] { return new httplib::ThreadPool(32); };
    server.set_keep_alive_max_count(1000);
    server.set_read_timeout(30);
    server.set_payload_max_length(state.options.max_upload_bytes);
    server.set_pre_routing_handler(
        [&state](const httplib::Request& request, httplib::Response& response) {
            return check_request(state, request, response);
        });
    add_asset_routes(server);
    add_session_routes(server, state);
    add_form_routes(server, state);
    add_import_routes(server, state);
    add_print_routes(server, state);
}

WebServer::~WebServer() = default;

int WebServer::bind() {
    ServerState& state = *impl_->state;
    httplib::Server& server = *impl_->server;
    int port = state.address.port;
    if (port == 0) {
        port = server.bind_to_any_port(state.address.host);
    } else if (!server.bind_to_port(state.address.host, port)) {
        port = -1;
    }
    if (port <= 0) {
        throw IoError("cannot listen on " + state.options.listen +
                      " (address in use, or not an address of this machine)");
    }
    state.port = port;
    return port;
}

void WebServer::run() {
    impl_->server->listen_after_bind();
}

void WebServer::stop() {
    impl_->server->stop();
}

std::string WebServer::url() const {
    const ServerState& state = *impl_->state;
    std::string host = state.address.host;
    if (host.find(':') != std::string::npos) {
        host = "[" + host + "]";
    } else if (host == "0.0.0.0") {
        host = "127.0.0.1";
    }
    return std::string(state.tls ? "https://" : "http://") + host + ":" +
           std::to_string(state.port) + "/";
}

void send_json(httplib::Response& response, int status, const Json& body) {
    response.status = status;
    response.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace),
                         "application/json; charset=utf-8");
}

void send_error(httplib::Response& response, int status, const std::string& message,
                const std::string& hint) {
    send_json(response, status, Json{{"error", message}, {"hint", hint}});
}

void guarded(httplib::Response& response, const std::function<void()>& handler) {
    try {
        handler();
    } catch (const PathRefused& error) {
        send_error(response, 403, std::string("路径被拒绝 (path refused): ") + error.what());
    } catch (const StaleVersion& error) {
        send_error(
            response, 412,
            std::string(
                "此表已在别处保存过（另一个标签页或另一个人），您的修改没有保存，也没有丢失 (") +
                error.what() + ")",
            "在新标签页中打开此表查看对方的版本，把您的修改抄过去后再保存；或复制您的内容后重新载入"
            "。");
    } catch (const BadRequest& error) {
        send_error(response, 400, error.what());
    } catch (const DiagnosticError& error) {
        Json diagnostics = Json::array();
        for (const Diagnostic& diagnostic : error.diagnostics()) {
            diagnostics.push_back(format_diagnostic(diagnostic));
        }
        send_json(response, 422,
                  Json{{"error", error.diagnostic().message},
                       {"hint", error.diagnostic().hint},
                       {"diagnostics", diagnostics}});
    } catch (const IoError& error) {
        send_error(response, 500, error.what());
    } catch (const std::exception& error) {
        send_error(response, 500, std::string("internal error: ") + error.what());
    }
}

} // namespace formpdf::serve
