#include "load/yaml_guard.h"

#include "load/yaml_tree.h"

#include "core/diagnostic.h"
#include "core/utf8.h"
#include "load/input_method_slips.h"
#include "load/source_text.h"

#include <yaml.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <set>

namespace formpdf::load {

namespace {

// A problem found by the guard, located by byte offset in the text after the BOM; turned into a
// DiagnosticError with line:col only when it is thrown, so the good path never builds a line table.
struct GuardFailure {
    std::size_t offset = 0;
    std::string message;
    std::string hint;
};

// A YAML syntax error: the guard's description, and where libyaml saw the problem and the start
// of what it was reading, for the input-method slips on those lines.
struct SyntaxFailure {
    GuardFailure failure;
    std::size_t offset = 0;
    std::size_t context_offset = 0;
};

const char* const kAnchorHint =
    "formpdf files do not use YAML anchors (&name) or aliases (*name): write the value out in "
    "full; if the text really starts with '*' or '&', put it in quotes, e.g. \"*数量\"";

// libyaml's marks count characters (a CRLF counts two); the tree and the diagnostics use byte
// offsets. Marks mostly move forward, so a cursor walked from the previous mark costs O(text)
// for the whole file instead of O(text) per mark. The text is valid UTF-8 (check_encoding ran).
class CharToByteCursor {
public:
    explicit CharToByteCursor(std::string_view text) : text_(text) {}

    std::size_t byte_offset(std::size_t char_index) {
        while (chars_ < char_index && bytes_ < text_.size()) {
            bytes_ += utf8_sequence_length(static_cast<unsigned char>(text_[bytes_]));
            ++chars_;
        }
        while (chars_ > char_index && bytes_ > 0) {
            do {
                --bytes_;
            } while (bytes_ > 0 && (static_cast<unsigned char>(text_[bytes_]) & 0xC0) == 0x80);
            --chars_;
        }
        return std::min(bytes_, text_.size());
    }

private:
    static std::size_t utf8_sequence_length(unsigned char lead) {
        return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    }

    std::string_view text_;
    std::size_t chars_ = 0;
    std::size_t bytes_ = 0;
};

// YAML says a plain (unquoted) empty value, ~ and null are "no value"; the readers tell these
// apart from quoted text (a quoted 'null' is text).
bool is_null_scalar(const yaml_event_t& event) {
    if (event.data.scalar.style != YAML_PLAIN_SCALAR_STYLE || event.data.scalar.tag != nullptr) {
        return false;
    }
    const std::string_view value(reinterpret_cast<const char*>(event.data.scalar.value),
                                 event.data.scalar.length);
    return value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL";
}

// Counts and caps what libyaml reports, and builds our own located tree from the same events.
class TreeBuilder {
public:
    TreeBuilder(std::string_view text, const YamlLimits& limits)
        : text_(text), limits_(limits), cursor_(text) {}

    std::vector<YamlNode> take_documents() { return std::move(documents_tree_); }

    std::size_t offset_of(const yaml_mark_t& mark) { return cursor_.byte_offset(mark.index); }

    void on_event(const yaml_event_t& event) {
        switch (event.type) {
        case YAML_DOCUMENT_START_EVENT:
            document_start(event.start_mark);
            break;
        case YAML_ALIAS_EVENT:
            throw GuardFailure{offset_of(event.start_mark), "anchors and aliases are not allowed",
                               kAnchorHint};
        case YAML_SCALAR_EVENT: {
            count(event.start_mark, event.data.scalar.anchor);
            if (is_null_scalar(event)) {
                add(YamlNode::Kind::Null, event.start_mark);
                break;
            }
            YamlNode& node = add(YamlNode::Kind::Scalar, event.start_mark);
            node.scalar.assign(reinterpret_cast<const char*>(event.data.scalar.value),
                               event.data.scalar.length);
            break;
        }
        case YAML_SEQUENCE_START_EVENT:
            count(event.start_mark, event.data.sequence_start.anchor);
            enter(event.start_mark);
            open_.push_back(&add(YamlNode::Kind::Sequence, event.start_mark));
            break;
        case YAML_MAPPING_START_EVENT:
            count(event.start_mark, event.data.mapping_start.anchor);
            enter(event.start_mark);
            open_.push_back(&add(YamlNode::Kind::Map, event.start_mark));
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            --depth_;
            open_.pop_back();
            break;
        default:
            break; // stream start and end, document end
        }
    }

private:
    void document_start(const yaml_mark_t& mark) {
        if (++documents_ > limits_.max_documents) {
            throw GuardFailure{offset_of(mark),
                               "more than " + std::to_string(limits_.max_documents) +
                                   " YAML documents in one file",
                               "a formpdf file holds one document; '---' lines start new ones"};
        }
        documents_tree_.emplace_back();
        open_.clear();
    }

