#pragma once

// Reads the `form:` section of a layout file into a FormDefinition. Private to src/load/ (it takes
// a yaml_reader value); called by layout_loader.cpp.

#include "load/form_definition.h"
#include "load/yaml_reader.h"

namespace formpdf::load {

// Throws DiagnosticError at the offending value for unknown keys, wrong types, duplicate ids, and
// references to fields that do not exist.
FormDefinition read_form_definition(const ValueReader& value);

} // namespace formpdf::load
