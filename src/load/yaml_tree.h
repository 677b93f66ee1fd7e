#pragma once

// A YAML document as located plain data, built from yaml-cpp's parser events in the same pass
// that checks them (yaml_guard.cpp): every input is parsed once, and no library node tree is
// built. Private to src/load/.

#include "load/yaml_guard.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace formpdf::load {

struct YamlNode {
    enum class Kind { Null, Scalar, Map, Sequence };

    Kind kind = Kind::Null;
    // Byte offset in the text (after a UTF-8 byte order mark), where the parser marks the value;
    // -1 when there is none (an empty document).
    std::ptrdiff_t pos = -1;
    std::string scalar;             // Scalar: the text exactly as YAML gives it
    std::vector<YamlNode> children; // Sequence: the items; Map: key, value, key, value, ...
};

// Checks the text as check_yaml() does (and throws the same DiagnosticErrors), and returns its
// documents. Positions refer to the text with any UTF-8 byte order mark removed.
std::vector<YamlNode> parse_yaml(std::string_view yaml, const std::string& file,
                                 const YamlLimits& limits);

} // namespace formpdf::load