    // Appends a node to the innermost open collection, or makes it the document's root. Only the
    // innermost collection grows, so the pointers to the open ones stay valid.
    YamlNode& add(YamlNode::Kind kind, const yaml_mark_t& mark) {
        YamlNode node;
        node.kind = kind;
        node.pos = static_cast<std::ptrdiff_t>(offset_of(mark));
        if (open_.empty()) {
            if (documents_tree_.empty()) {
                documents_tree_.emplace_back();
            }
            documents_tree_.back() = std::move(node);
            return documents_tree_.back();
        }
        std::vector<YamlNode>& children = open_.back()->children;
        children.push_back(std::move(node));
        return children.back();
    }

    void count(const yaml_mark_t& mark, const yaml_char_t* anchor) {
        if (anchor != nullptr) {
            throw GuardFailure{offset_of(mark),
                               "anchors and aliases are not allowed (found anchor '&" +
                                   std::string(reinterpret_cast<const char*>(anchor)) + "')",
                               kAnchorHint};
        }
        if (++nodes_ > limits_.max_nodes) {
            throw GuardFailure{offset_of(mark),
                               "more than " + std::to_string(limits_.max_nodes) +
                                   " values in one file",
                               "split the input into several files"};
        }
    }

    void enter(const yaml_mark_t& mark) {
        if (++depth_ > limits_.max_depth) {
            throw GuardFailure{offset_of(mark),
                               "the YAML nests deeper than " + std::to_string(limits_.max_depth) +
                                   " levels",
                               "formpdf files nest only a few levels; look for unbalanced '[' or "
                               "'{' or runaway indentation"};
        }
    }

