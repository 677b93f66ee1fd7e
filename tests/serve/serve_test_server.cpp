#include "serve_test_server.h"

#include <gtest/gtest.h>

namespace formpdf::testing {

TestServer::TestServer(const std::function<void(serve::ServeOptions&)>& configure,
                       bool copy_seeds) {
    if (copy_seeds) {
        for (const std::filesystem::path& seed : seed_declaration_files()) {
            std::filesystem::copy_file(seed, dir_.path() / seed.filename());
        }
    }
    serve::ServeOptions options;
    options.dir = dir_.path();
    options.listen = "127.0.0.1:0";
    options.layout_dirs = {std::filesystem::path(FORMPDF_SOURCE_DIR) / "layouts"};
    options.creation_time = 1700000000;
    if (configure) {
        configure(options);
    }
    server_ = std::make_unique<serve::WebServer>(options);
    port_ = server_->bind();
    thread_ = std::thread([this] { server_->run(); });
}

TestServer::~TestServer() {
    server_->stop();
    thread_.join();
}

TestBrowser::TestBrowser(int port) : client_("127.0.0.1", port) {
    client_.set_read_timeout(60);
}

void TestBrowser::keep_cookie(const httplib::Result& result) {
    if (!result || !result->has_header("Set-Cookie")) {
        return;
    }
    const std::string header = result->get_header_value("Set-Cookie");
    cookie = header.substr(0, header.find(';'));
}

httplib::Headers TestBrowser::headers(httplib::Headers extra) const {
    if (!cookie.empty()) {
        extra.emplace("Cookie", cookie);
    }
    if (send_csrf && !csrf.empty()) {
        extra.emplace("X-CSRF-Token", csrf);
    }
    return extra;
}

void TestBrowser::start_session() {
    const httplib::Result result = client_.Get("/api/session", headers({}));
    ASSERT_TRUE(result);
    keep_cookie(result);
    csrf = json_of(result).value("csrf", "");
}

httplib::Result TestBrowser::login(const std::string& user, const std::string& password) {
    httplib::Result result = client_.Post(
        "/api/login", headers({}),
        nlohmann::ordered_json{{"user", user}, {"password", password}}.dump(), "application/json");
    if (result && result->status == 200) {
        keep_cookie(result);
        csrf = json_of(result).value("csrf", "");
    }
    return result;
}

httplib::Result TestBrowser::get(const std::string& path) {
    return client_.Get(path.c_str(), headers({}));
}

httplib::Result TestBrowser::post_json(const std::string& path, const nlohmann::ordered_json& body,
                                       httplib::Headers extra) {
    return client_.Post(path.c_str(), headers(std::move(extra)), body.dump(), "application/json");
}

httplib::Result TestBrowser::put_json(const std::string& path, const nlohmann::ordered_json& body,
                                      httplib::Headers extra) {
    return client_.Put(path.c_str(), headers(std::move(extra)), body.dump(), "application/json");
}

nlohmann::ordered_json json_of(const httplib::Result& result) {
    if (!result) {
        ADD_FAILURE() << "no response: " << httplib::to_string(result.error());
        return nlohmann::ordered_json::object();
    }
    return nlohmann::ordered_json::parse(result->body, nullptr, false);
}

} // namespace formpdf::testing
