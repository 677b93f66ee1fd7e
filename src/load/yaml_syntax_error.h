#pragma once

// The guard's words for YAML syntax errors (yaml_guard.cpp): yaml-cpp's messages are parser
// jargon ("end of map not found"); these say what is wrong in the user's terms, with a hint.
// Private to src/load/.

#include "core/messages.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace formpdf::load {

// A problem found by the guard, located by byte offset in the text after the BOM; turned into a
// DiagnosticError with line:col only when it is thrown, so the good path never builds a line table.
struct GuardFailure {
    std::size_t offset = 0;
    std::string message;
    std::string hint;
};

// Marked with N_(): translated with tr() where they are given.
inline constexpr const char* kAnchorHint =
    N_("formpdf files do not use YAML anchors (&name) or aliases (*name): write the value out in "
       "full; if the text really starts with '*' or '&', put it in quotes, e.g. \"*数量\"");

inline constexpr const char* kDepthHint = N_(
    "formpdf files nest only a few levels; look for unbalanced '[' or '{' or runaway indentation");

// A syntax error the guard finds itself where yaml-cpp 0.7 is laxer than YAML (and than libyaml,
// which formpdf used before): said in libyaml's words, so describe_parser_error() treats both
// alike.
inline constexpr const char* kNoDocumentStart = "did not find expected <document start>";
inline constexpr const char* kUnclosedQuote = "found unexpected end of stream in a quoted scalar";
inline constexpr const char* kNoColon = "could not find expected ':'";

// The offset of the quote that closes the quoted scalar opening at `open`, or npos when the text
// ends first. yaml-cpp 0.7 ends an unclosed quoted scalar silently at the end of the file when
// the file ends with a line break; YAML (and libyaml) refuse it.
std::size_t closing_quote(std::string_view text, std::size_t open);

// The offset of the first byte of the line holding offset.
std::size_t line_start_of(std::string_view text, std::size_t offset);

// What the guard says for yaml-cpp's message `problem` (a YAML::ErrorMsg, or one of the k...
// above): `offset` is where yaml-cpp found the problem, `context_offset` where the guard knows
// the construct began (the opening quote of an unclosed one), else where the last node began.
GuardFailure describe_parser_error(std::string_view problem, std::size_t offset,
                                   std::size_t context_offset, std::string_view text);

} // namespace formpdf::load
