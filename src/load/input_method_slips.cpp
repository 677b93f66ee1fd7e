#include "load/input_method_slips.h"

#include "core/messages.h"
#include "load/source_text.h"

#include <algorithm>
#include <set>

namespace formpdf::load {

namespace {

constexpr std::string_view kIdeographicSpace = "　"; // U+3000
constexpr std::string_view kFullWidthColon = "：";   // U+FF1A
constexpr std::string_view kFullWidthHyphen = "－";  // U+FF0D
constexpr std::string_view kFullWidthHash = "＃";    // U+FF03
constexpr std::string_view kFullWidthComma = "，";   // U+FF0C

struct Bracket {
    std::string_view open;
    std::string_view close;
    std::string_view ascii; // what YAML needs
};
constexpr Bracket kFullWidthBrackets[] = {
    {"［", "］", "[ ]"}, // U+FF3B U+FF3D
    {"【", "】", "[ ]"}, // U+3010 U+3011: what the '[' key types in Chinese mode
    {"｛", "｝", "{ }"}, // U+FF5B U+FF5D
};

struct Quotes {
    std::string_view open;
    std::string_view close;
};
constexpr Quotes kChineseQuotes[] = {{"‘", "’"}, {"“", "”"}};

// The end of several hints; translated with tr() where it is appended.
const char* const kHalfWidthHint = N_("; switch the input method to half-width (半角) punctuation "
                                      "for YAML's own characters");

bool is_key_start(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

bool is_key_char(char c) {
    return is_key_start(c) || (c >= '0' && c <= '9') || c == '-';
}

// The offset in `flow` (a value that starts with '[' or '{') of a '，' that an input method typed
// for the ',' between its items, or npos. Only a '，' between the outermost brackets, outside
// quotes and parentheses, counts, and only where no ASCII ',' separates items, or right after an
// ASCII letter or digit: "[是，否]", "[10, 20，30]"; not the '，' of "[{text:
// 项目总金额（中期规划，万元）}]".
std::size_t separating_full_width_comma(std::string_view flow) {
    int depth = 0;
    char quote = 0;
    bool ascii_comma = false;
    std::size_t first = std::string_view::npos;
    for (std::size_t i = 1; i < flow.size(); ++i) {
        const char c = flow[i];
        if (quote != 0) {
            quote = c == quote ? 0 : quote;
            continue;
        }
        if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '[' || c == '{' || c == '(' || flow.substr(i).starts_with("（")) {
            ++depth;
        } else if (c == ']' || c == '}' || c == ')' || flow.substr(i).starts_with("）")) {
            if (--depth < 0) {
                break; // the outermost bracket closes
            }
        } else if (depth == 0 && c == ',') {
            ascii_comma = true;
        } else if (depth == 0 && flow.substr(i).starts_with(kFullWidthComma)) {
            const char before = flow[i - 1];
            const bool after_ascii_word = (before >= '0' && before <= '9') || is_key_char(before);
            if (after_ascii_word) {
                return i;
            }
            if (first == std::string_view::npos) {
                first = i;
            }
        }
    }
    return ascii_comma ? std::string_view::npos : first;
}

// One line of the text, [start, end) without its line break, scanned left to right.
class LineScan {
public:
    LineScan(std::string_view text, std::size_t start, std::size_t end)
        : text_(text), start_(start), end_(end) {}

