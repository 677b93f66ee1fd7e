#pragma once

// The documents of a parsed YAML text (yaml_tree.h) as bytes and back, for a YamlTreeStore.
// Private to src/load/.

#include "load/yaml_guard.h"
#include "load/yaml_tree.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace formpdf::load {

std::string serialize_yaml_tree(const std::vector<YamlNode>& documents);

// The documents back, or std::nullopt for bytes serialize_yaml_tree() did not write (damaged or
// truncated): every count and length is checked against the bytes left before anything is
// allocated for it, and nodes nest and number no more than `limits` let a parsed text.
std::optional<std::vector<YamlNode>> deserialize_yaml_tree(std::string_view bytes,
                                                           const YamlLimits& limits);

// The limits as text: a tree kept under some limits is not one for others.
std::string limits_context(const YamlLimits& limits);

} // namespace formpdf::load
