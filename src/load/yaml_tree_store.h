#pragma once

// Parsed YAML kept between runs. Every YAML text formpdf reads (declarations, layouts, form
// definitions) is parsed by yaml-cpp through the guard (yaml_guard.h) into located plain data
// (yaml_tree.h); a store, when the program sets one, keeps that data so that the same text, read
// again by a later run, is not parsed again: parsing was ~45% of the work of printing a batch, and
// a unit prints the same files again and again while it fixes a few of them.
//
// What a store keeps is only ever what the guard accepted from the same text under the same
// limits: a text that fails is parsed (and fails) every time. The readers of declarations and
// layouts run on the data as always, with every check they make.

#include "load/yaml_guard.h"

#include <optional>
#include <string>
#include <string_view>

namespace formpdf::load {

// Where parsed texts are kept (app/parse_cache.h). Its two calls may come from several threads
// at once.
class YamlTreeStore {
public:
    virtual ~YamlTreeStore() = default;
    // What keep() was given for this text and context, if it still has it. Bytes it did not
    // keep (damaged on disk) are read as a miss by the caller.
    virtual std::optional<std::string> find(std::string_view text,
                                            std::string_view context) const = 0;
    virtual void keep(std::string_view text, std::string_view context,
                      std::string_view tree) const = 0;
};

// The store every YAML text is read through from now on, or none (nullptr, the default: every
// text is parsed). Set by the program before it reads anything; the store must outlive its use.
void use_yaml_tree_store(const YamlTreeStore* store);
const YamlTreeStore* yaml_tree_store();

} // namespace formpdf::load
