#pragma once

#include <filesystem>

namespace formpdf {

// An exclusive lock on a folder, held while a run writes its set of files there (a batch: its
// files, its manifest, the removal of its stale outputs). It is an flock on the folder itself: no
// lock file to plant or leave behind, and the kernel releases it when the process ends, however it
// ends. On a file system that cannot lock folders the run goes on unlocked (each file is still
// written whole; the last rename wins).
class FolderLock {
public:
    // Throws IoError when another process holds the lock (naming the folder and `what_for`), or
    // when the folder cannot be opened.
    FolderLock(const std::filesystem::path& dir, const char* what_for);
    ~FolderLock();
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;

private:
    int fd_ = -1;
};

} // namespace formpdf
