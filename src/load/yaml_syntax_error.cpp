#include "load/yaml_syntax_error.h"

#include "core/messages.h"
#include "core/utf8.h"

#include <yaml-cpp/exceptions.h>

#include <algorithm>
#include <optional>

namespace formpdf::load {

std::size_t closing_quote(std::string_view text, std::size_t open) {
    const char quote = text[open];
    for (std::size_t i = open + 1; i < text.size(); ++i) {
        if (quote == '"' && text[i] == '\\') {
            ++i; // an escaped character, perhaps a quote
        } else if (text[i] == quote) {
            if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
                ++i; // '' is a quote inside single quotes
            } else {
                return i;
            }
        }
    }
    return std::string_view::npos;
}

std::size_t line_start_of(std::string_view text, std::size_t offset) {
    if (offset == 0) {
        return 0;
    }
    const std::size_t newline = text.rfind('\n', offset - 1);
    return newline == std::string_view::npos ? 0 : newline + 1;
}

namespace {

std::size_t tab_in_indentation(std::string_view text, std::size_t line_start) {
    for (std::size_t i = line_start; i < text.size() && (text[i] == ' ' || text[i] == '\t'); ++i) {
        if (text[i] == '\t') {
            return i;
        }
    }
    return std::string_view::npos;
}

// Offset of the first tab in the indentation of the line holding offset or of the line before it
// (the parser reports some tab indentation one line late, or as another error), or npos.
std::size_t find_indentation_tab(std::string_view text, std::size_t offset) {
    const std::size_t line_start = line_start_of(text, std::min(offset, text.size()));
    if (const std::size_t tab = tab_in_indentation(text, line_start);
        tab != std::string_view::npos || line_start == 0) {
        return tab;
    }
    return tab_in_indentation(text, line_start_of(text, line_start - 1));
}

// yaml-cpp's own words for the problems no rule above words better, in the user's language: its
// messages are English constants (yaml-cpp/exceptions.h), each given here as a msgid.
struct YamlCppWords {
    const char* yaml_cpp;
    const char* msgid;
};
constexpr YamlCppWords kYamlCppWords[] = {
    {YAML::ErrorMsg::YAML_DIRECTIVE_ARGS, N_("YAML directives must have exactly one argument")},
    {YAML::ErrorMsg::YAML_MAJOR_VERSION, N_("YAML major version too large")},
    {YAML::ErrorMsg::REPEATED_YAML_DIRECTIVE, N_("repeated YAML directive")},
    {YAML::ErrorMsg::TAG_DIRECTIVE_ARGS, N_("TAG directives must have exactly two arguments")},
    {YAML::ErrorMsg::REPEATED_TAG_DIRECTIVE, N_("repeated TAG directive")},
    {YAML::ErrorMsg::CHAR_IN_TAG_HANDLE, N_("illegal character found while scanning tag handle")},
    {YAML::ErrorMsg::TAG_WITH_NO_SUFFIX, N_("tag handle with no suffix")},
    {YAML::ErrorMsg::END_OF_VERBATIM_TAG, N_("end of verbatim tag not found")},
    {YAML::ErrorMsg::END_OF_MAP, N_("end of map not found")},
    {YAML::ErrorMsg::END_OF_MAP_FLOW, N_("end of map flow not found")},
    {YAML::ErrorMsg::END_OF_SEQ, N_("end of sequence not found")},
    {YAML::ErrorMsg::END_OF_SEQ_FLOW, N_("end of sequence flow not found")},
    {YAML::ErrorMsg::MULTIPLE_TAGS, N_("cannot assign multiple tags to the same node")},
    {YAML::ErrorMsg::INVALID_HEX, N_("bad character found while scanning hex number")},
    {YAML::ErrorMsg::UNKNOWN_TOKEN, N_("unknown token")},
    {YAML::ErrorMsg::DOC_IN_SCALAR, N_("illegal document indicator in scalar")},
    {YAML::ErrorMsg::EOF_IN_SCALAR, N_("illegal EOF in scalar")},
    {YAML::ErrorMsg::CHAR_IN_SCALAR, N_("illegal character in scalar")},
    {YAML::ErrorMsg::TAB_IN_INDENTATION, N_("illegal tab when looking for indentation")},
    {YAML::ErrorMsg::FLOW_END, N_("illegal flow end")},
    {YAML::ErrorMsg::BLOCK_ENTRY, N_("illegal block entry")},
    {YAML::ErrorMsg::MAP_KEY, N_("illegal map key")},
    {YAML::ErrorMsg::MAP_VALUE, N_("illegal map value")},
    {YAML::ErrorMsg::UNEXPECTED_END_SEQ, N_("unexpected end sequence token")},
    {YAML::ErrorMsg::UNEXPECTED_END_MAP, N_("unexpected end map token")},
    {YAML::ErrorMsg::SINGLE_QUOTED_CHAR, N_("invalid character in single-quoted string")},
    {YAML::ErrorMsg::INVALID_TAG, N_("invalid tag")},
};
// Its messages that end with what was found: the words, then the text as it was.
constexpr YamlCppWords kYamlCppPrefixes[] = {
    {YAML::ErrorMsg::YAML_VERSION, N_("bad YAML version: {0}")},
    {YAML::ErrorMsg::INVALID_UNICODE, N_("invalid unicode: {0}")},
    {YAML::ErrorMsg::INVALID_ESCAPE, N_("unknown escape character: {0}")},
};

// yaml-cpp's message in the user's language when it is one of its own; else as it is.
std::string problem_in_words(std::string_view problem) {
    for (const YamlCppWords& words : kYamlCppWords) {
        if (problem == words.yaml_cpp) {
            return tr(words.msgid);
        }
    }
    for (const YamlCppWords& words : kYamlCppPrefixes) {
        if (problem.starts_with(words.yaml_cpp)) {
            return tr(words.msgid, {problem.substr(std::string_view(words.yaml_cpp).size())});
        }
    }
    return std::string(problem);
}

bool starts(std::string_view problem, std::string_view prefix) {
    return problem.starts_with(prefix);
}

// The offset of the '*' or '&' that begins the alias or anchor the parser failed in: at or
// before `offset` on its line.
std::size_t anchor_or_alias_start(std::string_view text, std::size_t offset) {
    for (std::size_t i = std::min(offset, text.size()); i-- > 0 && text[i] != '\n';) {
        if (text[i] == '*' || text[i] == '&') {
            return i;
        }
    }
    return offset;
}

// `label: 预算单位:` or `{label: 预算单位:, required: true}`: the forms print a half-width ':'
// after a label, and YAML reads a ':' before a space, ',', '}', ']' or the line's end as the colon
// of a key, so the value ends there and the parser fails just after it. Nothing when the ':' at
// `offset` (or just before it) is not one that ends a value.
std::optional<GuardFailure> colon_ending_a_value(std::string_view text, std::size_t offset) {
    std::size_t colon = std::min(offset, text.size());
    if (colon < text.size() && text[colon] == ':') {
        // yaml-cpp marks the colon itself
    } else if (colon > 0 && text[colon - 1] == ':') {
        --colon;
    } else {
        return std::nullopt;
    }
    const char after = colon + 1 < text.size() ? text[colon + 1] : '\n';
    if (std::string_view(" ,}]\r\n").find(after) == std::string_view::npos) {
        return std::nullopt;
    }
    // The entry the colon is in: after the last '{', '[' or ',' of its line, or the line's start.
    const std::size_t line_start = line_start_of(text, colon);
    std::size_t entry = line_start;
    for (std::size_t i = colon; i-- > line_start;) {
        if (text[i] == '{' || text[i] == '[' || text[i] == ',') {
            entry = i + 1;
            break;
        }
    }
    const std::string_view before = text.substr(entry, colon - entry);
    const std::size_t key_colon = before.find(": ");
    if (key_colon == std::string_view::npos) {
        return std::nullopt;
    }
    std::size_t value_start = entry + key_colon + 2;
    while (value_start < colon && text[value_start] == ' ') {
        ++value_start;
    }
    if (value_start == colon || text[value_start] == '"' || text[value_start] == '\'' ||
        before.substr(key_colon + 2).find(':') != std::string_view::npos) {
        return std::nullopt;
    }
    // The whole value as meant: up to the ',' or '}' that ends the entry, or the line's end.
    const bool flow = entry > line_start;
    if (!flow && after == ' ') {
        // `title: 备注: 置灰`: the general "unexpected ':'" message says it as well.
        return std::nullopt;
    }
    std::size_t value_end = text.find_first_of(flow ? ",}]\r\n" : "\r\n", colon + 1);
    if (value_end == std::string_view::npos) {
        value_end = text.size();
    }
    while (value_end > colon + 1 && text[value_end - 1] == ' ') {
        --value_end;
    }
    const std::string value(text.substr(value_start, value_end - value_start));
    std::string message =
        tr("YAML reads the half-width ':' in '{0}' as the colon of a key", {value});
    std::string hint = tr("the ':' belongs to the text (the forms print a half-width ':' after a "
                          "label): put the value in quotes, '{0}', or write a full-width '：'",
                          {value});
    return GuardFailure{colon, std::move(message), std::move(hint)};
}

} // namespace

