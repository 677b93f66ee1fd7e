#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace formpdf::serve {

// The users of `formpdf serve --users FILE`: one line per user,
//   name:scrypt:N:r:p:<salt, hex>:<hash, hex>
// the password's scrypt hash (OpenSSL's EVP_PBE_scrypt; memory-hard: N=32768, r=8 is 32 MiB per
// attempt) under a random 16-byte salt. Lines starting with '#' and empty lines are skipped.
// Never the password itself.

// A hash line's part after "name:", for a new password (a fresh random salt).
std::string hash_password(std::string_view password);

// Whether the password is the one hashed in `stored` (constant-time comparison). False for a
// malformed `stored`.
bool verify_password(std::string_view password, std::string_view stored);

// Whether a user name is plain: 1-64 of letters, digits, '.', '_', '-', '@'.
bool is_user_name(std::string_view name);

// name → hash. Throws DiagnosticError at the line of a malformed entry, IoError when unreadable.
std::map<std::string, std::string> load_users(const std::filesystem::path& file);

// Adds the user, or replaces its password, keeping the other lines; writes the file atomically,
// readable by its owner only. Throws DiagnosticError for a bad name, IoError.
void add_user(const std::filesystem::path& file, std::string_view name, std::string_view password);

} // namespace formpdf::serve
