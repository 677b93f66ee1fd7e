#include "load/yaml_guard.h"

#include "load/yaml_tree.h"

#include "core/diagnostic.h"
#include "core/messages.h"
#include "core/utf8.h"
#include "load/input_method_slips.h"
#include "load/source_text.h"
#include "load/yaml_syntax_error.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <istream>
#include <memory>
#include <optional>
#include <set>
#include <streambuf>

namespace formpdf::load {

namespace {

// A YAML syntax error: the guard's description, and where yaml-cpp saw the problem and the start
// of what it was reading (the last node it began), for the input-method slips on those lines.
struct SyntaxFailure {
    GuardFailure failure;
    std::size_t offset = 0;
    std::size_t context_offset = 0;
};

// Counts and caps what yaml-cpp reports, and builds our own located tree from the same events.
// yaml-cpp's marks are byte offsets into the UTF-8 text (its columns count bytes too), like the
// tree's positions: no conversion is needed.
class TreeBuilder : public YAML::EventHandler {
public:
    TreeBuilder(std::string_view text, const YamlLimits& limits) : text_(text), limits_(limits) {}

    std::vector<YamlNode> take_documents() { return std::move(documents_tree_); }

    // Where the last node began: what the parser was reading when it failed.
    const std::size_t& last_node_offset() const { return last_node_; }

    // The nesting levels open now.
    const int& depth() const { return depth_; }

    void OnDocumentStart(const YAML::Mark& mark) override {
        const std::size_t offset = offset_of(mark);
        if (documents_ > 0 && text_.compare(offset, 3, "---") != 0) {
            // yaml-cpp starts a new document wherever the last one's root value ends (and never
            // moves past a stray ',' or ']' there); YAML needs a '---' line between documents.
            throw SyntaxFailure{{offset, kNoDocumentStart, ""}, offset, last_node_};
        }
        if (++documents_ > limits_.max_documents) {
            throw GuardFailure{offset,
                               tr("more than {0} YAML documents in one file",
                                  {std::to_string(limits_.max_documents)}),
                               tr("a formpdf file holds one document; '---' lines start new ones")};
        }
        documents_tree_.emplace_back();
        open_.clear();
        counted_.clear();
        depth_ = 0;
    }

    void OnDocumentEnd() override {}

    void OnAnchor(const YAML::Mark& mark, const std::string& name) override {
        throw GuardFailure{offset_of(mark),
                           tr("anchors and aliases are not allowed (found anchor '&{0}')", {name}),
                           tr(kAnchorHint)};
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
        throw GuardFailure{offset_of(mark), tr("anchors and aliases are not allowed"),
                           tr(kAnchorHint)};
    }

    // YAML says a plain (unquoted) empty value, ~ and null are "no value": yaml-cpp reports them
    // as nulls, apart from quoted text (a quoted 'null' is text).
    void OnNull(const YAML::Mark& mark, YAML::anchor_t) override {
        count(mark);
        const std::size_t offset = offset_of(mark);
        if (!open_.empty() && open_.back()->kind == YamlNode::Kind::Map &&
            open_.back()->children.size() % 2 == 1 &&
            open_.back()->children.back().kind == YamlNode::Kind::Scalar &&
            open_.back()->children.back().pos == static_cast<std::ptrdiff_t>(offset)) {
            // yaml-cpp 0.7 takes the last line of a block map that has no ':' for a key with no
            // value (its value is marked at the key itself); YAML (and libyaml) refuse the line.
            throw SyntaxFailure{{offset, kNoColon, ""}, offset, offset};
        }
        add(YamlNode::Kind::Null, mark);
    }

