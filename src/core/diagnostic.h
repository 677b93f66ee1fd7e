#pragma once

#include "core/source_location.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace formpdf {

enum class Severity { Note, Warning, Error };

const char* severity_name(Severity severity);

// A message for the user about their input, in the form
//   file:line:col: error: message
//   hint: what to do about it
struct Diagnostic {
    Severity severity = Severity::Error;
    SourceLoc loc;
    std::string message;
    std::string hint; // empty when there is nothing useful to add
};

// The diagnostic as printed: one line, plus a "hint:" line when there is a hint. No trailing
// newline. The file name, message and hint pass through terminal_safe() (core/terminal_text.h):
// control and bidi characters quoted from the input are shown as escapes.
std::string format_diagnostic(const Diagnostic& diagnostic);

Diagnostic make_error(SourceLoc loc, std::string message, std::string hint = {});
Diagnostic make_warning(SourceLoc loc, std::string message, std::string hint = {});

// Thrown by any stage for a user error that stops the current job. Bugs are asserts, not this.
// Usually one diagnostic; several when the stage could go on looking after the first (every
// input-method slip of a file).
class DiagnosticError : public std::runtime_error {
public:
    explicit DiagnosticError(Diagnostic diagnostic);
    // At least one diagnostic.
    explicit DiagnosticError(std::vector<Diagnostic> diagnostics);
    const Diagnostic& diagnostic() const { return diagnostics_.front(); } // the first
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
    std::vector<Diagnostic> diagnostics_;
};

// Collects the diagnostics of one job, in the order they were found.
class Diagnostics {
public:
    void add(Diagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }
    void error(SourceLoc loc, std::string message, std::string hint = {});
    void warning(SourceLoc loc, std::string message, std::string hint = {});
    void note(SourceLoc loc, std::string message, std::string hint = {});

    const std::vector<Diagnostic>& items() const { return items_; }
    bool has_errors() const;
    int count(Severity severity) const;

private:
    std::vector<Diagnostic> items_;
};

} // namespace formpdf