GuardFailure describe_parser_error(std::string_view problem, std::size_t offset,
                                   std::size_t context_offset, std::string_view text) {
    offset = std::min(offset, text.size());
    if (const std::size_t tab = find_indentation_tab(text, offset);
        tab != std::string_view::npos || problem.find("tab") != std::string_view::npos) {
        return {tab == std::string_view::npos ? offset : tab, tr("a tab is used for indentation"),
                tr("YAML indents with spaces only: replace the tabs at the start of this line "
                   "with spaces")};
    }
    const char here = offset < text.size() ? text[offset] : '\0';
    if (problem == YAML::ErrorMsg::UNKNOWN_ANCHOR || problem == YAML::ErrorMsg::ALIAS_NOT_FOUND ||
        problem == YAML::ErrorMsg::ANCHOR_NOT_FOUND || problem == YAML::ErrorMsg::CHAR_IN_ALIAS ||
        problem == YAML::ErrorMsg::CHAR_IN_ANCHOR || problem == YAML::ErrorMsg::MULTIPLE_ANCHORS ||
        problem == YAML::ErrorMsg::MULTIPLE_ALIASES || problem == YAML::ErrorMsg::ALIAS_CONTENT ||
        starts(problem, YAML::ErrorMsg::UNKNOWN_ANCHOR)) {
        return {anchor_or_alias_start(text, offset), tr("anchors and aliases are not allowed"),
                tr(kAnchorHint)};
    }
    if (auto colon = colon_ending_a_value(text, offset)) {
        return std::move(*colon);
    }
    const bool structure_problem =
        problem == YAML::ErrorMsg::END_OF_MAP || problem == YAML::ErrorMsg::END_OF_SEQ ||
        problem == YAML::ErrorMsg::END_OF_MAP_FLOW || problem == YAML::ErrorMsg::END_OF_SEQ_FLOW ||
        problem == YAML::ErrorMsg::MAP_KEY || problem == YAML::ErrorMsg::MAP_VALUE ||
        problem == YAML::ErrorMsg::BLOCK_ENTRY || problem == YAML::ErrorMsg::FLOW_END ||
        problem == kNoDocumentStart;
    if (structure_problem && (here == '"' || here == '\'') &&
        closing_quote(text, offset) == std::string_view::npos) {
        // yaml-cpp stopped at the quote (say, where the indentation does not fit) before reading
        // on: the quote that never closes is the likelier cause.
        problem = kUnclosedQuote;
        context_offset = offset;
    }
    if (problem == kUnclosedQuote || problem == YAML::ErrorMsg::EOF_IN_SCALAR) {
        std::size_t open = context_offset;
        if (problem == YAML::ErrorMsg::EOF_IN_SCALAR) {
            // The quoted scalar yaml-cpp was reading began after the last node it reported: the
            // first quote from there that is never closed.
            open = std::string_view::npos;
            for (std::size_t i = std::min(context_offset, text.size()); i < text.size(); ++i) {
                if (text[i] == '"' || text[i] == '\'') {
                    const std::size_t close = closing_quote(text, i);
                    if (close == std::string_view::npos) {
                        open = i;
                        break;
                    }
                    i = close;
                }
            }
        }
        if (open < text.size()) {
            return {open, tr("this quoted text is never closed"),
                    tr("add the closing {0} at the end of the text",
                       {std::string_view(&text[open], 1)})};
        }
    }
    if (starts(problem, YAML::ErrorMsg::INVALID_ESCAPE)) {
        // yaml-cpp marks the character after the escape; the backslash is the last one before.
        std::size_t backslash = std::min(offset, text.size() - (text.empty() ? 0 : 1));
        while (backslash > 0 && text[backslash] != '\\') {
            --backslash;
        }
        std::size_t escape = backslash + 1;
        std::size_t end = escape;
        char32_t code_point = 0;
        if (escape < text.size()) {
            decode_utf8(text, end, code_point);
        } else {
            escape = end = text.size();
        }
        return {
            backslash,
            tr("unknown escape '\\{0}' in double-quoted text", {text.substr(escape, end - escape)}),
            tr("in double quotes a backslash starts an escape: write \\\\ for a backslash, "
               "or use single quotes")};
    }
    if (problem == YAML::ErrorMsg::END_OF_SEQ_FLOW) {
        return {offset, tr("a list opened with '[' is not closed with ']'"),
                tr("add the missing ']'; if the '[' is part of the text, put the text in quotes")};
    }
    if (problem == YAML::ErrorMsg::END_OF_MAP_FLOW) {
        return {offset, tr("a map opened with '{' is not closed with '}'"),
                tr("add the missing '}'; if the '{' is part of the text, put the text in quotes")};
    }
    if (problem == YAML::ErrorMsg::MAP_VALUE && here == ':') {
        // yaml-cpp read the line(s) before this key's line as the start of this key: the text
        // it read began after the last node it reported (on that node's line after a list's
        // '- ', else on the next line), and that line lacks the ':' of its own key.
        const std::size_t error_line = line_start_of(text, offset);
        const auto is_marker = [&](std::size_t i) {
            return text[i] == '-' && i + 1 < text.size() && text[i + 1] == ' ';
        };
        std::size_t key = std::min(context_offset, text.size());
        if (key < text.size() && is_marker(key)) {
            ++key;
        } else if (const std::size_t newline = text.find('\n', key);
                   newline != std::string_view::npos) {
            key = newline + 1;
        } else {
            key = text.size();
        }
        // The key itself: past the indentation and any list markers.
        while (key < error_line && (text[key] == ' ' || text[key] == '\n' || is_marker(key))) {
            ++key;
        }
        if (key < error_line) {
            problem = kNoColon;
            context_offset = key;
        }
    }
    const std::size_t line_start = line_start_of(text, offset);
    if (problem == YAML::ErrorMsg::END_OF_MAP && offset < text.size() && here != '-' &&
        here != '#' && here != '\n' && here != '\r' &&
        text.substr(line_start, offset - line_start).find_first_not_of(' ') ==
            std::string_view::npos) {
        // A map's line that is not a key: `total_amount '4.80'` with its ':' left out (yaml-cpp
        // stops at the line's start; where it stops mid-line, text follows a value).
        std::size_t end = text.find('\n', offset);
        std::string_view line = text.substr(
            offset, end == std::string_view::npos ? std::string_view::npos : end - offset);
        if (const std::size_t comment = line.find(" #"); comment != std::string_view::npos) {
            line = line.substr(0, comment);
        }
        while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) {
            line.remove_suffix(1);
        }
        if (line.find(": ") == std::string_view::npos && !line.ends_with(':')) {
            problem = kNoColon;
            context_offset = offset;
        }
    }
    if (problem == kNoColon) {
        return {context_offset, tr("a line without the ':' of a key where a key was expected"),
                tr("write `key: value` with an ASCII ':' followed by a space; if the line "
                   "continues the text above, indent it more than that text's key")};
    }
    if (problem == YAML::ErrorMsg::MAP_VALUE && here == ':') {
        return {offset, tr("unexpected ':' (a colon followed by a space starts a key)"),
                tr("put each key on its own line, indented under its parent; if the colon is "
                   "part of the text, put the text in quotes")};
    }
    if (problem == YAML::ErrorMsg::CHAR_IN_BLOCK ||
        problem == YAML::ErrorMsg::ZERO_INDENT_IN_BLOCK) {
        return {offset, tr("unexpected text after '|' or '>'"),
                tr("the text of a block scalar starts on the next line, indented; only a comment "
                   "may follow '|' or '>' on its own line")};
    }
    if (problem == YAML::ErrorMsg::BLOCK_ENTRY) {
        return {offset, tr("unexpected list item '- '"),
                tr("a list's items go on their own lines, indented under the key that holds the "
                   "list; if the '-' is part of the text, put the text in quotes")};
    }
    if (here == ']' || here == '}') {
        return {offset,
                tr("unexpected '{0}': nothing is open here to close", {std::string_view(&here, 1)}),
                tr("remove it, or put the text in quotes if it is part of the text")};
    }
    if (here == ',') {
        return {offset, tr("unexpected ',' here"),
                tr("put the text in quotes if this character belongs to a value")};
    }
    if (problem == YAML::ErrorMsg::UNKNOWN_TOKEN && here != '\0') {
        return {offset, tr("a value cannot start with '{0}' in YAML", {std::string_view(&here, 1)}),
                tr("put the text in quotes")};
    }
    if (problem == YAML::ErrorMsg::END_OF_MAP || problem == YAML::ErrorMsg::END_OF_SEQ ||
        problem == YAML::ErrorMsg::MAP_KEY || problem == YAML::ErrorMsg::MAP_VALUE ||
        problem == kNoDocumentStart) {
        return {offset, tr("the indentation of this line does not match the lines above it"),
                tr("indent the keys of one map, and the '- ' items of one list, by the same "
                   "number of spaces")};
    }
    return {offset, tr("YAML syntax error: {0}", {problem_in_words(problem)}),
            tr("look at this line and the one above it: a key needs ':' and a space after it, a "
               "list item '- ', quotes and brackets must be closed, and indentation is ASCII "
               "spaces")};
}

} // namespace formpdf::load
