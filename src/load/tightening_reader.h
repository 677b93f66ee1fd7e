#pragma once

// Reads the `tighten:` section of a layout. Private to src/load (it uses the YAML reader).

#include "load/tightening_spec.h"
#include "load/yaml_reader.h"

namespace formpdf::load {

// Throws DiagnosticError at the offending key, with a hint.
TighteningSpec read_tightening(const ValueReader& value);

} // namespace formpdf::load
