#pragma once

// A checker for the PDF/A-2b rules that docs/pdfa.md lists as tested. It is not a validator: no
// full PDF/A validator is packaged for Debian, so each rule formpdf relies on is checked here on
// the produced file, with qpdf's JSON view of the final revision and the raw bytes.

#include <filesystem>
#include <string>
#include <vector>

namespace formpdf::testing {

// One message per violated rule, each starting with its ISO 19005-2 clause ("6.6.3: ...").
// Empty when every checked rule holds.
std::vector<std::string> pdfa_violations(const std::filesystem::path& pdf);

} // namespace formpdf::testing
