#pragma once

#include <string>

namespace formpdf {

// The running program's GNU build ID (the linker's hash of the program, ELF note
// NT_GNU_BUILD_ID), as raw bytes; empty when the program has none. It changes whenever the program
// does: what a cache made by one build may hold is never read by another.
const std::string& program_build_id();

} // namespace formpdf
