// formpdf serve's security (docs/serve.md, "Security"): sign-in with scrypt-hashed users and a
// rate limit, cookies, CSRF, paths confined to the folder, caps, Host, and the refusal to listen
// beyond loopback without users and TLS.

#include "core/diagnostic.h"
#include "serve/users.h"
#include "serve_test_server.h"

#include <gtest/gtest.h>

#include <fstream>

namespace formpdf::testing {
namespace {

using json = nlohmann::ordered_json;

constexpr const char* kForm = "440304221061500600008.yaml";

TEST(ServeUsers, APasswordIsStoredAsASaltedScryptHashAndVerified) {
    const std::string hash = serve::hash_password("correct horse");
    EXPECT_EQ(hash.rfind("scrypt:32768:8:1:", 0), 0u) << hash;
    EXPECT_EQ(hash.find("correct horse"), std::string::npos);
    EXPECT_NE(serve::hash_password("correct horse"), hash) << "a fresh salt each time";
    EXPECT_TRUE(serve::verify_password("correct horse", hash));
    EXPECT_FALSE(serve::verify_password("correct horsE", hash));
    EXPECT_FALSE(serve::verify_password("correct horse", "scrypt:1:8:1:00:00"));
}

TEST(ServeUsers, AddUserReadsThePasswordFromStdinAndWritesAPrivateFile) {
    const TempDir dir;
    const std::string users = (dir / "users.txt").string();
    const CommandResult added = run_command(
        {"sh", "-c", "printf 'secret-pass\\n' | \"$0\" serve --add-user alice --users \"$1\"",
         formpdf_binary(), users});
    ASSERT_EQ(added.exit_code, 0) << added.err;
    const std::map<std::string, std::string> loaded = serve::load_users(users);
    ASSERT_EQ(loaded.count("alice"), 1u);
    EXPECT_TRUE(serve::verify_password("secret-pass", loaded.at("alice")));
    EXPECT_EQ(read_text(users).find("secret-pass"), std::string::npos);
    EXPECT_EQ(std::filesystem::status(users).permissions() & std::filesystem::perms::group_read,
              std::filesystem::perms::none);
    const CommandResult short_password =
        run_command({"sh", "-c", "printf 'short\\n' | \"$0\" serve --add-user bob --users \"$1\"",
                     formpdf_binary(), users});
    EXPECT_EQ(short_password.exit_code, 64);
    EXPECT_EQ(serve::load_users(users).count("bob"), 0u);
}

TEST(ServeListen, BeyondLoopbackNeedsUsersAndTlsOrInsecureHttp) {
    serve::ServeOptions options;
    options.listen = "127.0.0.1:8080";
    EXPECT_FALSE(serve::refuse_unsafe_options(options));
    options.listen = "0.0.0.0:8080";
    ASSERT_TRUE(serve::refuse_unsafe_options(options));
    EXPECT_NE(serve::refuse_unsafe_options(options)->message.find("--users"), std::string::npos);
    options.users_file = "users.txt";
    ASSERT_TRUE(serve::refuse_unsafe_options(options));
    EXPECT_NE(serve::refuse_unsafe_options(options)->message.find("TLS"), std::string::npos);
    options.insecure_http = true;
    EXPECT_FALSE(serve::refuse_unsafe_options(options));
    options.insecure_http = false;
    options.tls_cert = "cert.pem";
    ASSERT_TRUE(serve::refuse_unsafe_options(options)) << "a certificate without its key";
    options.tls_key = "key.pem";
    EXPECT_FALSE(serve::refuse_unsafe_options(options));
}

TEST(ServeListen, AddressesAreReadWithTheirPortAndLoopbackIsKnown) {
    EXPECT_TRUE(serve::parse_listen_address("127.0.0.1:8080").loopback);
    EXPECT_EQ(serve::parse_listen_address("127.0.0.1:8080").port, 8080);
    EXPECT_TRUE(serve::parse_listen_address("localhost:0").loopback);
    const serve::ListenAddress v6 = serve::parse_listen_address("[::1]:9000");
    EXPECT_EQ(v6.host, "::1");
    EXPECT_EQ(v6.port, 9000);
    EXPECT_TRUE(v6.loopback);
    EXPECT_FALSE(serve::parse_listen_address("0.0.0.0:8080").loopback);
    EXPECT_FALSE(serve::parse_listen_address("[::]:8080").loopback);
    EXPECT_FALSE(serve::parse_listen_address("192.168.1.5:80").loopback);
    for (const char* bad : {"127.0.0.1", "127.0.0.1:", "127.0.0.1:http", "127.0.0.1:70000", ":80",
                            "::1:80", "[::1]80"}) {
        EXPECT_THROW(serve::parse_listen_address(bad), DiagnosticError) << bad;
    }
}

TEST(ServeListen, TheCliRefusesAnOpenAddressWithoutUsersWithExit64) {
    const TempDir dir;
    const CommandResult result =
        run_command({formpdf_binary(), "serve", dir.path().string(), "--listen", "0.0.0.0:0"});
    EXPECT_EQ(result.exit_code, 64);
    EXPECT_NE(result.err.find("--users"), std::string::npos) << result.err;
    const CommandResult bad =
        run_command({formpdf_binary(), "serve", dir.path().string(), "--listen", "127.0.0.1"});
    EXPECT_EQ(bad.exit_code, 64) << bad.err;
}

TEST(ServeUsers, AUsersFileThatIsNotOneStopsTheServerWithExit2AtItsLine) {
    const TempDir dir;
    write_text(dir / "users.txt", "# users\nalice:plain-password\n");
    const CommandResult result =
        run_command({formpdf_binary(), "serve", dir.path().string(), "--listen", "127.0.0.1:0",
                     "--users", (dir / "users.txt").string()});
    EXPECT_EQ(result.exit_code, 2);
    // serve speaks Chinese unless told otherwise (its pages are Chinese).
    EXPECT_NE(result.err.find("users.txt:2:1: 错误:"), std::string::npos) << result.err;
}

class ServeWithUsers : public ::testing::Test {
protected:
    TempDir users_dir;
    std::unique_ptr<TestServer> server;

