#include "core/mapped_file.h"

#include "core/messages.h"
#include "core/read_fully.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace formpdf {
namespace {

std::string mebibytes(std::uint64_t bytes) {
    return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MiB";
}

} // namespace

std::shared_ptr<const MappedFile> MappedFile::open(const std::string& path, std::uint64_t max_bytes,
                                                   std::string& why_not, bool keep_descriptor) {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        why_not = tr("cannot be opened: {0}", {std::strerror(errno)});
        return nullptr;
    }
    struct stat status {};
    if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
        ::close(fd);
        why_not = tr("is not a regular file");
        return nullptr;
    }
    const auto size = static_cast<std::uint64_t>(status.st_size);
    if (size > max_bytes) {
        ::close(fd);
        why_not = tr("is {0}, more than the {1} a file of its kind may have",
                     {mebibytes(size), mebibytes(max_bytes)});
        return nullptr;
    }
    if (size == 0) {
        ::close(fd);
        why_not = tr("is empty");
        return nullptr;
    }
    void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    const int mapping_errno = errno;
    if (data == MAP_FAILED || !keep_descriptor) {
        ::close(fd);
    }
    if (data == MAP_FAILED) {
        why_not = tr("cannot be mapped: {0}", {std::strerror(mapping_errno)});
        return nullptr;
    }
    return std::shared_ptr<const MappedFile>(new MappedFile(
        static_cast<const char*>(data), static_cast<std::size_t>(size), keep_descriptor ? fd : -1));
}

bool MappedFile::read_at(std::uint64_t offset, std::size_t size, std::string& out) const {
    if (descriptor_ < 0 || offset > size_ || size_ - offset < size) {
        return false;
    }
    out.resize(size);
    // Short: an error, or the file is shorter than it was.
    return read_fully_at(descriptor_, out.data(), size, offset) == static_cast<long long>(size);
}

MappedFile::~MappedFile() {
    ::munmap(const_cast<char*>(data_), size_);
    if (descriptor_ >= 0) {
        ::close(descriptor_);
    }
}

} // namespace formpdf
