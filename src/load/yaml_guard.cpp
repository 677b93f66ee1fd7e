#include "load/yaml_guard.h"

#include "load/yaml_tree.h"

#include "core/diagnostic.h"
#include "core/utf8.h"
#include "load/source_text.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <cstdio>
#include <istream>
#include <streambuf>

namespace formpdf::load {

namespace {

// A problem found by the guard, located by byte offset in the text after the BOM; turned into a
// DiagnosticError with line:col only when it is thrown, so the good path never builds a line table.
struct GuardFailure {
    std::size_t offset = 0;
    std::string message;
    std::string hint;
};

const char* const kAnchorHint =
    "formpdf files do not use YAML anchors (&name) or aliases (*name): write the value out in "
    "full; if the text really starts with '*' or '&', put it in quotes, e.g. \"*数量\"";

// Reads a string_view through std::istream without copying it (yaml-cpp only takes istreams).
class ViewStreamBuf : public std::streambuf {
public:
    explicit ViewStreamBuf(std::string_view text) {
        // The buffer is only read: std::streambuf wants char* but never writes through get-area
        // pointers unless putback() is given a different character, which yaml-cpp never does.
        char* begin = const_cast<char*>(text.data());
        setg(begin, begin, begin + text.size());
    }
};

std::size_t offset_of(const YAML::Mark& mark) {
    return mark.is_null() || mark.pos < 0 ? 0 : static_cast<std::size_t>(mark.pos);
}

// Byte offset of the closing quote of the quoted scalar that opens at `open`, or npos.
std::size_t find_closing_quote(std::string_view text, std::size_t open) {
    const char quote = text[open];
    for (std::size_t i = open + 1; i < text.size(); ++i) {
        if (quote == '"' && text[i] == '\\') {
            ++i; // skip the escaped character
        } else if (text[i] == quote) {
            if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
                ++i; // '' is an escaped single quote
            } else {
                return i;
            }
        }
    }
    return std::string_view::npos;
}

// Counts and caps what the parser reports, and builds our own located tree from the same events
// (yaml-cpp never builds its nodes).
class GuardHandler final : public YAML::EventHandler {
public:
    GuardHandler(std::string_view text, const YamlLimits& limits) : text_(text), limits_(limits) {}

    std::vector<YamlNode> take_documents() { return std::move(documents_tree_); }

    void OnDocumentStart(const YAML::Mark& mark) override {
        // yaml-cpp 0.7 loops forever on some stray characters at the top level (a line starting
        // with ','), reporting empty documents that all start at the same place.
        const std::size_t offset = offset_of(mark);
        if (documents_ > 0 && offset == previous_document_offset_) {
            throw GuardFailure{offset,
                               offset < text_.size()
                                   ? std::string("unexpected '") + text_[offset] + "' here"
                                   : std::string("unexpected end of the file"),
                               "put the text in quotes if this character belongs to a value"};
        }
        previous_document_offset_ = offset;
        if (++documents_ > limits_.max_documents) {
            throw GuardFailure{offset_of(mark),
                               "more than " + std::to_string(limits_.max_documents) +
                                   " YAML documents in one file",
                               "a formpdf file holds one document; '---' lines start new ones"};
        }
        documents_tree_.emplace_back();
        open_.clear();
    }
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        count(mark, anchor);
        add(YamlNode::Kind::Null, mark);
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
        throw GuardFailure{offset_of(mark), "anchors and aliases are not allowed", kAnchorHint};
    }

    void OnAnchor(const YAML::Mark& mark, const std::string& name) override {
        throw GuardFailure{offset_of(mark),
                           "anchors and aliases are not allowed (found anchor '&" + name + "')",
                           kAnchorHint};
    }

    void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  const std::string& value) override {
        count(mark, anchor);
        check_quote_closed(offset_of(mark));
        add(YamlNode::Kind::Scalar, mark).scalar = value;
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        count(mark, anchor);
        enter(mark);
        open_.push_back(&add(YamlNode::Kind::Sequence, mark));
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        count(mark, anchor);
        enter(mark);
        open_.push_back(&add(YamlNode::Kind::Map, mark));
    }
    void OnMapEnd() override { close(); }

