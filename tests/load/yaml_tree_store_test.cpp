// The parsed YAML a store keeps between runs (load/yaml_tree_store.h): what is read back is what
// the parser made of the same text, byte for byte, or nothing; a text that does not parse is never
// kept; damaged bytes are never used.

#include "load/declaration.h"
#include "load/yaml_guard.h"
#include "load/yaml_reader.h"
#include "load/yaml_tree.h"
#include "load/yaml_tree_serialization.h"
#include "load/yaml_tree_store.h"

#include "core/diagnostic.h"
#include "core/file_io.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace formpdf::load {
namespace {

namespace fs = std::filesystem;

bool same_tree(const YamlNode& a, const YamlNode& b) {
    if (a.kind != b.kind || a.pos != b.pos || a.scalar != b.scalar ||
        a.children.size() != b.children.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.children.size(); ++i) {
        if (!same_tree(a.children[i], b.children[i])) {
            return false;
        }
    }
    return true;
}

bool same_documents(const std::vector<YamlNode>& a, const std::vector<YamlNode>& b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!same_tree(a[i], b[i])) {
            return false;
        }
    }
    return true;
}

// Every YAML file of the checkout: the 41 declarations, the family's samples, the layouts.
std::vector<fs::path> checkout_yaml_files() {
    std::vector<fs::path> files;
    for (const char* dir : {"inputs", "layouts"}) {
        for (const auto& entry :
             fs::recursive_directory_iterator(fs::path(FORMPDF_SOURCE_DIR) / dir)) {
            const std::string extension = entry.path().extension().string();
            if (entry.is_regular_file() && (extension == ".yaml" || extension == ".yml")) {
                files.push_back(entry.path());
            }
        }
    }
    return files;
}

TEST(YamlTreeSerialization, EveryYamlFileOfTheCheckoutComesBackAsParsed) {
    const std::vector<fs::path> files = checkout_yaml_files();
    ASSERT_GT(files.size(), 50u);
    for (const fs::path& file : files) {
        const std::string text = read_file(file, YamlLimits{}.max_bytes);
        const std::vector<YamlNode> parsed = parse_yaml(text, file.string(), YamlLimits{});
        const std::optional<std::vector<YamlNode>> back =
            deserialize_yaml_tree(serialize_yaml_tree(parsed), YamlLimits{});
        ASSERT_TRUE(back.has_value()) << file;
        EXPECT_TRUE(same_documents(parsed, *back)) << file;
    }
}

TEST(YamlTreeSerialization, DamagedBytesAreRefusedWithoutACrash) {
    const std::string text = "form: f\nfields:\n  a: '1'\n  b: [x, y, {c: d}]\n---\nform: g\n";
    const std::string bytes = serialize_yaml_tree(parse_yaml(text, "t.yaml", YamlLimits{}));
    for (std::size_t length = 0; length < bytes.size(); ++length) {
        EXPECT_FALSE(deserialize_yaml_tree(bytes.substr(0, length), YamlLimits{}).has_value())
            << "truncated to " << length;
    }
    EXPECT_FALSE(deserialize_yaml_tree(bytes + "x", YamlLimits{}).has_value()) << "trailing bytes";
    // Counts and lengths made huge: refused before anything that large is allocated.
    std::string huge_count = bytes;
    huge_count[0] = huge_count[1] = huge_count[2] = huge_count[3] = '\xFF';
    EXPECT_FALSE(deserialize_yaml_tree(huge_count, YamlLimits{}).has_value());
    std::uint32_t state = 7;
    for (int round = 0; round < 2000; ++round) {
        std::string damaged = bytes;
        state = state * 1103515245u + 12345u;
        damaged[(state >> 8) % damaged.size()] = static_cast<char>(state >> 24);
        deserialize_yaml_tree(damaged, YamlLimits{}); // refused, or some tree: never a crash
    }
}

TEST(YamlTreeSerialization, NestingDeeperThanTheLimitsAllowIsRefused) {
    YamlLimits limits;
    limits.max_depth = 5;
    const std::string deep = "a: [[[[[[[[1]]]]]]]]\n";
    const std::vector<YamlNode> parsed = parse_yaml(deep, "t.yaml", YamlLimits{});
    EXPECT_FALSE(deserialize_yaml_tree(serialize_yaml_tree(parsed), limits).has_value());
    EXPECT_TRUE(deserialize_yaml_tree(serialize_yaml_tree(parsed), YamlLimits{}).has_value());
}

