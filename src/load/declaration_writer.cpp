#include "load/declaration_writer.h"

#include "core/utf8.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cstdio>

namespace formpdf::load {

namespace {

char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Words that YAML 1.1 or 1.2 reads as null or a boolean when plain.
bool is_reserved_word(std::string_view text) {
    static constexpr std::array<std::string_view, 10> kWords = {
        "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"};
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), ascii_lower);
    return std::find(kWords.begin(), kWords.end(), lower) != kWords.end();
}

// Characters that a single-quoted scalar cannot hold as they are: line breaks (folded to spaces),
// tabs and other control characters, and the Unicode line/paragraph separators, NEL and BOM, which
// some YAML readers treat as line breaks or strip.
bool needs_escapes(std::string_view text) {
    std::size_t pos = 0;
    char32_t cp = 0;
    while (pos < text.size()) {
        if (!decode_utf8(text, pos, cp)) {
            continue;
        }
        if (cp < 0x20 || cp == 0x7F || cp == 0x85 || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF) {
            return true;
        }
    }
    return false;
}

// Plain only for text that every YAML reader gives back as this very string: no indicator at the
// start, nothing that could be a number, a date, a null or a boolean, no ':' or '#' anywhere (so
// no key/value or comment can start inside it), no space at either end.
bool can_be_plain(std::string_view text) {
    if (text.empty() || is_reserved_word(text) || needs_escapes(text)) {
        return false;
    }
    static constexpr std::string_view kBadFirst = "-?:,[]{}#&*!|>'\"%@`=<+.0123456789 ";
    if (kBadFirst.find(text.front()) != std::string_view::npos || text.back() == ' ') {
        return false;
    }
    return text.find_first_of(":#") == std::string_view::npos;
}

std::string single_quoted(std::string_view text) {
    std::string out = "'";
    for (const char c : text) {
        out += c;
        if (c == '\'') {
            out += '\'';
        }
    }
    return out + "'";
}

std::string double_quoted(std::string_view text) {
    std::string out = "\"";
    std::size_t pos = 0;
    char32_t cp = 0;
    while (pos < text.size()) {
        const std::size_t start = pos;
        if (!decode_utf8(text, pos, cp)) {
            out.append(
                text.substr(start, pos - start)); // not ours to repair; the reader refuses it
            continue;
        }
        char buffer[12];
        switch (cp) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            if (cp < 0x20 || cp == 0x7F) {
                std::snprintf(buffer, sizeof buffer, "\\x%02X", static_cast<unsigned>(cp));
                out += buffer;
            } else if (cp == 0x85 || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF) {
                std::snprintf(buffer, sizeof buffer, "\\u%04X", static_cast<unsigned>(cp));
                out += buffer;
            } else {
                out.append(text.substr(start, pos - start));
            }
        }
    }
    return out + "\"";
}

class Writer {
public:
    explicit Writer(const FormDefinition* form) : form_(form) {}

    void declaration(const Declaration& declaration) {
        out_ += "form: " + yaml_scalar(declaration.form.text) + "\n";
        if (!declaration.fields.empty()) {
            out_ += "fields:\n";
            for (const auto& [id, value] : declaration.fields) {
                out_ += "  " + key(id) + ": " + yaml_scalar(value.text);
                comment(field_label(id));
                out_ += "\n";
            }
        }
        for (const auto& [id, groups] : declaration.trees) {
            out_ += key(id) + ":";
            if (groups.empty()) {
                out_ += " []";
            }
            const TreeDefinition* tree = form_ ? form_->find_tree(id) : nullptr;
            comment(tree ? tree->label : std::string());
            out_ += "\n";
            for (const Group& group : groups) {
                if (group.level.empty()) {
                    write_records(group.records, "  "); // a list of records (declaration.h)
                } else {
                    write_group(group, 1);
                }
            }
        }
    }

    std::string take() { return std::move(out_); }

private:
    static std::string key(const std::string& id) { return yaml_scalar(id); }

    void comment(const std::string& label) {
        if (!label.empty()) {
            std::string text = label;
            std::replace(text.begin(), text.end(), '\n', ' ');
            std::replace(text.begin(), text.end(), '\r', ' ');
            out_ += "  # " + text;
        }
    }

    std::string field_label(const std::string& id) const {
        if (!form_) {
            return {};
        }
        if (const FieldDefinition* field = form_->find_field(id)) {
            return field->label;
        }
        return {};
    }

    // A list item at `depth` (1 = under a top-level key): "  - " with two more spaces per level.
    void write_group(const Group& group, int depth) {
        assert(!group.level.empty());
        const std::string indent(static_cast<std::size_t>(2 * depth), ' ');
        const std::string inner = indent + "  ";
        out_ += indent + "- " + key(group.level) + ": " + yaml_scalar(group.label.text) + "\n";
        if (!group.groups.empty()) {
            out_ += inner + "groups:\n";
            for (const Group& child : group.groups) {
                write_group(child, depth + 2);
            }
        }
        if (!group.records.empty()) {
            out_ += inner + "rows:\n";
            write_records(group.records, inner + "  ");
        }
    }

    void write_records(const std::vector<Record>& records, const std::string& row_indent) {
        for (const Record& record : records) {
            if (record.fields.empty()) {
                out_ += row_indent + "- {}\n";
                continue;
            }
            bool first = true;
            for (const auto& [id, value] : record.fields) {
                out_ += row_indent + (first ? "- " : "  ") + key(id) + ": " +
                        yaml_scalar(value.text) + "\n";
                first = false;
            }
        }
    }

    const FormDefinition* form_;
    std::string out_;
};

} // namespace

std::string yaml_scalar(std::string_view text) {
    if (can_be_plain(text)) {
        return std::string(text);
    }
    if (!needs_escapes(text)) {
        return single_quoted(text);
    }
    return double_quoted(text);
}

std::string write_declarations(const std::vector<Declaration>& declarations,
                               const FormDefinition* form) {
    std::string result;
    for (std::size_t i = 0; i < declarations.size(); ++i) {
        if (i > 0) {
            result += "---\n"; // documents after the first start with `---`
        }
        Writer writer(form);
        writer.declaration(declarations[i]);
        result += writer.take();
    }
    return result;
}

} // namespace formpdf::load
