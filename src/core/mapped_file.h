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
    static std::shared_ptr<const MappedFile> open(const std::string& path, std::uint64_t max_bytes,
                                                  std::string& why_not);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::string_view bytes() const { return {data_, size_}; }

private:
    MappedFile(const char* data, std::size_t size) : data_(data), size_(size) {}
    const char* data_;
    std::size_t size_;
};

} // namespace formpdf