    // The slips of the line, when it is a key line (`key: value`, `- key: value`, `＃ …`);
    // nothing for a line of text. Sets block_indent when the line starts a block scalar.
    std::vector<InputMethodSlip> slips(int& block_indent) {
        std::size_t p = skip_ascii_spaces(start_);
        std::size_t node_start = p;
        // The indentation and the '- ' markers, where an input method puts U+3000 or '－'.
        while (p < end_) {
            if (at(p, kIdeographicSpace)) {
                const std::size_t first = p;
                p = skip_white(p);
                add(first, node_start,
                    node_start == first && first == skip_ascii_spaces(start_)
                        ? tr("a full-width space (U+3000) in the indentation")
                        : tr("a full-width space (U+3000) where YAML needs a space"),
                    tr("YAML indents and separates with ASCII spaces only: replace the full-width "
                       "spaces (U+3000) with ASCII spaces"),
                    true);
                continue;
            }
            if (text_[p] == '-' && (p + 1 == end_ || text_[p + 1] == ' ')) {
                p = skip_ascii_spaces(p + 1);
                node_start = p;
                continue;
            }
            if (text_[p] == '-' && at(p + 1, kIdeographicSpace)) {
                ++p; // "-　": the U+3000 is reported next
                continue;
            }
            if (at(p, kFullWidthHyphen)) {
                const std::size_t after = p + kFullWidthHyphen.size();
                if (after == end_ || text_[after] == ' ' || at(after, kIdeographicSpace)) {
                    add(p, node_start, tr("a full-width '－' where a list item starts"),
                        std::string(
                            tr("a list item starts with an ASCII '-' followed by a space")) +
                            tr(kHalfWidthHint),
                        true);
                    p = skip_ascii_spaces(after);
                    continue;
                }
            }
            break;
        }
        if (at(p, kFullWidthHash)) {
            const std::size_t after = p + kFullWidthHash.size();
            if (after == end_ || text_[after] == ' ' || at(after, kIdeographicSpace)) {
                add(p, node_start, tr("a full-width '＃' where a comment starts"),
                    std::string(tr("a YAML comment starts with an ASCII '#'")) + tr(kHalfWidthHint),
                    true);
                return std::move(slips_);
            }
            return {};
        }
        if (p < end_ && node_start == p && p > skip_ascii_spaces(start_) &&
            !is_key_start(text_[p])) {
            // A list item's value: `- ｛name: …｝`. Without a slip in it, the line may be text
            // (a line of a multi-line value), and so may its U+3000.
            const std::size_t leading = slips_.size();
            check_value(p, node_start, block_indent, static_cast<int>(p - start_));
            if (slips_.size() == leading) {
                return {};
            }
            return std::move(slips_);
        }
        if (p >= end_ || !is_key_start(text_[p])) {
            return {};
        }
        const std::size_t key_start = p;
        while (p < end_ && is_key_char(text_[p])) {
            ++p;
        }
        const std::string key(text_.substr(key_start, p - key_start));
        p = skip_ascii_spaces(p);
        std::size_t value = end_;
        if (at(p, kFullWidthColon)) {
            add(p, node_start, tr("a full-width colon '：' after the key '{0}'", {key}),
                tr("YAML needs an ASCII ':' followed by a space: `{0}: …`", {key}) +
                    tr(kHalfWidthHint));
            value = skip_white(p + kFullWidthColon.size());
        } else if (p < end_ && text_[p] == ':') {
            const std::size_t after = p + 1;
            if (at(after, kIdeographicSpace)) {
                add(after, node_start, tr("a full-width space (U+3000) after the key '{0}'", {key}),
                    tr("YAML needs an ASCII space after ':': `{0}: …`", {key}) +
                        tr(kHalfWidthHint));
                value = skip_white(after);
            } else if (after < end_ && text_[after] != ' ' && text_[after] != ':') {
                add(after, node_start, tr("no space after the ':' of the key '{0}'", {key}),
                    tr("YAML needs a space after a key's ':': `{0}: …`", {key}));
                value = after;
            } else {
                value = skip_ascii_spaces(after);
            }
        } else {
            return {}; // a line of text, not a key
        }
        check_value(value, node_start, block_indent, static_cast<int>(key_start - start_));
        return std::move(slips_);
    }

    // A value wrapped in Chinese quotes on this line (after `key: ` or `- `).
    std::optional<InputMethodSlip> quoted_value() {
        std::size_t p = skip_white(start_);
        while (p < end_ && text_[p] == '-' && (p + 1 == end_ || text_[p + 1] == ' ')) {
            p = skip_white(p + 1);
        }
        const std::size_t node_start = p;
        if (p < end_ && is_key_start(text_[p])) {
            std::size_t q = p;
            while (q < end_ && is_key_char(text_[q])) {
                ++q;
            }
            q = skip_ascii_spaces(q);
            if (q < end_ && text_[q] == ':') {
                p = skip_white(q + 1);
            } else if (at(q, kFullWidthColon)) {
                p = skip_white(q + kFullWidthColon.size());
            }
        }
        for (const Quotes& quotes : kChineseQuotes) {
            if (at(p, quotes.open)) {
                add(p, node_start, quoted_message(quotes), quoted_hint(quotes));
                return std::move(slips_.front());
            }
        }
        return std::nullopt;
    }

