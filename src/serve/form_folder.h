#pragma once

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace formpdf::serve {

// Why a path from a request is refused (HTTP 403): it names something outside the folder, or
// something the server does not serve.
class PathRefused : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A save whose If-Match is not the file's current version (HTTP 412): someone else saved first.
class StaleVersion : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The folder of declarations that `formpdf serve DIR` works on. Every path a request names goes
// through resolve(): a relative path of plain names ending in .yaml or .yml, no '..' or '.', no
// hidden name, no backslash or NUL, not absolute, and no symlink anywhere between the folder and
// the file. So nothing outside the folder is read or written, whatever the request says.
class FormFolder {
public:
    // Throws IoError when `dir` is not a readable folder.
    explicit FormFolder(const std::filesystem::path& dir);

    const std::filesystem::path& root() const { return root_; }

    // The file a request's relative path names, inside root(). Throws PathRefused. The file need
    // not exist (a new form; "not found" is the caller's to say).
    std::filesystem::path resolve(std::string_view relative) const;

    // The declaration files of the folder (recursively; hidden names and symlinks skipped), as
    // relative paths with '/' separators, sorted.
    std::vector<std::string> list() const;

    // The file's bytes and their version tag (a quoted SHA-256 prefix, the HTTP ETag). Throws
    // PathRefused, IoError.
    struct Version {
        std::string bytes;
        std::string etag;
    };
    Version read(std::string_view relative) const;

    // Replaces the file atomically with `bytes` when its current version is `if_match` (or, with
    // `if_match` empty, when it does not exist yet: a new form). Throws StaleVersion when another
    // save came first (nothing written), PathRefused, IoError. Returns the new version tag.
    std::string write(std::string_view relative, std::string_view bytes,
                      const std::string& if_match);

private:
    std::filesystem::path root_;
    std::mutex write_mutex_; // the check of the version and the rename are one step
};

// The ETag of bytes: "\"" + 32 hex digits of their SHA-256 + "\"".
std::string version_tag(std::string_view bytes);

// The largest declaration file the server reads, as the YAML loader's cap.
inline constexpr std::size_t kMaxDeclarationBytes = 8 * 1024 * 1024;

} // namespace formpdf::serve