// A store in memory that counts what it is asked.
class MemoryStore : public YamlTreeStore {
public:
    std::optional<std::string> find(std::string_view text,
                                    std::string_view context) const override {
        const std::lock_guard<std::mutex> lock(mutex_);
        ++finds;
        const auto found = kept_.find(std::string(context) + '\0' + std::string(text));
        if (found == kept_.end()) {
            return std::nullopt;
        }
        return found->second;
    }
    void keep(std::string_view text, std::string_view context,
              std::string_view tree) const override {
        const std::lock_guard<std::mutex> lock(mutex_);
        kept_[std::string(context) + '\0' + std::string(text)] = std::string(tree);
    }
    void damage_everything() {
        for (auto& [key, tree] : kept_) {
            tree = "not a tree";
        }
    }
    std::size_t size() const { return kept_.size(); }
    mutable std::size_t finds = 0;

private:
    mutable std::mutex mutex_;
    mutable std::map<std::string, std::string> kept_;
};

class StoreInUse : public ::testing::Test {
protected:
    void SetUp() override { use_yaml_tree_store(&store_); }
    void TearDown() override { use_yaml_tree_store(nullptr); }
    MemoryStore store_;
};

TEST_F(StoreInUse, ATextReadAgainIsNotParsedAgainAndLoadsTheSameDeclarations) {
    const fs::path file =
        fs::path(FORMPDF_SOURCE_DIR) / "inputs" / "declarations" / "440304221061500000003.yaml";
    const std::vector<Declaration> first = load_declarations_file(file);
    EXPECT_EQ(store_.size(), 1u);
    const std::size_t parsed_before = yaml_texts_parsed();
    const std::vector<Declaration> second = load_declarations_file(file);
    EXPECT_EQ(yaml_texts_parsed(), parsed_before) << "read back from the store";
    EXPECT_EQ(first, second) << "every value and location the same";
}

TEST_F(StoreInUse, AnEditedTextIsParsedAnewAndReadsAsEdited) {
    const std::string text = "form: f\nfields:\n  project_name: 办公设备采购\n";
    const std::vector<Declaration> before = load_declarations_text(text, "t.yaml");
    std::string edited = text;
    edited.replace(edited.find("办公"), 6, "会议");
    const std::vector<Declaration> after = load_declarations_text(edited, "t.yaml");
    ASSERT_NE(after.front().field("project_name"), nullptr);
    EXPECT_EQ(after.front().field("project_name")->text, "会议设备采购");
    EXPECT_EQ(store_.size(), 2u);
}

TEST_F(StoreInUse, ATextThatDoesNotParseIsNeverKeptAndFailsEveryTime) {
    const std::string bad = "form: f\nfields: [a, b\n";
    for (int run = 0; run < 2; ++run) {
        EXPECT_THROW(load_declarations_text(bad, "bad.yaml"), DiagnosticError) << "run " << run;
    }
    EXPECT_EQ(store_.size(), 0u);
    const std::string hostile = "a: &x [1]\nb: *x\n"; // an alias: refused by the guard
    EXPECT_THROW(load_declarations_text(hostile, "hostile.yaml"), DiagnosticError);
    EXPECT_EQ(store_.size(), 0u);
}

TEST_F(StoreInUse, DamagedKeptBytesAreParsedAnew) {
    const std::string text = "form: f\nfields:\n  a: '0012'\n";
    load_declarations_text(text, "t.yaml");
    store_.damage_everything();
    const std::size_t parsed_before = yaml_texts_parsed();
    const std::vector<Declaration> again = load_declarations_text(text, "t.yaml");
    EXPECT_EQ(yaml_texts_parsed(), parsed_before + 1);
    ASSERT_NE(again.front().field("a"), nullptr);
    EXPECT_EQ(again.front().field("a")->text, "0012");
}

TEST_F(StoreInUse, ATreeKeptUnderSomeLimitsIsNotUsedUnderStricterOnes) {
    const std::string text = "a: [[[[1]]]]\n";
    EXPECT_NO_THROW(read_yaml(text, "t.yaml", YamlLimits{}));
    EXPECT_EQ(store_.size(), 1u);
    YamlLimits strict;
    strict.max_depth = 2;
    EXPECT_THROW(read_yaml(text, "t.yaml", strict), DiagnosticError)
        << "parsed under its own limits, and refused";
}

} // namespace
} // namespace formpdf::load
