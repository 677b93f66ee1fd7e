#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace formpdf::serve {

// A signed-in browser: its user (empty when the server runs without --users, loopback only) and
// the CSRF token every change must carry in the X-CSRF-Token header.
struct Session {
    std::string user;
    std::string csrf;
    std::chrono::steady_clock::time_point last_used;
};

// Sessions by their cookie token: 32 random bytes, hex. A session unused for `idle` ends.
class SessionStore {
public:
    explicit SessionStore(std::chrono::seconds idle = std::chrono::hours(8)) : idle_(idle) {}

    // A new session; returns its token.
    std::string create(const std::string& user);
    // The session of a token, refreshed; nullopt when unknown or expired.
    std::optional<Session> find(const std::string& token);
    void remove(const std::string& token);

private:
    std::chrono::seconds idle_;
    std::mutex mutex_;
    std::map<std::string, Session> sessions_;
};

// Failed logins by key (the client's address, and the user name tried): after `max_failures`
// within `window`, further attempts are refused until the window has passed since the last
// failure. A success clears the key.
class LoginLimiter {
public:
    explicit LoginLimiter(int max_failures = 5,
                          std::chrono::seconds window = std::chrono::seconds(60))
        : max_failures_(max_failures), window_(window) {}

    // Seconds to wait before another attempt; 0 when one is allowed now.
    long wait_seconds(const std::string& key);
    void failed(const std::string& key);
    void succeeded(const std::string& key);

private:
    struct Failures {
        int count = 0;
        std::chrono::steady_clock::time_point last;
    };
    int max_failures_;
    std::chrono::seconds window_;
    std::mutex mutex_;
    std::map<std::string, Failures> failures_;
};

// 32 random bytes (OpenSSL RAND_bytes), hex. Throws IoError when no randomness is available.
std::string random_token();

// Whether two secrets are equal, in time independent of where they differ.
bool same_secret(const std::string& a, const std::string& b);

} // namespace formpdf::serve