    void SetUp() override {
        serve::add_user(users_dir / "users.txt", "alice", "secret-pass");
        server = std::make_unique<TestServer>([this](serve::ServeOptions& options) {
            options.users_file = users_dir / "users.txt";
            options.login_max_failures = 3;
        });
    }
};

TEST_F(ServeWithUsers, NothingIsServedBeforeSignIn) {
    TestBrowser browser(server->port());
    browser.start_session();
    EXPECT_TRUE(browser.csrf.empty()) << "no session without a sign-in";
    EXPECT_EQ(browser.get("/api/forms")->status, 401);
    EXPECT_EQ(browser.get(std::string("/api/pdf?path=") + kForm)->status, 401);
}

TEST_F(ServeWithUsers, SignInSetsAStrictHttpOnlyCookie) {
    TestBrowser browser(server->port());
    const httplib::Result result = browser.login("alice", "secret-pass");
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200);
    const std::string cookie = result->get_header_value("Set-Cookie");
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
    EXPECT_FALSE(browser.csrf.empty());
    EXPECT_EQ(browser.get("/api/forms")->status, 200);
}

TEST_F(ServeWithUsers, WrongPasswordsAreRateLimited) {
    TestBrowser browser(server->port());
    EXPECT_EQ(browser.login("alice", "wrong")->status, 401);
    EXPECT_EQ(browser.login("alice", "wrong")->status, 401);
    EXPECT_EQ(browser.login("nobody", "wrong")->status, 401);
    const httplib::Result limited = browser.login("alice", "secret-pass");
    ASSERT_TRUE(limited);
    EXPECT_EQ(limited->status, 429) << "even the right password, until the window passes";
    EXPECT_TRUE(limited->has_header("Retry-After"));
}

class ServeSecurity : public ::testing::Test {
protected:
    TempDir outside;
    TestServer server;
    TestBrowser browser{server.port()};

