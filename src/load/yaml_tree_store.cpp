#include "load/yaml_tree_store.h"

#include <atomic>

namespace formpdf::load {
namespace {

std::atomic<const YamlTreeStore*> current_store{nullptr};

} // namespace

void use_yaml_tree_store(const YamlTreeStore* store) {
    current_store.store(store, std::memory_order_release);
}

const YamlTreeStore* yaml_tree_store() {
    return current_store.load(std::memory_order_acquire);
}

} // namespace formpdf::load
