#include "serve/sessions.h"

#include "core/diagnostic.h"
#include "core/file_io.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

namespace formpdf::serve {

std::string random_token() {
    unsigned char bytes[32];
    if (RAND_bytes(bytes, sizeof bytes) != 1) {
        throw IoError("no random bytes for a session (OpenSSL RAND_bytes failed)");
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string token;
    for (const unsigned char byte : bytes) {
        token += kHex[byte >> 4];
        token += kHex[byte & 15];
    }
    return token;
}

bool same_secret(const std::string& a, const std::string& b) {
    return a.size() == b.size() && !a.empty() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string SessionStore::create(const std::string& user) {
    const std::string token = random_token();
    const std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    for (auto it = sessions_.begin(); it != sessions_.end();) { // forget expired ones
        it = now - it->second.last_used > idle_ ? sessions_.erase(it) : std::next(it);
    }
    sessions_[token] = Session{user, random_token(), now};
    return token;
}

std::optional<Session> SessionStore::find(const std::string& token) {
    const std::lock_guard lock(mutex_);
    const auto found = sessions_.find(token);
    if (token.empty() || found == sessions_.end()) {
        return std::nullopt;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - found->second.last_used > idle_) {
        sessions_.erase(found);
        return std::nullopt;
    }
    found->second.last_used = now;
    return found->second;
}

void SessionStore::remove(const std::string& token) {
    const std::lock_guard lock(mutex_);
    sessions_.erase(token);
}

long LoginLimiter::wait_seconds(const std::string& key) {
    const std::lock_guard lock(mutex_);
    const auto found = failures_.find(key);
    if (found == failures_.end() || found->second.count < max_failures_) {
        return 0;
    }
    const auto elapsed = std::chrono::steady_clock::now() - found->second.last;
    if (elapsed >= window_) {
        failures_.erase(found);
        return 0;
    }
    return std::chrono::duration_cast<std::chrono::seconds>(window_ - elapsed).count() + 1;
}

void LoginLimiter::failed(const std::string& key) {
    const std::lock_guard lock(mutex_);
    Failures& failures = failures_[key];
    const auto now = std::chrono::steady_clock::now();
    if (failures.count > 0 && now - failures.last >= window_) {
        failures.count = 0;
    }
    ++failures.count;
    failures.last = now;
}

void LoginLimiter::succeeded(const std::string& key) {
    const std::lock_guard lock(mutex_);
    failures_.erase(key);
}

} // namespace formpdf::serve
