#include "core/file_io.h"

#include "core/diagnostic.h"
#include "core/messages.h"
#include "core/output_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace formpdf {

namespace {

std::string errno_text() {
    return std::strerror(errno);
}

} // namespace

namespace {

[[noreturn]] void too_large(const std::filesystem::path& path, std::size_t max_bytes) {
    throw DiagnosticError(
        make_error(SourceLoc{path.string(), 0, 0},
                   tr("file is larger than the limit of {0} bytes", {std::to_string(max_bytes)}),
                   tr("check that this is the right file")));
}

} // namespace

std::string read_file(const std::filesystem::path& path, std::size_t max_bytes) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        throw IoError(tr("{0}: is a directory, not a file", {path.string()}));
    }
    FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) {
        throw IoError(tr("{0}: cannot open: {1}", {path.string(), errno_text()}));
    }
    // Judged on the opened file, before reading: a regular file over the limit is refused without
    // reading a byte, and a device (/dev/zero, /dev/urandom, a terminal) is never read at all. A
    // pipe (`formpdf check <(...)`) is read up to the limit.
    struct stat info {};
    if (::fstat(::fileno(file), &info) == 0) {
        if (S_ISCHR(info.st_mode) || S_ISBLK(info.st_mode)) {
            std::fclose(file);
            throw DiagnosticError(make_error(SourceLoc{path.string(), 0, 0},
                                             tr("this is a device, not a regular file"),
                                             tr("give the path of a file")));
        }
        if (S_ISREG(info.st_mode) && static_cast<std::uintmax_t>(info.st_size) > max_bytes) {
            std::fclose(file);
            too_large(path, max_bytes);
        }
    }
    std::string bytes;
    char buf[65536];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, file)) > 0) {
        if (bytes.size() + n > max_bytes) {
            std::fclose(file);
            too_large(path, max_bytes);
        }
        bytes.append(buf, n);
    }
    const bool failed = std::ferror(file);
    std::fclose(file);
    if (failed) {
        throw IoError(tr("{0}: read error", {path.string()}));
    }
    return bytes;
}

void write_file_atomically(const std::filesystem::path& path, std::string_view bytes,
                           Durability durability) {
    OutputFile file(path);
    file.write(bytes);
    file.commit(durability);
}

void flush_file_system(const std::filesystem::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        throw IoError(
            tr("{0}: cannot open to flush it to disk: {1}", {dir.string(), errno_text()}));
    }
    if (::syncfs(fd) != 0) {
        const std::string why = errno_text();
        ::close(fd);
        throw IoError(tr("{0}: cannot flush the written files to disk: {1}", {dir.string(), why}));
    }
    ::close(fd);
}

} // namespace formpdf
