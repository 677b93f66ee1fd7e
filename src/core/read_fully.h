#pragma once

#include <cstddef>
#include <cstdint>

namespace formpdf {

// Reads up to `size` bytes at `offset` of the open file `fd` into `out` with pread(2), again
// after a signal and after a short read, until `size` bytes or the end of the file. Returns the
// bytes read (fewer than `size` only at the end of the file), or -1 with errno set.
long long read_fully_at(int fd, char* out, std::size_t size, std::uint64_t offset);

} // namespace formpdf
