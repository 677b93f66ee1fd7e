#pragma once

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace formpdf {

// A file could not be read or written (maps to ExitCode::IoError).
class IoError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Reads a whole file. Throws IoError when it cannot be read, and DiagnosticError (with the file as
// location) when it is larger than max_bytes (a regular file: before reading it; a pipe: once
// max_bytes were read) or is a device (/dev/zero: never read).
std::string read_file(const std::filesystem::path& path, std::size_t max_bytes);

// When the bytes of a written file must be on disk.
enum class Durability {
    // Before the file takes its name (fsync, then rename): one file, written now and kept.
    Now,
    // At the next flush_file_system(): a batch writing thousands of files flushes them all at
    // once at the end instead of waiting for the disk after every one (which cost a 4,100-form
    // batch ~1 s). The rename still makes each file whole or absent for every reader.
    Deferred,
};

// Writes bytes to a temporary file beside path and renames it into place, so that a reader never
// sees a partial file and a failed run never replaces a good one. The temporary is created
// exclusively under an unpredictable name (output_file.h). Throws IoError naming path.
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes,
                           Durability durability = Durability::Now);

// Writes to disk everything written so far to the file system that holds `dir` (syncfs): the end
// of a run that wrote with Durability::Deferred, before it reports success. Throws IoError.
void flush_file_system(const std::filesystem::path& dir);

} // namespace formpdf
