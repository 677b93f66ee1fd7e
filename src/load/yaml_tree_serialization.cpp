#include "load/yaml_tree_serialization.h"

#include <cstdint>

namespace formpdf::load {
namespace {

// A node: kind (1 byte), position + 1 (8), scalar length (4) and bytes, child count (4).
constexpr std::size_t kLeastNodeBytes = 1 + 8 + 4 + 4;

void put_number(std::string& out, std::uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) {
        out += static_cast<char>((value >> (8 * i)) & 0xFF);
    }
}

void put_node(std::string& out, const YamlNode& node) {
    out += static_cast<char>(node.kind);
    put_number(out, static_cast<std::uint64_t>(node.pos + 1), 8);
    put_number(out, node.scalar.size(), 4);
    out += node.scalar;
    put_number(out, node.children.size(), 4);
    for (const YamlNode& child : node.children) {
        put_node(out, child);
    }
}

struct Damaged {};

class Reader {
public:
    Reader(std::string_view bytes, const YamlLimits& limits) : bytes_(bytes), limits_(limits) {}

    std::uint64_t number(int size) {
        if (bytes_.size() < static_cast<std::size_t>(size)) {
            throw Damaged{};
        }
        std::uint64_t value = 0;
        for (int i = 0; i < size; ++i) {
            value |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes_[i])) << (8 * i);
        }
        bytes_.remove_prefix(static_cast<std::size_t>(size));
        return value;
    }
    // A count of nodes: never more than the bytes left could hold, so that a damaged count
    // cannot make anything large be allocated.
    std::size_t node_count() {
        const std::uint64_t count = number(4);
        if (count > bytes_.size() / kLeastNodeBytes) {
            throw Damaged{};
        }
        return static_cast<std::size_t>(count);
    }
    void node(YamlNode& node, int depth) {
        // The guard's depth counts collections; a document and its scalars add two.
        if (depth > limits_.max_depth + 2 || ++nodes_ > limits_.max_nodes + documents_) {
            throw Damaged{};
        }
        const auto kind = static_cast<unsigned char>(number(1));
        if (kind > static_cast<unsigned char>(YamlNode::Kind::Sequence)) {
            throw Damaged{};
        }
        node.kind = static_cast<YamlNode::Kind>(kind);
        const std::uint64_t pos = number(8);
        if (pos > static_cast<std::uint64_t>(limits_.max_bytes) + 1) {
            throw Damaged{};
        }
        node.pos = static_cast<std::ptrdiff_t>(pos) - 1;
        const std::uint64_t size = number(4);
        if (size > bytes_.size()) {
            throw Damaged{};
        }
        node.scalar.assign(bytes_.substr(0, static_cast<std::size_t>(size)));
        bytes_.remove_prefix(static_cast<std::size_t>(size));
        node.children.resize(node_count());
        for (YamlNode& child : node.children) {
            this->node(child, depth + 1);
        }
    }
    std::vector<YamlNode> documents() {
        std::vector<YamlNode> documents(node_count());
        if (documents.size() > static_cast<std::size_t>(limits_.max_documents)) {
            throw Damaged{};
        }
        documents_ = documents.size();
        for (YamlNode& document : documents) {
            node(document, 0);
        }
        if (!bytes_.empty()) {
            throw Damaged{};
        }
        return documents;
    }

private:
    std::string_view bytes_;
    const YamlLimits& limits_;
    std::size_t nodes_ = 0;
    std::size_t documents_ = 0;
};

} // namespace

std::string serialize_yaml_tree(const std::vector<YamlNode>& documents) {
    std::string out;
    put_number(out, documents.size(), 4);
    for (const YamlNode& document : documents) {
        put_node(out, document);
    }
    return out;
}

std::optional<std::vector<YamlNode>> deserialize_yaml_tree(std::string_view bytes,
                                                           const YamlLimits& limits) {
    try {
        return Reader(bytes, limits).documents();
    } catch (const Damaged&) {
        return std::nullopt;
    }
}

std::string limits_context(const YamlLimits& limits) {
    std::string context = "yaml-tree 1";
    for (const std::uint64_t value : {static_cast<std::uint64_t>(limits.max_bytes),
                                      static_cast<std::uint64_t>(limits.max_depth),
                                      static_cast<std::uint64_t>(limits.max_nodes),
                                      static_cast<std::uint64_t>(limits.max_documents),
                                      static_cast<std::uint64_t>(limits.max_lookahead_items)}) {
        context += ' ';
        context += std::to_string(value);
    }
    return context;
}

} // namespace formpdf::load
