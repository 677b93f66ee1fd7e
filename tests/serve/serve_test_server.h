#pragma once

// A formpdf serve on an ephemeral loopback port over a copy of the seed declarations, and a
// client that keeps its session cookie and CSRF token like a browser.

#include "serve/web_server.h"
#include "support/command.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <thread>

namespace formpdf::testing {

class TestServer {
public:
    // `configure` may change the options before the server starts (users file, caps).
    explicit TestServer(const std::function<void(serve::ServeOptions&)>& configure = {},
                        bool copy_seeds = true);
    ~TestServer();

    const std::filesystem::path& dir() const { return dir_.path(); }
    int port() const { return port_; }

private:
    TempDir dir_;
    std::unique_ptr<serve::WebServer> server_;
    std::thread thread_;
    int port_ = 0;
};

class TestBrowser {
public:
    explicit TestBrowser(int port);

    // GET /api/session: the cookie and CSRF token (loopback without users).
    void start_session();
    // POST /api/login; returns the response.
    httplib::Result login(const std::string& user, const std::string& password);

    httplib::Result get(const std::string& path);
    httplib::Result post_json(const std::string& path, const nlohmann::ordered_json& body,
                              httplib::Headers extra = {});
    httplib::Result put_json(const std::string& path, const nlohmann::ordered_json& body,
                             httplib::Headers extra = {});

    httplib::Client& client() { return client_; }
    std::string cookie;
    std::string csrf;
    bool send_csrf = true;

private:
    httplib::Headers headers(httplib::Headers extra) const;
    void keep_cookie(const httplib::Result& result);

    httplib::Client client_;
};

nlohmann::ordered_json json_of(const httplib::Result& result);

} // namespace formpdf::testing
