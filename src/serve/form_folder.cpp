#include "serve/form_folder.h"

#include "core/diagnostic.h"
#include "core/file_io.h"

#include <openssl/evp.h>

#include <algorithm>
#include <sys/stat.h>

namespace formpdf::serve {

namespace {

bool is_declaration_name(std::string_view name) {
    const auto ends_with = [&](std::string_view suffix) {
        return name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
    };
    return ends_with(".yaml") || ends_with(".yml");
}

// The components of a relative request path, each checked to be a plain name.
std::vector<std::string> plain_components(std::string_view relative) {
    if (relative.empty()) {
        throw PathRefused("no file named");
    }
    if (relative.front() == '/') {
        throw PathRefused("an absolute path is refused: name a file inside the folder");
    }
    if (relative.find('\\') != std::string_view::npos ||
        relative.find('\0') != std::string_view::npos ||
        relative.find(':') != std::string_view::npos) {
        throw PathRefused("a path with '\\', ':' or NUL is refused");
    }
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= relative.size()) {
        std::size_t end = relative.find('/', start);
        if (end == std::string_view::npos) {
            end = relative.size();
        }
        const std::string_view part = relative.substr(start, end - start);
        if (part.empty() || part == "." || part == "..") {
            throw PathRefused("a path with '..', '.' or an empty part is refused");
        }
        if (part.front() == '.') {
            throw PathRefused("hidden files are not served");
        }
        parts.emplace_back(part);
        start = end + 1;
    }
    return parts;
}

} // namespace

std::string version_tag(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string tag = "\"";
    for (unsigned int i = 0; i < 16 && i < size; ++i) {
        tag += kHex[digest[i] >> 4];
        tag += kHex[digest[i] & 15];
    }
    tag += '"';
    return tag;
}

FormFolder::FormFolder(const std::filesystem::path& dir) {
    std::error_code ec;
    root_ = std::filesystem::canonical(dir, ec);
    if (ec || !std::filesystem::is_directory(root_, ec)) {
        throw IoError("cannot serve " + dir.string() + ": not a readable folder");
    }
}

std::filesystem::path FormFolder::resolve(std::string_view relative) const {
    const std::vector<std::string> parts = plain_components(relative);
    if (!is_declaration_name(parts.back())) {
        throw PathRefused("only declaration files (.yaml, .yml) are served");
    }
    std::filesystem::path path = root_;
    for (const std::string& part : parts) {
        path /= part;
        struct stat status {};
        if (::lstat(path.c_str(), &status) != 0) {
            continue; // not there (yet): a new file, or "not found" for the caller
        }
        if (S_ISLNK(status.st_mode)) {
            throw PathRefused("a symlink is refused: " + std::string(relative));
        }
    }
    return path;
}

std::vector<std::string> FormFolder::list() const {
    std::vector<std::string> files;
    std::error_code ec;
    // Symlinked folders are not followed (the iterator's default) and symlinked files skipped.
    auto it = std::filesystem::recursive_directory_iterator(root_, ec);
    for (; !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.empty() && name.front() == '.') {
            if (it->is_directory(ec)) {
                it.disable_recursion_pending();
            }
            continue;
        }
        if (it->is_symlink(ec) || !it->is_regular_file(ec) || !is_declaration_name(name)) {
            continue;
        }
        files.push_back(it->path().lexically_relative(root_).generic_string());
    }
    if (ec) {
        throw IoError("cannot read the folder " + root_.string() + ": " + ec.message());
    }
    std::sort(files.begin(), files.end());
    return files;
}

FormFolder::Version FormFolder::read(std::string_view relative) const {
    const std::filesystem::path path = resolve(relative);
    Version version;
    version.bytes = read_file(path, kMaxDeclarationBytes);
    version.etag = version_tag(version.bytes);
    return version;
}

std::string FormFolder::write(std::string_view relative, std::string_view bytes,
                              const std::string& if_match) {
    const std::filesystem::path path = resolve(relative);
    const std::lock_guard lock(write_mutex_);
    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    if (if_match.empty()) {
        if (exists) {
            throw StaleVersion("the file exists already");
        }
    } else {
        if (!exists) {
            throw StaleVersion("the file was deleted since it was loaded");
        }
        if (version_tag(read_file(path, kMaxDeclarationBytes)) != if_match) {
            throw StaleVersion("the file was saved by someone else since it was loaded");
        }
    }
    std::filesystem::create_directories(path.parent_path(), ec);
    write_file_atomically(path, bytes);
    return version_tag(bytes);
}

} // namespace formpdf::serve