    void SetUp() override { browser.start_session(); }
};

TEST_F(ServeSecurity, AChangeWithoutTheCsrfTokenIsRefused) {
    const std::string before = read_text(server.dir() / kForm);
    const json form = json_of(browser.get(std::string("/api/form?path=") + kForm));
    browser.send_csrf = false;
    const httplib::Result missing = browser.put_json(
        std::string("/api/form?path=") + kForm, json{{"declaration", form["declaration"]}},
        {{"If-Match", form["etag"].get<std::string>()}});
    EXPECT_EQ(missing->status, 403);
    const httplib::Result wrong = browser.put_json(
        std::string("/api/form?path=") + kForm, json{{"declaration", form["declaration"]}},
        {{"If-Match", form["etag"].get<std::string>()}, {"X-CSRF-Token", std::string(64, 'a')}});
    EXPECT_EQ(wrong->status, 403);
    EXPECT_EQ(browser.post_json("/api/forms", json{{"name", "x"}, {"form", "shenzhen-l2-project"}})
                  ->status,
              403);
    EXPECT_EQ(read_text(server.dir() / kForm), before);
    EXPECT_FALSE(std::filesystem::exists(server.dir() / "x.yaml"));
}

TEST_F(ServeSecurity, PathsOutsideTheFolderAreRefused) {
    write_text(outside / "secret.yaml",
               "form: shenzhen-l2-project\nfields: {project_name: 机密}\n");
    std::filesystem::create_symlink(outside / "secret.yaml", server.dir() / "link.yaml");
    std::filesystem::create_directory_symlink(outside.path(), server.dir() / "linked-dir");
    const std::string outside_name = outside.path().filename().string();
    for (const std::string& path :
         {std::string("../") + outside_name + "/secret.yaml",
          "%2e%2e/" + outside_name + "/secret.yaml", (outside / "secret.yaml").string(),
          std::string("link.yaml"), std::string("linked-dir/secret.yaml"),
          std::string("..%5c") + outside_name + "%5csecret.yaml",
          std::string(".formpdf-import.json"), std::string("a.txt")}) {
        for (const std::string endpoint : {"/api/form?path=", "/api/pdf?path="}) {
            const httplib::Result result = browser.get(endpoint + path);
            ASSERT_TRUE(result);
            EXPECT_EQ(result->status, 403) << endpoint << path;
            EXPECT_EQ(result->body.find("机密"), std::string::npos);
        }
    }
    const json list = json_of(browser.get("/api/forms"));
    for (const json& form : list["forms"]) {
        EXPECT_NE(form["path"], "link.yaml");
        EXPECT_NE(form["path"], "linked-dir/secret.yaml");
    }
    // Writing through a symlink, or outside, is refused too.
    const json form = json_of(browser.get(std::string("/api/form?path=") + kForm));
    EXPECT_EQ(browser
                  .put_json("/api/form?path=link.yaml", json{{"declaration", form["declaration"]}},
                            {{"If-Match", "\"x\""}})
                  ->status,
              403);
    EXPECT_EQ(
        browser
            .post_json("/api/forms", json{{"name", "../escape"}, {"form", "shenzhen-l2-project"}})
            ->status,
        400);
    EXPECT_EQ(browser.post_json("/api/print", json{{"paths", {"link.yaml"}}})->status, 403);
    EXPECT_EQ(read_text(outside / "secret.yaml"),
              "form: shenzhen-l2-project\nfields: {project_name: 机密}\n");
}

TEST_F(ServeSecurity, BodiesAreCappedAndDeepJsonIsRefused) {
    const std::string big(5 * 1024 * 1024, ' ');
    const httplib::Result too_big = browser.client().Post(
        "/api/check", {{"Cookie", browser.cookie}, {"X-CSRF-Token", browser.csrf}}, big,
        "application/json");
    ASSERT_TRUE(too_big);
    EXPECT_EQ(too_big->status, 400);
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    const httplib::Result nested = browser.client().Post(
        "/api/check", {{"Cookie", browser.cookie}, {"X-CSRF-Token", browser.csrf}}, deep,
        "application/json");
    ASSERT_TRUE(nested);
    EXPECT_EQ(nested->status, 400);
}

TEST_F(ServeSecurity, AnotherHostNameIsRefused) {
    // A page of another site whose name resolves to 127.0.0.1 (DNS rebinding).
    const httplib::Result result = browser.client().Get(
        "/api/forms",
        {{"Host", "evil.example:" + std::to_string(server.port())}, {"Cookie", browser.cookie}});
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 421);
}