    static std::string quoted_message(const Quotes& quotes) {
        return tr("the value is wrapped in Chinese quotes {0}…{1}", {quotes.open, quotes.close});
    }

    static std::string quoted_hint(const Quotes& quotes) {
        return tr("YAML's quotes are ASCII: remove the {0}{1}, or write '…' or \"…\"",
                  {quotes.open, quotes.close});
    }

private:
    void check_value(std::size_t value, std::size_t node_start, int& block_indent, int key_column) {
        if (value >= end_) {
            return;
        }
        const std::string_view rest = text_.substr(value, end_ - value);
        if (rest[0] == '|' || rest[0] == '>') {
            block_indent = key_column;
            return;
        }
        for (const Bracket& bracket : kFullWidthBrackets) {
            // A bracketed value that looks like a collection: "［10, 20］", "｛a: 1｝";
            // "【重点】疫情防控" is text.
            if (rest.starts_with(bracket.open) && rest.ends_with(bracket.close) &&
                (rest.find(',') != std::string_view::npos ||
                 rest.find(": ") != std::string_view::npos ||
                 // "【重点，难点】" is text; "［是，否］" is not
                 (bracket.open != "【" && rest.find(kFullWidthComma) != std::string_view::npos))) {
                add(value, node_start,
                    bracket.ascii[0] == '['
                        ? tr("a full-width '{0}' where a list starts", {bracket.open})
                        : tr("a full-width '{0}' where a map starts", {bracket.open}),
                    std::string(bracket.ascii[0] == '['
                                    ? tr("a YAML list is written between ASCII '[' and ']', its "
                                         "items separated by ', '")
                                    : tr("a YAML map is written between ASCII '{' and '}', its "
                                         "items separated by ', '")) +
                        tr(kHalfWidthHint));
                return;
            }
        }
        if (rest[0] == '[' || rest[0] == '{') {
            if (const std::size_t comma = separating_full_width_comma(rest);
                comma != std::string_view::npos) {
                add(value + comma, node_start,
                    rest[0] == '[' ? tr("a full-width comma '，' between the items of a '[…' list")
                                   : tr("a full-width comma '，' between the items of a '{…' map"),
                    std::string(tr("separate the items with an ASCII ',' followed by a space; if "
                                   "the comma is part of the text, put the item in quotes")) +
                        tr(kHalfWidthHint));
            }
            return;
        }
        for (const Quotes& quotes : kChineseQuotes) {
            // Quotes meant to protect a ': ' inside the value do not: the parser fails on it.
            if (rest.starts_with(quotes.open) && rest.find(": ") != std::string_view::npos) {
                add(value, node_start, quoted_message(quotes), quoted_hint(quotes));
                return;
            }
        }
    }

    void add(std::size_t offset, std::size_t node_start, std::string message, std::string hint,
             bool leading = false) {
        slips_.push_back(InputMethodSlip{offset, node_start, start_, leading, std::move(message),
                                         std::move(hint)});
    }

    bool at(std::size_t pos, std::string_view what) const {
        return pos <= end_ && end_ - pos >= what.size() && text_.substr(pos, what.size()) == what;
    }

    std::size_t skip_ascii_spaces(std::size_t pos) const {
        while (pos < end_ && text_[pos] == ' ') {
            ++pos;
        }
        return pos;
    }

    // ASCII spaces and U+3000.
    std::size_t skip_white(std::size_t pos) const {
        while (pos < end_) {
            if (text_[pos] == ' ') {
                ++pos;
            } else if (at(pos, kIdeographicSpace)) {
                pos += kIdeographicSpace.size();
            } else {
                break;
            }
        }
        return pos;
    }

