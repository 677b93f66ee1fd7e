#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace formpdf {

// A regular file mapped read-only. Opened without blocking and checked before it is mapped, so a
// FIFO or device that happens to carry a font's name never stalls the program, and a file larger
// than the caller accepts is refused before any of it is read.
class MappedFile {
public:
    // The file mapped, or null with `why_not` saying why in words for a diagnostic ("is not a
    // regular file", "is 300 MiB, more than the 256 MiB ...", "cannot be opened: ...").
    // With `keep_descriptor`, the file stays open for read_at().
    static std::shared_ptr<const MappedFile> open(const std::string& path, std::uint64_t max_bytes,
                                                  std::string& why_not,
                                                  bool keep_descriptor = false);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::string_view bytes() const { return {data_, size_}; }

    // `size` bytes at `offset` copied into `out` with pread(2), not through the mapping: reading
    // a few hundred bytes here and there from a large file through the mapping makes the kernel
    // map the pages around each one as well (fault-around, 64 KB), all counted as the process's
    // memory. False when the file was not opened with keep_descriptor, or is shorter now.
    bool read_at(std::uint64_t offset, std::size_t size, std::string& out) const;

private:
    MappedFile(const char* data, std::size_t size, int descriptor)
        : data_(data), size_(size), descriptor_(descriptor) {}
    const char* data_;
    std::size_t size_;
    int descriptor_; // -1 unless kept
};

} // namespace formpdf
