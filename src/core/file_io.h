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
// location) when it is larger than max_bytes, before reading it.
std::string read_file(const std::filesystem::path& path, std::size_t max_bytes);

// Writes bytes to a temporary file beside path and renames it into place, so that a reader never
// sees a partial file and a failed run never replaces a good one. Throws IoError.
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

} // namespace formpdf
