#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace formpdf::load {

// Caps for untrusted YAML, checked on the event stream before any node is built.
struct YamlLimits {
    std::size_t max_bytes = 8 * 1024 * 1024;
    int max_depth = 64;
    std::size_t max_nodes = 200000;
    int max_documents = 10000;
};

// Rejects YAML that would cost memory or time out of proportion to its size: anchors and aliases
// (including self-references and "billion laughs"), nesting deeper than max_depth, more than
// max_nodes nodes, input larger than max_bytes, bytes that are not UTF-8. Throws DiagnosticError
// with file:line:col of the offending place and a hint; a YAML syntax error is reported the same
// way, with a hint whatever its cause. An input method's full-width characters that break the
// structure (input_method_slips.h) are reported instead, every one of the file, each at its own
// column: the DiagnosticError then holds several diagnostics.
void check_yaml(std::string_view yaml, const std::string& file, const YamlLimits& limits = {});

} // namespace formpdf::load
