#include "core/output_file.h"

#include "core/messages.h"
#include "core/read_fully.h"

#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace formpdf {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kMarker = ".formpdf-";
constexpr std::string_view kSuffix = ".tmp";
constexpr std::size_t kNameBytes = 100;   // of the final name kept in the temporary's
constexpr std::size_t kRandomDigits = 12; // 48 random bits
constexpr auto kAbandonedAfter = std::chrono::hours(24);

std::string hex(std::uint64_t value, std::size_t digits) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string text(digits, '0');
    for (std::size_t i = digits; i-- > 0; value >>= 4) {
        text[i] = kDigits[value & 0xf];
    }
    return text;
}

bool is_hex(std::string_view text) {
    for (const char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

// The final name cut to kNameBytes, at a character boundary, so that the temporary's name stays
// under the 255-byte limit whatever the final name's length.
std::string_view name_part(std::string_view name) {
    if (name.size() <= kNameBytes) {
        return name;
    }
    std::size_t cut = kNameBytes;
    while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xc0) == 0x80) {
        --cut;
    }
    return name.substr(0, cut);
}

std::string random_digits() {
    static thread_local std::mt19937_64 generator = [] {
        std::random_device device;
        std::seed_seq seed{device(), device(), device(), device()};
        return std::mt19937_64(seed);
    }();
    return hex(generator(), kRandomDigits);
}

bool process_is_running(long pid) {
    return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
}

} // namespace

std::string this_host_tag() {
    static const std::string tag = [] {
        std::array<char, 256> name{};
        if (::gethostname(name.data(), name.size() - 1) != 0) {
            name[0] = '\0';
        }
        std::uint32_t hash = 2166136261u; // FNV-1a: a short, stable tag, not a secret
        for (const char* c = name.data(); *c != '\0'; ++c) {
            hash = (hash ^ static_cast<unsigned char>(*c)) * 16777619u;
        }
        return hex(hash, 8);
    }();
    return tag;
}

std::optional<TemporaryOwner> temporary_owner(std::string_view file_name) {
    if (file_name.size() < 2 || file_name.front() != '.' || !file_name.ends_with(kSuffix)) {
        return std::nullopt;
    }
    const std::size_t marker = file_name.rfind(kMarker);
    if (marker == std::string_view::npos || marker == 0) {
        return std::nullopt;
    }
    // <host>-<pid>-<random>
    std::string_view tail = file_name.substr(marker + kMarker.size());
    tail.remove_suffix(kSuffix.size());
    const std::size_t first = tail.find('-');
    const std::size_t second = tail.rfind('-');
    if (first != 8 || second == first || tail.size() - second - 1 != kRandomDigits) {
        return std::nullopt;
    }
    const std::string_view host = tail.substr(0, first);
    const std::string_view pid = tail.substr(first + 1, second - first - 1);
    TemporaryOwner owner{std::string(host), 0};
    const auto parsed = std::from_chars(pid.data(), pid.data() + pid.size(), owner.pid);
    if (!is_hex(host) || !is_hex(tail.substr(second + 1)) || pid.empty() ||
        parsed.ptr != pid.data() + pid.size() || parsed.ec != std::errc() || owner.pid <= 0) {
        return std::nullopt;
    }
    return owner;
}

OutputFile::OutputFile(fs::path target) : target_(std::move(target)) {
    const fs::path dir = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
    const std::string name = target_.filename().string();
    std::string prefix(1, '.');
    prefix += name_part(name);
    prefix += kMarker;
    prefix += this_host_tag();
    prefix += '-';
    prefix += std::to_string(::getpid());
    prefix += '-';
    // 0666: the kernel applies the umask, as for any file the user creates (changing the umask
    // to read it would race with the other threads of a batch).
    for (int attempt = 0; fd_ < 0; ++attempt) {
        temporary_ = dir / (prefix + random_digits() + std::string(kSuffix));
        fd_ = ::open(temporary_.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd_ < 0 && (errno != EEXIST || attempt >= 100)) {
            const int error = errno;
            throw IoError(tr("{0}: cannot create a temporary file in {1}: {2}",
                             {target_.string(), dir.string(), std::strerror(error)}));
        }
    }
}

OutputFile::~OutputFile() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
    if (!committed_) {
        ::unlink(temporary_.c_str());
    }
}

void OutputFile::fail(const char* what, int error) const {
    throw IoError(substitute(tr(what), {target_.string(), std::strerror(error)}));
}

void OutputFile::write(std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            fail(N_("{0}: cannot write: {1}"), n < 0 ? errno : ENOSPC);
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

void OutputFile::write_at(std::uint64_t offset, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::pwrite(fd_, bytes.data(), bytes.size(), static_cast<off_t>(offset));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            fail(N_("{0}: cannot write: {1}"), n < 0 ? errno : ENOSPC);
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
        offset += static_cast<std::uint64_t>(n);
    }
}

std::string OutputFile::read_at(std::uint64_t offset, std::size_t size) const {
    std::string bytes(size, '\0');
    const long long done = read_fully_at(fd_, bytes.data(), size, offset);
    if (done < 0) {
        fail(N_("{0}: cannot read back: {1}"), errno);
    }
    bytes.resize(static_cast<std::size_t>(done));
    return bytes;
}

std::uint64_t OutputFile::size() const {
    struct stat info {};
    if (::fstat(fd_, &info) != 0) {
        fail(N_("{0}: cannot read back: {1}"), errno);
    }
    return static_cast<std::uint64_t>(info.st_size);
}

void OutputFile::commit(Durability durability) {
    // close() reports the errors a file system defers to it (NFS, a full quota).
    const bool synced = durability != Durability::Now || ::fsync(fd_) == 0;
    const int sync_error = errno;
    const int closed = ::close(fd_);
    const int close_error = errno;
    fd_ = -1;
    if (!synced) {
        fail(N_("{0}: cannot write: {1}"), sync_error);
    }
    if (closed != 0) {
        fail(N_("{0}: cannot write: {1}"), close_error);
    }
    if (std::rename(temporary_.c_str(), target_.c_str()) != 0) {
        fail(N_("{0}: cannot rename the temporary file into place: {1}"), errno);
    }
    committed_ = true;
}

std::vector<fs::path> remove_stale_temporaries(const fs::path& dir) {
    std::vector<fs::path> removed;
    std::error_code error;
    const std::string host = this_host_tag();
    const auto now = fs::file_time_type::clock::now();
    for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
        const std::string name = it->path().filename().string();
        const std::optional<TemporaryOwner> owner = temporary_owner(name);
        std::error_code ignored;
        if (!owner || !it->is_regular_file(ignored) || it->is_symlink(ignored)) {
            continue;
        }
        const auto modified = fs::last_write_time(it->path(), ignored);
        const bool abandoned = !ignored && now - modified > kAbandonedAfter;
        const bool orphaned = owner->host == host && !process_is_running(owner->pid);
        if ((abandoned || orphaned) && ::unlink(it->path().c_str()) == 0) {
            removed.push_back(it->path());
        }
    }
    return removed;
}

} // namespace formpdf
