#pragma once

namespace formpdf {

// The process exit codes, documented in docs/exit-codes.md. qpdf's convention: 3 = done, with
// warnings.
enum class ExitCode : int {
    Success = 0,
    Internal = 1,    // a bug or an unexpected library failure; please report it
    InputError = 2,  // the input (YAML, layout, fonts, data) has errors; nothing was written
    Warnings = 3,    // the output was written, but there were warnings
    IoError = 4,     // a file could not be read or written
    NotAllValid = 5, // verify: a signature is invalid, or the document changed after signing
    Usage = 64,      // the command line is wrong (sysexits EX_USAGE)
};

} // namespace formpdf