private:
    // Appends a node to the innermost open collection, or makes it the document's root. Only the
    // innermost collection grows, so the pointers to the open ones stay valid.
    YamlNode& add(YamlNode::Kind kind, const YAML::Mark& mark) {
        YamlNode node;
        node.kind = kind;
        node.pos = mark.pos;
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

    void close() {
        --depth_;
        if (!open_.empty()) {
            open_.pop_back();
        }
    }

    void count(const YAML::Mark& mark, YAML::anchor_t anchor) {
        if (anchor != YAML::NullAnchor) {
            throw GuardFailure{offset_of(mark), "anchors and aliases are not allowed", kAnchorHint};
        }
        if (++nodes_ > limits_.max_nodes) {
            throw GuardFailure{offset_of(mark),
                               "more than " + std::to_string(limits_.max_nodes) +
                                   " values in one file",
                               "split the input into several files"};
        }
    }

    void enter(const YAML::Mark& mark) {
        if (++depth_ > limits_.max_depth) {
            throw GuardFailure{offset_of(mark),
                               "the YAML nests deeper than " + std::to_string(limits_.max_depth) +
                                   " levels",
                               "formpdf files nest only a few levels; look for unbalanced '[' or "
                               "'{' or runaway indentation"};
        }
    }

    // yaml-cpp silently ends a quoted scalar at the end of the file when its closing quote is
    // missing (when the file ends with a line break), swallowing every line after the opening
    // quote.
    void check_quote_closed(std::size_t offset) const {
        if (offset >= text_.size() || (text_[offset] != '"' && text_[offset] != '\'')) {
            return;
        }
        if (find_closing_quote(text_, offset) == std::string_view::npos) {
            throw GuardFailure{offset, "this quoted text is never closed",
                               std::string("add the closing ") + text_[offset] +
                                   " at the end of the text"};
        }
    }

    std::string_view text_;
    const YamlLimits& limits_;
    int documents_ = 0;
    std::size_t previous_document_offset_ = 0;
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
// (yaml-cpp reports some tab indentation one line late, or as another error), or npos.
std::size_t find_indentation_tab(std::string_view text, std::size_t offset) {
    const std::size_t line_start = line_start_of(text, std::min(offset, text.size()));
    if (const std::size_t tab = tab_in_indentation(text, line_start);
        tab != std::string_view::npos || line_start == 0) {
        return tab;
    }
    return tab_in_indentation(text, line_start_of(text, line_start - 1));
}

// yaml-cpp's messages are terse parser jargon ("illegal map value"); say what is wrong in the
// user's terms. The location is printed separately, so yaml-cpp's "error at line N" prefix (in
// what()) is not used: e.msg holds the bare message.
GuardFailure describe_parser_error(const YAML::ParserException& error, std::string_view text) {
    const std::size_t offset = std::min(offset_of(error.mark), text.size());
    if (dynamic_cast<const YAML::DeepRecursion*>(&error)) {
        return {offset, "the YAML nests too deeply",
                "formpdf files nest only a few levels; look for unbalanced '[' or '{'"};
    }
    const std::string& msg = error.msg;
    if (const std::size_t tab = find_indentation_tab(text, offset);
        tab != std::string_view::npos || msg == YAML::ErrorMsg::TAB_IN_INDENTATION) {
        return {tab == std::string_view::npos ? offset : tab, "a tab is used for indentation",
                "YAML indents with spaces only: replace the tabs at the start of this line with "
                "spaces"};
    }
    if (msg == YAML::ErrorMsg::UNKNOWN_ANCHOR || msg == YAML::ErrorMsg::ALIAS_NOT_FOUND ||
        msg == YAML::ErrorMsg::ANCHOR_NOT_FOUND) {
        return {offset, "anchors and aliases are not allowed", kAnchorHint};
    }
    if (msg == YAML::ErrorMsg::EOF_IN_SCALAR) {
        return {offset, "the file ends inside quoted text",
                "add the closing quote (\" or ') of the text that is still open"};
    }
    if (msg == YAML::ErrorMsg::END_OF_SEQ_FLOW) {
        return {offset, "a list opened with '[' is not closed with ']'",
                "add the missing ']'; if the '[' is part of the text, put the text in quotes"};
    }
    if (msg == YAML::ErrorMsg::END_OF_MAP_FLOW) {
        return {offset, "a map opened with '{' is not closed with '}'",
                "add the missing '}'; if the '{' is part of the text, put the text in quotes"};
    }
    if (msg == YAML::ErrorMsg::END_OF_MAP || msg == YAML::ErrorMsg::END_OF_SEQ) {
        return {offset, "the indentation of this line does not match the lines above it",
                "indent the keys of one map, and the '- ' items of one list, by the same number "
                "of spaces"};
    }
    if (msg == YAML::ErrorMsg::MAP_VALUE) {
        return {offset, "unexpected ':' (a colon followed by a space starts a key)",
                "put each key on its own line, indented under its parent; if the colon is part "
                "of the text, put the text in quotes"};
    }
    if (msg == YAML::ErrorMsg::FLOW_END && offset < text.size()) {
        return {offset,
                std::string("unexpected '") + text[offset] + "': nothing is open here to close",
                "remove it, or put the text in quotes if it is part of the text"};
    }
    if (msg == YAML::ErrorMsg::CHAR_IN_BLOCK) {
        return {offset, "unexpected text after '|' or '>'",
                "the text of a block scalar starts on the next line, indented; only a comment may "
                "follow '|' or '>' on its own line"};
    }
    if (msg == YAML::ErrorMsg::BLOCK_ENTRY) {
        return {offset, "unexpected list item '- '",
                "a list's items go on their own lines, indented under the key that holds the "
                "list; if the '-' is part of the text, put the text in quotes"};
    }
    if (msg.starts_with(YAML::ErrorMsg::INVALID_ESCAPE)) {
        return {offset,
                "unknown escape '\\" +
                    msg.substr(std::string_view(YAML::ErrorMsg::INVALID_ESCAPE).size()) +
                    "' in double-quoted text",
                "in double quotes a backslash starts an escape: write \\\\ for a backslash, or "
                "use single quotes"};
    }
    if (msg == YAML::ErrorMsg::UNKNOWN_TOKEN && offset < text.size()) {
        return {offset, std::string("a value cannot start with '") + text[offset] + "' in YAML",
                "put the text in quotes"};
    }
    return {offset, "YAML syntax error: " + msg, {}};
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
    }
}

std::vector<YamlNode> scan_events(std::string_view text, const YamlLimits& limits) {
    ViewStreamBuf buffer(text);
    std::istream stream(&buffer);
    YAML::Parser parser(stream);
    GuardHandler handler(text, limits);
    try {
        while (parser.HandleNextDocument(handler)) {
        }
    } catch (const YAML::ParserException& error) {
        throw describe_parser_error(error, text);
    }
    return handler.take_documents();
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
        return scan_events(text, limits);
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
