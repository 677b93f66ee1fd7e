#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace formpdf::load {

// Caps for untrusted YAML, checked on the event stream before any node is built.
struct YamlLimits {
    std::size_t max_bytes = 8 * 1024 * 1024;
    int max_depth = 64;
    std::size_t max_nodes = 200000;
    int max_documents = 10000;
    // Token characters (',', '[', ':', quotes, ...) read past the last value the parser reported:
    // yaml-cpp reads a whole '[…]' or '{…}' (it may be a key) before reporting any of it, at ~100
    // bytes of memory per byte.
    std::size_t max_lookahead_items = 100000;
};

// Rejects YAML that would cost memory or time out of proportion to its size: anchors and aliases
// (including self-references and "billion laughs"), nesting deeper than max_depth, more than
// max_nodes nodes, a '[…]' or '{…}' of more than max_lookahead_items items, input larger than
// max_bytes, bytes that are not UTF-8. Throws DiagnosticError
// with file:line:col of the offending place and a hint; a YAML syntax error is reported the same
// way, with a hint whatever its cause. An input method's full-width characters that break the
// structure (input_method_slips.h) are reported instead, every one of the file, each at its own
// column: the DiagnosticError then holds several diagnostics.
void check_yaml(std::string_view yaml, const std::string& file, const YamlLimits& limits = {});

// How many texts parse_yaml() has read whole in this process, counted whether they parse or not
// (a test's check that a batch reads each file once).
std::size_t yaml_texts_parsed();

// The plain text of `key` in the first document's top-level map, and the byte offset of the value
// (after any BOM), parsing only as far as that value: for a caller that wants to start work early
// (the batch loads the layout the first file names while the files are read). Nullopt when the
// text is not UTF-8, does not parse that far, or has no such key (or its value is not text); the
// full load reports why. Not a check: the rest of the text is not read.
std::optional<std::pair<std::string, std::size_t>>
peek_top_level_scalar(std::string_view yaml, std::string_view key, const YamlLimits& limits = {});

} // namespace formpdf::load
