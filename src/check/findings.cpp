#include "check/findings.h"

namespace formpdf::check {

void Findings::error(SourceLoc loc, std::string message, std::string hint) {
    items_.push_back({{Severity::Error, std::move(loc), std::move(message), std::move(hint)}});
}

void Findings::structural_error(SourceLoc loc, std::string message, std::string hint) {
    items_.push_back(
        {{Severity::Error, std::move(loc), std::move(message), std::move(hint)}, true});
}

void Findings::warning(SourceLoc loc, std::string message, std::string hint) {
    items_.push_back({{Severity::Warning, std::move(loc), std::move(message), std::move(hint)}});
}

void Findings::note(SourceLoc loc, std::string message, std::string hint) {
    items_.push_back({{Severity::Note, std::move(loc), std::move(message), std::move(hint)}});
}

} // namespace formpdf::check