    std::string_view text_;
    std::size_t start_;
    std::size_t end_;
    std::vector<InputMethodSlip> slips_;
};

std::size_t line_end(std::string_view text, std::size_t start) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
        end = text.size();
    }
    if (end > start && text[end - 1] == '\r') {
        --end;
    }
    return end;
}

int ascii_indent(std::string_view text, std::size_t start, std::size_t end) {
    std::size_t p = start;
    while (p < end && text[p] == ' ') {
        ++p;
    }
    return p == end ? -1 : static_cast<int>(p - start); // -1: a blank line
}

} // namespace

std::vector<InputMethodSlip> find_input_method_slips(std::string_view text) {
    std::vector<InputMethodSlip> slips;
    int block_indent = -1; // the key column of the '|' or '>' whose lines are being skipped
    for (std::size_t start = 0; start <= text.size();) {
        const std::size_t end = line_end(text, start);
        const int indent = ascii_indent(text, start, end);
        if (block_indent >= 0 && (indent < 0 || indent > block_indent)) {
            // a line of a block scalar: text
        } else {
            block_indent = -1;
            std::vector<InputMethodSlip> line = LineScan(text, start, end).slips(block_indent);
            slips.insert(slips.end(), line.begin(), line.end());
        }
        const std::size_t next = text.find('\n', end);
        if (next == std::string_view::npos) {
            break;
        }
        start = next + 1;
    }
    return slips;
}

std::optional<InputMethodSlip> input_method_slip_on_line(std::string_view text,
                                                         std::size_t offset) {
    offset = std::min(offset, text.size());
    const std::size_t newline = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
    const std::size_t start = newline == std::string_view::npos ? 0 : newline + 1;
    return LineScan(text, start, line_end(text, start)).quoted_value();
}

std::string chinese_quotes_hint(std::string_view value) {
    for (const Quotes& quotes : kChineseQuotes) {
        if (value.size() > quotes.open.size() + quotes.close.size() &&
            value.starts_with(quotes.open) && value.ends_with(quotes.close)) {
            const std::string_view inner = value.substr(
                quotes.open.size(), value.size() - quotes.open.size() - quotes.close.size());
            return LineScan::quoted_message(quotes) +
                   tr("; remove them or use ASCII quotes: '{0}'", {inner});
        }
    }
    return {};
}

std::vector<Diagnostic> slip_diagnostics(const std::vector<InputMethodSlip>& slips,
                                         const SourceText& source) {
    std::vector<Diagnostic> diagnostics;
    for (std::size_t i = 0; i < slips.size() && i < kMaxReportedSlips; ++i) {
        diagnostics.push_back(
            make_error(source.loc_at(slips[i].offset), slips[i].message, slips[i].hint));
    }
    if (slips.size() > kMaxReportedSlips) {
        diagnostics.push_back(Diagnostic{
            Severity::Note, SourceLoc{source.file(), 0, 0},
            tr("{0} more input-method slips in this file are not shown",
               {std::to_string(slips.size() - kMaxReportedSlips)}),
            tr("switch the input method to half-width (半角) punctuation and look over the file")});
    }
    return diagnostics;
}

std::vector<Diagnostic> with_input_method_slips(const Diagnostic& error, const SourceText& source,
                                                ErrorKind kind) {
    const std::vector<InputMethodSlip> slips = find_input_method_slips(source.text());
    if (slips.empty()) {
        return {error};
    }
    std::vector<Diagnostic> diagnostics = slip_diagnostics(slips, source);
    std::set<int> explained; // the slips' lines and the lines after them
    for (const InputMethodSlip& slip : slips) {
        const int line = source.loc_at(slip.offset).line;
        explained.insert(line);
        if (kind == ErrorKind::Syntax) {
            explained.insert(line + 1);
        }
    }
    if (error.loc.file != source.file() || explained.count(error.loc.line) == 0) {
        // In line order among the slips (the note on the slips not shown stays last).
        const auto after =
            std::find_if(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) {
                return d.severity == Severity::Note || d.loc.line > error.loc.line ||
                       (d.loc.line == error.loc.line && d.loc.col > error.loc.col);
            });
        diagnostics.insert(after, error);
    }
    return diagnostics;
}

} // namespace formpdf::load
