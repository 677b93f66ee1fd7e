#include "core/diagnostic.h"

#include "core/messages.h"
#include "core/terminal_text.h"

#include <algorithm>

namespace formpdf {

const char* severity_name(Severity severity) {
    switch (severity) {
    case Severity::Note:
        return N_("note");
    case Severity::Warning:
        return N_("warning");
    case Severity::Error:
        return N_("error");
    }
    return N_("error");
}

std::string format_diagnostic(const Diagnostic& diagnostic) {
    std::string out;
    if (!diagnostic.loc.file.empty()) {
        out += terminal_safe(diagnostic.loc.file);
        if (diagnostic.loc.line > 0) {
            out += ':' + std::to_string(diagnostic.loc.line);
            if (diagnostic.loc.col > 0) {
                out += ':' + std::to_string(diagnostic.loc.col);
            }
        }
        out += ": ";
    } else {
        out += "formpdf: ";
    }
    out += tr(severity_name(diagnostic.severity));
    out += ": ";
    // Messages quote file names and values from the input: escaped, so that they cannot forge
    // lines of output or take over the terminal (docs/security.md, "Terminal output").
    out += terminal_safe(diagnostic.message);
    if (!diagnostic.hint.empty()) {
        out += '\n';
        out += tr("hint");
        out += ": ";
        out += terminal_safe(diagnostic.hint);
    }
    return out;
}

Diagnostic make_error(SourceLoc loc, std::string message, std::string hint) {
    return Diagnostic{Severity::Error, std::move(loc), std::move(message), std::move(hint)};
}

Diagnostic make_warning(SourceLoc loc, std::string message, std::string hint) {
    return Diagnostic{Severity::Warning, std::move(loc), std::move(message), std::move(hint)};
}

DiagnosticError::DiagnosticError(Diagnostic diagnostic)
    : std::runtime_error(format_diagnostic(diagnostic)), diagnostics_{std::move(diagnostic)} {}

namespace {

std::string format_all(const std::vector<Diagnostic>& diagnostics) {
    std::string out;
    for (const Diagnostic& diagnostic : diagnostics) {
        if (!out.empty()) {
            out += '\n';
        }
        out += format_diagnostic(diagnostic);
    }
    return out;
}

} // namespace

DiagnosticError::DiagnosticError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(format_all(diagnostics)), diagnostics_(std::move(diagnostics)) {
    if (diagnostics_.empty()) {
        diagnostics_.push_back(make_error({}, "internal error: an empty list of diagnostics"));
    }
}

void Diagnostics::error(SourceLoc loc, std::string message, std::string hint) {
    add({Severity::Error, std::move(loc), std::move(message), std::move(hint)});
}

void Diagnostics::warning(SourceLoc loc, std::string message, std::string hint) {
    add({Severity::Warning, std::move(loc), std::move(message), std::move(hint)});
}

void Diagnostics::note(SourceLoc loc, std::string message, std::string hint) {
    add({Severity::Note, std::move(loc), std::move(message), std::move(hint)});
}

bool Diagnostics::has_errors() const {
    return count(Severity::Error) > 0;
}

int Diagnostics::count(Severity severity) const {
    return static_cast<int>(std::count_if(
        items_.begin(), items_.end(), [&](const Diagnostic& d) { return d.severity == severity; }));
}

} // namespace formpdf
