#include "serve/users.h"

#include "core/diagnostic.h"
#include "core/file_io.h"
#include "core/messages.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <charconv>
#include <sstream>
#include <sys/stat.h>
#include <vector>

namespace formpdf::serve {

namespace {

constexpr std::uint64_t kScryptN = 32768;
constexpr std::uint64_t kScryptR = 8;
constexpr std::uint64_t kScryptP = 1;
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;
constexpr std::uint64_t kScryptMaxMemory = 128ull * 1024 * 1024;
constexpr std::size_t kMaxUsersFileBytes = 1024 * 1024;

std::string to_hex(const unsigned char* bytes, std::size_t size) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string text;
    for (std::size_t i = 0; i < size; ++i) {
        text += kHex[bytes[i] >> 4];
        text += kHex[bytes[i] & 15];
    }
    return text;
}

bool from_hex(std::string_view text, std::vector<unsigned char>& bytes) {
    if (text.size() % 2 != 0) {
        return false;
    }
    bytes.clear();
    for (std::size_t i = 0; i < text.size(); i += 2) {
        unsigned value = 0;
        const auto [end, ec] = std::from_chars(text.data() + i, text.data() + i + 2, value, 16);
        if (ec != std::errc() || end != text.data() + i + 2) {
            return false;
        }
        bytes.push_back(static_cast<unsigned char>(value));
    }
    return true;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = text.find(separator, start);
        parts.push_back(text.substr(start, end - start));
        if (end == std::string_view::npos) {
            return parts;
        }
        start = end + 1;
    }
}

bool scrypt(std::string_view password, const std::vector<unsigned char>& salt, std::uint64_t n,
            std::uint64_t r, std::uint64_t p, unsigned char* out, std::size_t out_size) {
    return EVP_PBE_scrypt(password.data(), password.size(), salt.data(), salt.size(), n, r, p,
                          kScryptMaxMemory, out, out_size) == 1;
}

std::uint64_t number(std::string_view text) {
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size() ? value : 0;
}

} // namespace

std::string hash_password(std::string_view password) {
    std::vector<unsigned char> salt(kSaltBytes);
    if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) {
        throw IoError("no random bytes for a salt (OpenSSL RAND_bytes failed)");
    }
    unsigned char hash[kHashBytes];
    if (!scrypt(password, salt, kScryptN, kScryptR, kScryptP, hash, sizeof hash)) {
        throw IoError("scrypt failed (OpenSSL EVP_PBE_scrypt)");
    }
    std::string line = "scrypt:";
    line += std::to_string(kScryptN);
    line += ':';
    line += std::to_string(kScryptR);
    line += ':';
    line += std::to_string(kScryptP);
    line += ':';
    line += to_hex(salt.data(), salt.size());
    line += ':';
    line += to_hex(hash, sizeof hash);
    return line;
}

bool verify_password(std::string_view password, std::string_view stored) {
    const std::vector<std::string_view> parts = split(stored, ':');
    if (parts.size() != 6 || parts[0] != "scrypt") {
        return false;
    }
    const std::uint64_t n = number(parts[1]);
    const std::uint64_t r = number(parts[2]);
    const std::uint64_t p = number(parts[3]);
    std::vector<unsigned char> salt;
    std::vector<unsigned char> expected;
    // Bounds on what a users file may ask for, so that a bad file cannot make a login cost
    // gigabytes: N up to 2^20, r up to 16, p up to 4.
    if (n < 2 || n > (1u << 20) || (n & (n - 1)) != 0 || r == 0 || r > 16 || p == 0 || p > 4 ||
        !from_hex(parts[4], salt) || !from_hex(parts[5], expected) || expected.empty() ||
        expected.size() > 64) {
        return false;
    }
    std::vector<unsigned char> actual(expected.size());
    if (!scrypt(password, salt, n, r, p, actual.data(), actual.size())) {
        return false;
    }
    return CRYPTO_memcmp(actual.data(), expected.data(), expected.size()) == 0;
}

bool is_user_name(std::string_view name) {
    if (name.empty() || name.size() > 64) {
        return false;
    }
    for (const char c : name) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '@';
        if (!plain) {
            return false;
        }
    }
    return true;
}

std::map<std::string, std::string> load_users(const std::filesystem::path& file) {
    const std::string text = read_file(file, kMaxUsersFileBytes);
    std::map<std::string, std::string> users;
    std::istringstream lines(text);
    std::string line;
    int number_of_line = 0;
    while (std::getline(lines, line)) {
        ++number_of_line;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.empty() || line.front() == '#') {
            continue;
        }
        const std::size_t colon = line.find(':');
        const std::string name = line.substr(0, colon);
        const std::string hash = colon == std::string::npos ? "" : line.substr(colon + 1);
        if (!is_user_name(name) || split(hash, ':').size() != 6 || hash.rfind("scrypt:", 0) != 0) {
            throw DiagnosticError(
                make_error(SourceLoc{file.string(), number_of_line, 1},
                           tr("not a user line (name:scrypt:N:r:p:salt:hash)"),
                           tr("write users with 'formpdf serve --add-user NAME --users {0}'",
                              {file.string()})));
        }
        users[name] = hash;
    }
    return users;
}

void add_user(const std::filesystem::path& file, std::string_view name, std::string_view password) {
    if (!is_user_name(name)) {
        throw DiagnosticError(make_error(SourceLoc{"formpdf", 0, 0},
                                         tr("not a user name: '{0}'", {name}),
                                         tr("use 1-64 letters, digits, '.', '_', '-' or '@'")));
    }
    std::string kept;
    std::error_code ec;
    if (std::filesystem::exists(file, ec)) {
        load_users(file); // refuses to rewrite a file that is not a users file
        std::istringstream lines(read_file(file, kMaxUsersFileBytes));
        std::string line;
        const std::string prefix = std::string(name) + ":";
        while (std::getline(lines, line)) {
            if (line.rfind(prefix, 0) != 0) {
                kept += line;
                kept += '\n';
            }
        }
    } else {
        kept = "# formpdf serve users: name:scrypt:N:r:p:salt:hash (formpdf serve --add-user)\n";
    }
    kept += name;
    kept += ':';
    kept += hash_password(password);
    kept += '\n';
    write_file_atomically(file, kept);
    ::chmod(file.c_str(), S_IRUSR | S_IWUSR);
}

} // namespace formpdf::serve