TEST(ServeCaps, AnUploadOverTheCapIsRefused) {
    TestServer server([](serve::ServeOptions& options) { options.max_upload_bytes = 1000; });
    TestBrowser browser(server.port());
    browser.start_session();
    const httplib::Result result = browser.client().Post(
        "/api/import/preview", {{"Cookie", browser.cookie}, {"X-CSRF-Token", browser.csrf}},
        std::string(2000, 'x'), "application/octet-stream");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 413);
}

} // namespace
} // namespace formpdf::testing

namespace formpdf::testing {
namespace {

TEST(ServeTls, HttpsServesWithASecureCookie) {
    const TempDir keys;
    const CommandResult made = run_command(
        {"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", (keys / "key.pem").string(), "-out", (keys / "cert.pem").string(),
         "-days", "1", "-subj", "/CN=127.0.0.1"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    serve::add_user(keys / "users.txt", "alice", "secret-pass");
    TestServer server([&](serve::ServeOptions& options) {
        options.users_file = keys / "users.txt";
        options.tls_cert = keys / "cert.pem";
        options.tls_key = keys / "key.pem";
    });
    httplib::SSLClient client("127.0.0.1", server.port());
    client.enable_server_certificate_verification(false);
    const httplib::Result result = client.Post(
        "/api/login", R"({"user": "alice", "password": "secret-pass"})", "application/json");
    ASSERT_TRUE(result) << httplib::to_string(result.error());
    ASSERT_EQ(result->status, 200);
    EXPECT_NE(result->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);
    httplib::Client plain("127.0.0.1", server.port());
    EXPECT_FALSE(plain.Get("/api/session")) << "no plain HTTP on the TLS port";
}

} // namespace
} // namespace formpdf::testing

namespace formpdf::testing {
namespace {

TEST(ServeCli, SigtermStopsTheServerWithExit0AndRemovesItsPrivateFolder) {
    const TempDir dir;
    std::filesystem::create_directory(dir / "forms");
    std::filesystem::create_directory(dir / "tmp");
    const CommandResult result = run_command(
        {"sh", "-c",
         "d=$1; TMPDIR=\"$d/tmp\" \"$0\" serve \"$d/forms\" --listen 127.0.0.1:0 > \"$d/out\" "
         "2>&1 & pid=$!; i=0; while ! grep -q http \"$d/out\" && [ $i -lt 400 ]; do sleep 0.05; "
         "i=$((i+1)); done; kill -TERM $pid; wait $pid; echo \"rc=$?\"; ls -A \"$d/tmp\"",
         formpdf_binary(), dir.path().string()});
    EXPECT_NE(read_text(dir / "out").find("formpdf serve: http://127.0.0.1:"), std::string::npos)
        << read_text(dir / "out");
    EXPECT_EQ(result.out, "rc=0\n") << "exit 0, and nothing left in TMPDIR";
}

} // namespace
} // namespace formpdf::testing