    // The tag is "?" for a plain scalar and "!" for a quoted or block one; a plain scalar that
    // YAML reads as null came as OnNull.
    void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  const std::string& value) override {
        count(mark);
        const std::size_t offset = offset_of(mark);
        if (offset < text_.size() && (text_[offset] == '"' || text_[offset] == '\'') &&
            closing_quote(text_, offset) == std::string_view::npos) {
            throw SyntaxFailure{{text_.size(), kUnclosedQuote, ""}, text_.size(), offset};
        }
        add(YamlNode::Kind::Scalar, mark).scalar = value;
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {
        open(YamlNode::Kind::Sequence, mark);
    }

    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {
        open(YamlNode::Kind::Map, mark);
    }

    void OnSequenceEnd() override { close(); }
    void OnMapEnd() override { close(); }

private:
    std::size_t offset_of(const YAML::Mark& mark) const {
        return mark.pos < 0 ? text_.size()
                            : std::min(static_cast<std::size_t>(mark.pos), text_.size());
    }

    void open(YamlNode::Kind kind, const YAML::Mark& mark) {
        count(mark);
        // A collection that starts where the innermost open one starts is the key of that
        // one-pair map (`[[a]: b]`): one level, as libyaml counted. yaml-cpp 0.7 reads every '['
        // of an unclosed run as such a pair; counting both would halve the depth a user sees.
        const bool key_of_open_map =
            !open_.empty() && open_.back()->pos == static_cast<std::ptrdiff_t>(offset_of(mark));
        if (!key_of_open_map && ++depth_ > limits_.max_depth) {
            throw GuardFailure{
                offset_of(mark),
                tr("the YAML nests deeper than {0} levels", {std::to_string(limits_.max_depth)}),
                tr(kDepthHint)};
        }
        open_.push_back(&add(kind, mark));
        counted_.push_back(!key_of_open_map);
    }

    void close() {
        depth_ -= counted_.back() ? 1 : 0;
        counted_.pop_back();
        open_.pop_back();
    }

    // Appends a node to the innermost open collection, or makes it the document's root. Only the
    // innermost collection grows, so the pointers to the open ones stay valid.
    YamlNode& add(YamlNode::Kind kind, const YAML::Mark& mark) {
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

    void count(const YAML::Mark& mark) {
        last_node_ = offset_of(mark);
        if (++nodes_ > limits_.max_nodes) {
            throw GuardFailure{
                last_node_,
                tr("more than {0} values in one file", {std::to_string(limits_.max_nodes)}),
                tr("split the input into several files")};
        }
    }

    std::string_view text_;
    const YamlLimits& limits_;
    int documents_ = 0;
    int depth_ = 0;
    std::size_t nodes_ = 0;
    std::size_t last_node_ = 0;
    std::vector<YamlNode> documents_tree_;
    std::vector<YamlNode*> open_; // the collections being filled, outermost first
    std::vector<bool> counted_;   // for each open collection: whether it added a level
};

void check_encoding(std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        const unsigned char byte = static_cast<unsigned char>(text[pos]);
        if (byte < 0x80) {
            if ((byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7F) {
                throw GuardFailure{
                    pos,
                    tr("the file contains the control character {0}", {code_point_label(byte)}),
                    tr("a YAML file holds plain text only; is this the right file?")};
            }
            // YAML reads a lone carriage return as a line break, yaml-cpp 0.7 as part of the text:
            // refuse it rather than let the parser split or join the user's lines.
            if (byte == '\r' && (pos + 1 == text.size() || text[pos + 1] != '\n')) {
                throw GuardFailure{pos,
                                   tr("the file contains a carriage return (U+000D) that is not "
                                      "followed by a line feed"),
                                   tr("save the file with Windows (CRLF) or Unix (LF) line ends")};
            }
            ++pos;
            continue;
        }
        // Most of a declaration's text is CJK: a valid 3-byte sequence of code points
        // U+1000-U+CFFF or U+E000-U+FFFF (no surrogate, no overlong form), not U+2028/U+2029,
        // needs no decoding.
        if (pos + 2 < text.size() && ((byte >= 0xE1 && byte <= 0xEC) || byte >= 0xEE) &&
            byte <= 0xEF) {
            const unsigned char second = static_cast<unsigned char>(text[pos + 1]);
            const unsigned char third = static_cast<unsigned char>(text[pos + 2]);
            if ((second & 0xC0) == 0x80 && (third & 0xC0) == 0x80 &&
                !(byte == 0xE2 && second == 0x80 && (third == 0xA8 || third == 0xA9))) {
                pos += 3;
                continue;
            }
        }
        const std::size_t start = pos;
        char32_t code_point = 0;
        if (!decode_utf8(text, pos, code_point)) {
            char byte_text[8];
            std::snprintf(byte_text, sizeof byte_text, "0x%02X", byte);
            throw GuardFailure{start,
                               tr("the file is not valid UTF-8 (byte {0} here)", {byte_text}),
                               tr("save the file as UTF-8; GBK/GB2312 files are not supported")};
        }
        // NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR are line breaks in YAML 1.1 (libyaml,
        // PyYAML fold them into a space or a '\n'), text in YAML 1.2 and to yaml-cpp: the same
        // file would print differently depending on the reader. Refuse them rather than guess.
        if (code_point == 0x85 || code_point == 0x2028 || code_point == 0x2029) {
            char label[16];
            std::snprintf(label, sizeof label, "U+%04X", static_cast<unsigned>(code_point));
            throw GuardFailure{
                start, tr("the file contains {0}, which YAML reads as a line break", {label}),
                tr("replace it with a real line break (in a '|' block) or remove it")};
        }
    }
}

// The text as the std::istream yaml-cpp reads, without a copy, handed over in chunks so that what
// yaml-cpp reads ahead is capped. A '[' or '{' may start a key (`[a, b]: c`), so yaml-cpp's scanner
// keeps every token of a flow collection queued until it closes, ~100 bytes of memory per byte
// of input (2,000,000 items: 560 MB and 2 s before the first event). Before each chunk, the
// characters that start or end a token in a flow collection (',', '[', ':', quotes, ...) handed
// over past the last reported node are counted; more than max_lookahead_items of them, and the
// guard refuses the collection.
class GuardedInput : public std::streambuf {
public:
    GuardedInput(std::string_view text, const std::size_t& last_node, const int& depth,
                 const YamlLimits& limits)
        : text_(text), last_node_(last_node), depth_(depth), max_depth_(limits.max_depth),
          max_items_(limits.max_lookahead_items) {}

protected:
    int_type underflow() override {
        if (given_ >= text_.size()) {
            return traits_type::eof();
        }
        const std::size_t node = std::min(last_node_, given_);
        node_cursor_ = std::max(node_cursor_, node);
        while (node_marks_ < marks_.size() && marks_[node_marks_] < node_cursor_) {
            ++node_marks_;
        }
        if (marks_.size() - node_marks_ > max_items_) {
            refuse_lookahead();
        }
        const std::size_t end = std::min(text_.size(), given_ + kChunk);
        flow_.scan(text_, given_, end, marks_);
        char* data = const_cast<char*>(text_.data()); // read only: the get area is never written
        setg(data + given_, data + given_, data + end);
        given_ = end;
        return traits_type::to_int_type(*gptr());
    }

private:
    static constexpr std::size_t kChunk = 4096;

    // Unclosed brackets past the depth cap are reported as such, where the parser would have
    // reported them (it reads a run of '[' whole before reporting the first); else the first
    // bracket read ahead opens the collection that is too long.
    [[noreturn]] void refuse_lookahead() const {
        std::size_t open = std::string_view::npos;
        int depth = depth_;
        for (std::size_t i = node_cursor_; i < given_; ++i) {
            if (text_[i] == '[' || text_[i] == '{') {
                open = std::min(open, i);
                if (++depth > max_depth_) {
                    throw GuardFailure{
                        i,
                        tr("the YAML nests deeper than {0} levels", {std::to_string(max_depth_)}),
                        tr(kDepthHint)};
                }
            } else if (text_[i] == ']' || text_[i] == '}') {
                --depth;
            }
        }
        throw GuardFailure{open == std::string_view::npos ? node_cursor_ : open,
                           tr("more than {0} tokens (items, ':' and ',') in one '[…]' or '{{…}'",
                              {std::to_string(max_items_)}),
                           tr("write a long list as a block list, one '- ' item per line")};
    }

    // Where yaml-cpp's queue can grow: a lexical pass that follows flow collections ('[' or '{' at
    // the start of a token, up to its closing bracket), skipping quoted scalars and comments. Only
    // the characters that start or end a token inside a flow collection count (',', ':', brackets,
    // quotes, '?', '*', '&', '!'): a long plain or quoted scalar in block context (a 7 MB 项目概况
    // full of "1,866.00") is no flow collection and counts nothing. Approximate at the edges (a
    // '|' block line that starts with '[' opens one), which only over-counts, within the cap.
    class FlowLexer {
    public:
        // Appends to `marks` the offsets in [begin, end) that are item marks. The bytes that
        // cannot be one, or change the state, are skipped in runs: a comment up to its line
        // break, a quoted scalar up to its quote (or a backslash), text outside both up to the
        // next byte is_item_mark() has a case for. The rest goes through is_item_mark().
        void scan(std::string_view text, std::size_t begin, std::size_t end,
                  std::vector<std::size_t>& marks) {
            std::size_t i = begin;
            while (i < end) {
                if (comment_) {
                    token_start_ = true;
                    while (i < end && text[i] != '\n') {
                        ++i;
                    }
                } else if (quote_ != 0 && !escaped_) {
                    while (i < end && text[i] != quote_ && !(quote_ == '"' && text[i] == '\\')) {
                        ++i;
                    }
                } else if (quote_ == 0 && !kMayMatter[static_cast<unsigned char>(text[i])]) {
                    token_start_ = false;
                    while (i < end && !kMayMatter[static_cast<unsigned char>(text[i])]) {
                        ++i;
                    }
                }
                if (i < end) {
                    if (is_item_mark(text, i)) {
                        marks.push_back(i);
                    }
                    ++i;
                }
            }
        }

    private:
        // The bytes is_item_mark() has a case for, outside comments and quotes: every other
        // byte only ends a token start.
        static constexpr std::array<bool, 256> kMayMatter = [] {
            std::array<bool, 256> may_matter{};
            for (const char c : std::string_view("\n \t\r#\"'[{]},:-?*&!")) {
                may_matter[static_cast<unsigned char>(c)] = true;
            }
            return may_matter;
        }();

        bool is_item_mark(std::string_view text, std::size_t i) {
            const char c = text[i];
            if (comment_) {
                comment_ = c != '\n';
                token_start_ = true;
                return false;
            }
            if (quote_ != 0) {
                if (escaped_) {
                    escaped_ = false;
                } else if (quote_ == '"' && c == '\\') {
                    escaped_ = true;
                } else if (c == quote_) {
                    if (quote_ == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
                        escaped_ = true; // '' inside a single-quoted scalar
                    } else {
                        quote_ = 0;
                        return depth_ > 0;
                    }
                }
                return false;
            }
            const bool after_space = i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t' ||
                                     text[i - 1] == '\n' || text[i - 1] == '\r';
            const bool next_is_space = i + 1 >= text.size() || text[i + 1] == ' ' ||
                                       text[i + 1] == '\t' || text[i + 1] == '\n' ||
                                       text[i + 1] == '\r';
            switch (c) {
            case '\n':
                token_start_ = true;
                return false;
            case ' ':
            case '\t':
            case '\r':
                return false;
            case '#':
                if (after_space) {
                    comment_ = true;
                    return false;
                }
                break;
            case '"':
            case '\'':
                if (token_start_) {
                    quote_ = c;
                    token_start_ = false;
                    return depth_ > 0;
                }
                break;
            case '[':
            case '{':
                if (token_start_ || depth_ > 0) {
                    ++depth_;
                    token_start_ = true;
                    return true;
                }
                break;
            case ']':
            case '}':
                if (depth_ > 0) {
                    --depth_;
                    token_start_ = false;
                    return true;
                }
                break;
            case ',':
                if (depth_ > 0) {
                    token_start_ = true;
                    return true;
                }
                break;
            case ':':
            case '-':
            case '?':
                if (depth_ > 0 && c != '-') {
                    token_start_ = true;
                    return true;
                }
                if (next_is_space) {
                    token_start_ = true; // a value or a block list item follows
                    return false;
                }
                break;
            case '*':
            case '&':
            case '!':
                if (depth_ > 0 && token_start_) {
                    token_start_ = false;
                    return true;
                }
                break;
            default:
                break;
            }
            token_start_ = false;
            return false;
        }

        int depth_ = 0;
        char quote_ = 0;
        bool escaped_ = false;
        bool comment_ = false;
        bool token_start_ = true;
    };

    std::string_view text_;
    const std::size_t& last_node_; // where the last node yaml-cpp reported starts
    const int& depth_;             // the levels open at that node
    int max_depth_;
    std::size_t max_items_;
    std::size_t given_ = 0;       // bytes handed to yaml-cpp
    std::size_t node_cursor_ = 0; // how far the last node has come among them
    std::size_t node_marks_ = 0;  // the item marks before node_cursor_
    FlowLexer flow_;
    std::vector<std::size_t> marks_; // the offsets of the item marks handed over, in order
};

// One pass of yaml-cpp's event parser over the text: the guard's checks and the tree in one go.
// yaml-cpp's parser recurses once per nesting level (and stops itself at 500 levels with
// DeepRecursion); our counter stops at max_depth as the events arrive, before anything deep is
// built.
std::vector<YamlNode> scan_events(std::string_view text, const YamlLimits& limits) {
    TreeBuilder builder(text, limits);
    GuardedInput buffer(text, builder.last_node_offset(), builder.depth(), limits);
    std::istream input(&buffer);
    try {
        YAML::Parser parser(input);
        while (parser.HandleNextDocument(builder)) {
        }
    } catch (const YAML::DeepRecursion&) {
        // Only when max_depth is raised past what yaml-cpp's recursive parser allows itself.
        throw GuardFailure{
            builder.last_node_offset(),
            tr("the YAML nests deeper than {0} levels", {std::to_string(builder.depth())}),
            tr(kDepthHint)};
    } catch (const YAML::Exception& error) {
        const std::size_t offset =
            error.mark.pos < 0 ? text.size()
                               : std::min(static_cast<std::size_t>(error.mark.pos), text.size());
        const std::size_t context_offset = std::min(builder.last_node_offset(), offset);
        throw SyntaxFailure{describe_parser_error(error.msg, offset, context_offset, text), offset,
                            context_offset};
    } catch (SyntaxFailure& failure) {
        failure.failure = describe_parser_error(failure.failure.message, failure.offset,
                                                failure.context_offset, text);
        throw;
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

namespace {
std::atomic<std::size_t> texts_parsed{0};
} // namespace

std::size_t yaml_texts_parsed() {
    return texts_parsed.load(std::memory_order_relaxed);
}

std::vector<YamlNode> parse_yaml(std::string_view yaml, const std::string& file,
                                 const YamlLimits& limits) {
    texts_parsed.fetch_add(1, std::memory_order_relaxed);
    if (yaml.size() > limits.max_bytes) {
        throw DiagnosticError(make_error(
            SourceLoc{file, 0, 0},
            tr("the input is {0} bytes, more than the limit of {1} bytes",
               {std::to_string(yaml.size()), std::to_string(limits.max_bytes)}),
            tr("a form's layout or data is a few kilobytes; check that this is the right file")));
    }
    if (yaml.starts_with("\xFF\xFE") || yaml.starts_with("\xFE\xFF")) {
        throw DiagnosticError(make_error(SourceLoc{file, 1, 1}, tr("the file is UTF-16, not UTF-8"),
                                         tr("save the file as UTF-8")));
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

namespace {

// Reads the first document's top-level map only as far as `key` and stops the parser at its
// value (by throwing FoundScalar): the rest of the text is never scanned.
class TopLevelScalarFinder : public YAML::EventHandler {
public:
    struct FoundScalar {};

    explicit TopLevelScalarFinder(std::string_view key) : key_(key) {}

    std::optional<std::pair<std::string, std::size_t>> found;
    std::size_t last_node = 0; // for GuardedInput

    const int& depth() const { return depth_; }

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override { throw FoundScalar{}; } // only the first document
    void OnNull(const YAML::Mark& mark, YAML::anchor_t) override {
        seen(mark);
        item();
    }
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override { throw FoundScalar{}; }
    void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  const std::string& value) override {
        seen(mark);
        if (depth_ == 1 && map_ && items_ % 2 == 1 && key_matched_) {
            found.emplace(value, static_cast<std::size_t>(std::max(mark.pos, 0)));
            throw FoundScalar{};
        }
        key_matched_ = depth_ == 1 && map_ && items_ % 2 == 0 && value == key_;
        item();
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {
        seen(mark);
        open(false);
    }
    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {
        seen(mark);
        open(true);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapEnd() override { close(); }

private:
    void seen(const YAML::Mark& mark) {
        last_node = static_cast<std::size_t>(std::max(mark.pos, 0));
    }

    void open(bool map) {
        if (depth_ == 0) {
            map_ = map;
        } else {
            item();
        }
        ++depth_;
    }
    void close() {
        if (--depth_ == 0) {
            throw FoundScalar{};
        }
    }
    void item() {
        if (depth_ == 1) {
            ++items_;
            key_matched_ = key_matched_ && items_ % 2 == 1;
        }
    }

    std::string_view key_;
    int depth_ = 0;
    bool map_ = false;
    std::size_t items_ = 0;
    bool key_matched_ = false;
};

} // namespace

std::optional<std::pair<std::string, std::size_t>>
peek_top_level_scalar(std::string_view yaml, std::string_view key, const YamlLimits& limits) {
    if (yaml.size() > limits.max_bytes || yaml.starts_with("\xFF\xFE") ||
        yaml.starts_with("\xFE\xFF")) {
        return std::nullopt;
    }
    const std::string_view text = strip_utf8_bom(yaml);
    TopLevelScalarFinder finder(key);
    try {
        check_encoding(text);
        GuardedInput buffer(text, finder.last_node, finder.depth(), limits);
        std::istream input(&buffer);
        YAML::Parser parser(input);
        parser.HandleNextDocument(finder);
    } catch (const TopLevelScalarFinder::FoundScalar&) {
    } catch (const YAML::Exception&) {
    } catch (const GuardFailure&) {
    }
    return finder.found;
}

} // namespace formpdf::load
