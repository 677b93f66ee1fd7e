#include "core/read_fully.h"

#include <cerrno>
#include <unistd.h>

namespace formpdf {

long long read_fully_at(int fd, char* out, std::size_t size, std::uint64_t offset) {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t got = ::pread(fd, out + done, size - done, static_cast<off_t>(offset + done));
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            return -1;
        }
        if (got == 0) {
            break; // the end of the file
        }
        done += static_cast<std::size_t>(got);
    }
    return static_cast<long long>(done);
}

} // namespace formpdf
