#pragma once

#include "core/file_io.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace formpdf {

// Every file formpdf writes is first written to a temporary file beside it and renamed into place
// (docs/security.md, "Output files"). The temporary is created exclusively (O_CREAT|O_EXCL, and
// O_NOFOLLOW) under a name nobody can predict:
//
//     .<name>.formpdf-<host>-<pid>-<random>.tmp
//
// <name> is the final file name (cut to 100 bytes), <host> 8 hex digits of a hash of the host
// name, <pid> the writing process, <random> 12 random hex digits. So a symlink or file planted in
// the output folder is never written through, two runs writing one file never share a temporary
// (each renames a whole file; the last rename wins), and what a killed run left is recognisable.
class OutputFile {
public:
    // Creates the temporary beside `target`. Throws IoError naming `target`.
    explicit OutputFile(std::filesystem::path target);
    ~OutputFile(); // removes the temporary unless commit() succeeded
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    // Appends bytes; positioned reads and writes (for a trailer patched after writing). Each
    // throws IoError naming the target on any failure (a full disk included).
    void write(std::string_view bytes);
    void write_at(std::uint64_t offset, std::string_view bytes);
    std::string read_at(std::uint64_t offset, std::size_t size) const;
    std::uint64_t size() const;

    // Closes the file (after fsync with Durability::Now) and renames it to the target. Throws
    // IoError naming the target; the temporary is then removed.
    void commit(Durability durability);

    const std::filesystem::path& target() const { return target_; }
    const std::filesystem::path& temporary() const { return temporary_; }

private:
    // `what`: an N_() marked message with {0} for the target and {1} for the system's reason.
    [[noreturn]] void fail(const char* what, int error) const;

    std::filesystem::path target_;
    std::filesystem::path temporary_;
    int fd_ = -1;
    bool committed_ = false;
};

// The parts of a temporary's name that say who wrote it; nothing when `file_name` is not one of
// formpdf's temporaries.
struct TemporaryOwner {
    std::string host; // 8 hex digits
    long pid = 0;
};
std::optional<TemporaryOwner> temporary_owner(std::string_view file_name);

// This machine's <host> part.
std::string this_host_tag();

// Removes the temporaries in `dir` (not below it) that no run will finish: written on this host
// by a process that is no longer running, or not modified for 24 hours. A live run's temporary
// is never removed (its process is running); another host's is judged by its age only. Only
// regular files whose name matches the pattern above are considered. Best effort: returns the
// removed paths and never throws.
std::vector<std::filesystem::path> remove_stale_temporaries(const std::filesystem::path& dir);

} // namespace formpdf