    std::string_view text_;
    const YamlLimits& limits_;
    CharToByteCursor cursor_;
    int documents_ = 0;
    int depth_ = 0;
    std::size_t nodes_ = 0;
    std::vector<YamlNode> documents_tree_;
    std::vector<YamlNode*> open_; // the collections being filled, outermost first
};

std::size_t line_start_of(std::string_view text, std::size_t offset) {
    if (offset == 0) {
        return 0;
    }
    const std::size_t newline = text.rfind('\n', offset - 1);
    return newline == std::string_view::npos ? 0 : newline + 1;
}

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

bool starts(std::string_view problem, std::string_view prefix) {
    return problem.starts_with(prefix);
}

// libyaml's messages are parser jargon ("did not find expected key"); say what is wrong in the
// user's terms. `offset` is where libyaml found the problem, `context_offset` where the construct
// it was reading began (an opening quote or bracket).
GuardFailure describe_parser_error(std::string_view problem, std::string_view context,
                                   std::size_t offset, std::size_t context_offset,
                                   std::string_view text) {
    offset = std::min(offset, text.size());
    if (const std::size_t tab = find_indentation_tab(text, offset);
        tab != std::string_view::npos || problem.find("tab") != std::string_view::npos) {
        return {tab == std::string_view::npos ? offset : tab, "a tab is used for indentation",
                "YAML indents with spaces only: replace the tabs at the start of this line with "
                "spaces"};
    }
    const char here = offset < text.size() ? text[offset] : '\0';
    if (context == "while scanning an alias" || context == "while scanning an anchor") {
        return {context_offset, "anchors and aliases are not allowed", kAnchorHint};
    }
    if (context == "while scanning a quoted scalar" &&
        starts(problem, "found unexpected end of stream")) {
        const char quote = context_offset < text.size() ? text[context_offset] : '"';
        return {context_offset, "this quoted text is never closed",
                std::string("add the closing ") + quote + " at the end of the text"};
    }
    if (starts(problem, "found unknown escape character")) {
        // libyaml marks the backslash; the character after it is the unknown escape.
        std::size_t escape = offset;
        if (escape < text.size() && text[escape] == '\\') {
            ++escape;
        }
        std::size_t end = escape;
        char32_t code_point = 0;
        if (escape < text.size()) {
            decode_utf8(text, end, code_point);
        }
        return {offset,
                "unknown escape '\\" + std::string(text.substr(escape, end - escape)) +
                    "' in double-quoted text",
                "in double quotes a backslash starts an escape: write \\\\ for a backslash, or "
                "use single quotes"};
    }
    if (context == "while parsing a flow sequence" ||
        starts(problem, "did not find expected ',' or ']'")) {
        return {offset, "a list opened with '[' is not closed with ']'",
                "add the missing ']'; if the '[' is part of the text, put the text in quotes"};
    }
    if (context == "while parsing a flow mapping" ||
        starts(problem, "did not find expected ',' or '}'")) {
        return {offset, "a map opened with '{' is not closed with '}'",
                "add the missing '}'; if the '{' is part of the text, put the text in quotes"};
    }
    if (starts(problem, "mapping values are not allowed")) {
        return {offset, "unexpected ':' (a colon followed by a space starts a key)",
                "put each key on its own line, indented under its parent; if the colon is part "
                "of the text, put the text in quotes"};
    }
    if (context == "while scanning a block scalar") {
        return {offset, "unexpected text after '|' or '>'",
                "the text of a block scalar starts on the next line, indented; only a comment may "
                "follow '|' or '>' on its own line"};
    }
    if (starts(problem, "block sequence entries are not allowed")) {
        return {offset, "unexpected list item '- '",
                "a list's items go on their own lines, indented under the key that holds the "
                "list; if the '-' is part of the text, put the text in quotes"};
    }
    if (here == ']' || here == '}') {
        return {offset, std::string("unexpected '") + here + "': nothing is open here to close",
                "remove it, or put the text in quotes if it is part of the text"};
    }
    if (here == ',') {
        return {offset, "unexpected ',' here",
                "put the text in quotes if this character belongs to a value"};
    }
    if (starts(problem, "found character that cannot start any token") && here != '\0') {
        return {offset, std::string("a value cannot start with '") + here + "' in YAML",
                "put the text in quotes"};
    }
    if (starts(problem, "did not find expected key") ||
        starts(problem, "did not find expected '-' indicator") ||
        starts(problem, "did not find expected <document start>")) {
        return {offset, "the indentation of this line does not match the lines above it",
                "indent the keys of one map, and the '- ' items of one list, by the same number "
                "of spaces"};
    }
    if (context == "while scanning a simple key") {
        // libyaml marks the line after; the line that lacks the ':' is where the key began.
        return {context_offset, "a line without the ':' of a key where a key was expected",
                "write `key: value` with an ASCII ':' followed by a space; if the line continues "
                "the text above, indent it more than that text's key"};
    }
    std::string message = "YAML syntax error: " + std::string(problem);
    if (!context.empty()) {
        message += " (" + std::string(context) + ")";
    }
    return {offset, message,
            "look at this line and the one above it: a key needs ':' and a space after it, a "
            "list item '- ', quotes and brackets must be closed, and indentation is ASCII spaces"};
}

void check_encoding(std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        const unsigned char byte = static_cast<unsigned char>(text[pos]);
        if (byte < 0x80) {
            if ((byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7F) {
                throw GuardFailure{
                    pos, "the file contains the control character " + code_point_label(byte),
                    "a YAML file holds plain text only; is this the right file?"};
            }
            ++pos;
            continue;
        }
        const std::size_t start = pos;
        char32_t code_point = 0;
        if (!decode_utf8(text, pos, code_point)) {
            char byte_text[8];
            std::snprintf(byte_text, sizeof byte_text, "0x%02X", byte);
            throw GuardFailure{
                start, std::string("the file is not valid UTF-8 (byte ") + byte_text + " here)",
                "save the file as UTF-8; GBK/GB2312 files are not supported"};
        }
        // libyaml reads YAML 1.1, where NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR are line
        // breaks: inside a value they would be folded into a space or a '\n', and the print would
        // not match the file. Refuse them rather than change the user's text.
        if (code_point == 0x85 || code_point == 0x2028 || code_point == 0x2029) {
            char label[16];
            std::snprintf(label, sizeof label, "U+%04X", static_cast<unsigned>(code_point));
            throw GuardFailure{start,
                               std::string("the file contains ") + label +
                                   ", which YAML reads as a line break",
                               "replace it with a real line break (in a '|' block) or remove it"};
        }
    }
}

// Frees a libyaml parser or event however the scan ends.
struct ParserHandle {
    yaml_parser_t parser;
    ParserHandle() { yaml_parser_initialize(&parser); }
    ~ParserHandle() { yaml_parser_delete(&parser); }
    ParserHandle(const ParserHandle&) = delete;
    ParserHandle& operator=(const ParserHandle&) = delete;
};

struct EventHandle {
    yaml_event_t event{};
    ~EventHandle() { yaml_event_delete(&event); }
};

// One pass of libyaml's event parser over the text: the guard's checks and the tree in one go.
// libyaml keeps its own stacks on the heap (no recursion), so depth is capped by our counter as
// the events arrive, before anything deep is built.
std::vector<YamlNode> scan_events(std::string_view text, const YamlLimits& limits) {
    ParserHandle handle;
    yaml_parser_t& parser = handle.parser;
    static const unsigned char kEmpty[1] = {0};
    yaml_parser_set_input_string(
        &parser, text.empty() ? kEmpty : reinterpret_cast<const unsigned char*>(text.data()),
        text.size());
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    TreeBuilder builder(text, limits);
    for (;;) {
        EventHandle event;
        if (!yaml_parser_parse(&parser, &event.event)) {
            if (parser.error == YAML_MEMORY_ERROR) {
                throw std::bad_alloc();
            }
            const std::size_t offset = parser.error == YAML_READER_ERROR
                                           ? parser.problem_offset
                                           : builder.offset_of(parser.problem_mark);
            const std::size_t context_offset =
                parser.context != nullptr ? builder.offset_of(parser.context_mark) : offset;
            throw SyntaxFailure{
                describe_parser_error(parser.problem != nullptr ? parser.problem : "",
                                      parser.context != nullptr ? parser.context : "", offset,
                                      context_offset, text),
                offset, context_offset};
        }
        builder.on_event(event.event);
        if (event.event.type == YAML_STREAM_END_EVENT) {
            break;
        }
    }
    return builder.take_documents();
}

void collect_key_offsets(const YamlNode& node, std::set<std::size_t>& offsets) {
    for (std::size_t i = 0; i < node.children.size(); ++i) {
        if (node.kind == YamlNode::Kind::Map && i % 2 == 0 && node.children[i].pos >= 0) {
            offsets.insert(static_cast<std::size_t>(node.children[i].pos));
        }
        collect_key_offsets(node.children[i], offsets);
    }
}

// A file that parsed may still hold a slip the parser took as part of a key: "　name: x" (U+3000
// indentation) is the key "　name", "－ name: x" the key "－ name". No real key starts that way.
// Slips elsewhere in a valid file are left alone: there they may be text of a multi-line value.
void reject_slips_read_into_keys(std::string_view text, const std::string& file,
                                 const std::vector<YamlNode>& documents) {
    // Only a file with one of these characters can have such a slip; most have none.
    if (text.find("　") == std::string_view::npos && text.find("－") == std::string_view::npos &&
        text.find("＃") == std::string_view::npos) {
        return;
    }
    std::vector<InputMethodSlip> slips = find_input_method_slips(text);
    if (slips.empty()) {
        return;
    }
    std::set<std::size_t> keys;
    for (const YamlNode& document : documents) {
        collect_key_offsets(document, keys);
    }
    std::erase_if(slips, [&](const InputMethodSlip& slip) {
        return !slip.leading || keys.count(slip.node_start) == 0;
    });
    if (!slips.empty()) {
        throw DiagnosticError(slip_diagnostics(slips, SourceText(file, std::string(text))));
    }
}

} // namespace

std::vector<YamlNode> parse_yaml(std::string_view yaml, const std::string& file,
                                 const YamlLimits& limits) {
    if (yaml.size() > limits.max_bytes) {
        throw DiagnosticError(make_error(
            SourceLoc{file, 0, 0},
            "the input is " + std::to_string(yaml.size()) + " bytes, more than the limit of " +
                std::to_string(limits.max_bytes) + " bytes",
            "a form's layout or data is a few kilobytes; check that this is the right file"));
    }
    if (yaml.starts_with("\xFF\xFE") || yaml.starts_with("\xFE\xFF")) {
        throw DiagnosticError(make_error(SourceLoc{file, 1, 1}, "the file is UTF-16, not UTF-8",
                                         "save the file as UTF-8"));
    }
    const std::string_view text = strip_utf8_bom(yaml);
    try {
        check_encoding(text);
        std::vector<YamlNode> documents = scan_events(text, limits);
        reject_slips_read_into_keys(text, file, documents);
        return documents;
    } catch (const SyntaxFailure& syntax) {
        // An input method's full-width character is the likeliest cause: report every one of the
        // file at its own column, before the parser's view of the first.
        const SourceText source(file, std::string(text));
        Diagnostic error = make_error(source.loc_at(syntax.failure.offset), syntax.failure.message,
                                      syntax.failure.hint);
        for (const std::size_t offset : {syntax.context_offset, syntax.offset}) {
            if (const std::optional<InputMethodSlip> slip =
                    input_method_slip_on_line(text, offset)) {
                error = make_error(source.loc_at(slip->offset), slip->message, slip->hint);
                break;
            }
        }
        throw DiagnosticError(with_input_method_slips(error, source, ErrorKind::Syntax));
    } catch (const GuardFailure& failure) {
        const SourceText source(file, std::string(text));
        throw DiagnosticError(
            make_error(source.loc_at(failure.offset), failure.message, failure.hint));
    }
}

void check_yaml(std::string_view yaml, const std::string& file, const YamlLimits& limits) {
    parse_yaml(yaml, file, limits);
}

} // namespace formpdf::load
