#pragma once

// A Chinese input method types full-width punctuation where YAML needs ASCII: '：' after a key,
// U+3000 (the ideographic space) for indentation, '－' as a list marker, Chinese quotes around a
// value, '，' and '［】｛' in a flow collection, '＃' for a comment. The parser then reports
// something unrelated a line later, or the loader an unknown name. These functions find the slip
// itself so that the message can name the character and its column (docs/declaration-format.md,
// "Input-method slips").
//
// Chinese text is full of '：' and '“”' inside values, so a slip is only looked for where it
// breaks the structure: at the start of a line (a key, a list marker, a comment) or where the
// parser failed. Nothing here changes a value.

#include "core/diagnostic.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace formpdf::load {

class SourceText;

struct InputMethodSlip {
    std::size_t offset = 0; // byte offset of the full-width character (in the text after the BOM)
    // Where the parser starts the node the line's slip ends up in (the first character after the
    // ASCII indentation and '- ' markers): a slip at a key's start is a key's first character.
    std::size_t node_start = 0;
    std::size_t line_start = 0; // byte offset of the slip's line
    // In the indentation or the list markers, or a '＃': before anything the parser reads as a
    // key or a value, so at node_start the parser begins a key or value with it.
    bool leading = false;
    std::string message;
    std::string hint;
};

// Every slip at a structural place of the text, in order: full-width or missing spaces in the
// indentation, after a '- ' marker or after a key's ':'; '：' after a key at the start of a line;
// '－' as a list marker; '＃' starting a line; a full-width bracket opening a value, a '，' in an
// ASCII flow collection; Chinese quotes around a value that holds ': '. Lines of '|' and '>' block
// scalars are skipped. Meant for a file that failed to parse or load: a valid file may hold such
// text in a multi-line value, so for a file that parsed, keep only the leading slips whose
// node_start is where a key starts: the parser read the slip into the key.
std::vector<InputMethodSlip> find_input_method_slips(std::string_view text);

// A slip on the line of `offset` (where the parser failed) that find_input_method_slips() does
// not report on its own: a value wrapped in Chinese quotes, '，' in a flow collection.
std::optional<InputMethodSlip> input_method_slip_on_line(std::string_view text, std::size_t offset);

// "the value is wrapped in Chinese quotes ‘…’; remove them or use ASCII quotes: '*数量'" when the
// whole value is wrapped in Chinese quotes, else "". For a vocabulary check that failed on it.
std::string chinese_quotes_hint(std::string_view value);

// At most this many slips are reported for one file.
inline constexpr std::size_t kMaxReportedSlips = 20;

// The slips as errors at their file:line:col (at most kMaxReportedSlips, then a note with the
// count of the others).
std::vector<Diagnostic> slip_diagnostics(const std::vector<InputMethodSlip>& slips,
                                         const SourceText& source);

// What failed: the parser (which reports some slips a line late) or a loader (which reports the
// value itself).
enum class ErrorKind { Syntax, Load };

// `error` with the slips of the text when it has any, in line order: the diagnostics for a file
// that failed to parse or load. The error is left out when it is on a slip's line, or for a
// syntax error the line after one (the parser's late view of the slip).
std::vector<Diagnostic> with_input_method_slips(const Diagnostic& error, const SourceText& source,
                                                ErrorKind kind);

} // namespace formpdf::load
