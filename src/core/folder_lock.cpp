#include "core/folder_lock.h"

#include "core/file_io.h"
#include "core/messages.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace formpdf {

FolderLock::FolderLock(const std::filesystem::path& dir, const char* what_for) {
    fd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd_ < 0) {
        throw IoError(tr("cannot open the folder {0}: {1}", {dir.string(), std::strerror(errno)}));
    }
    while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        if (errno == EINTR) {
            continue;
        }
        if (errno == EWOULDBLOCK) {
            ::close(fd_);
            fd_ = -1;
            throw IoError(tr("{0} is in use by another formpdf {1} writing there; nothing was "
                             "written (run again once it has finished)",
                             {dir.string(), what_for}));
        }
        break; // the file system cannot lock folders: go on unlocked
    }
}

FolderLock::~FolderLock() {
    if (fd_ >= 0) {
        ::close(fd_); // releases the lock
    }
}

} // namespace formpdf
