// The parse cache (app/parse_cache.h): a batch printed again reads its YAML back instead of
// parsing it, and prints the same bytes; an edited file prints as edited; a damaged entry or a
// folder others may write into is never used; FORMPDF_CACHE=off leaves nothing behind.

#include "app/parse_cache.h"
#include "support/command.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace formpdf {
namespace {

namespace fs = std::filesystem;
using app::ParseCache;
using testing::read_text;
using testing::run_command;
using testing::TempDir;
using testing::write_text;

std::vector<fs::path> entries_in(const fs::path& dir) {
    std::vector<fs::path> entries;
    if (fs::exists(dir)) {
        for (const auto& entry : fs::directory_iterator(dir)) {
            entries.push_back(entry.path());
        }
    }
    return entries;
}

TEST(ParseCache, ItsFolderIsPrivateAndOneOthersMayWriteIntoIsNotUsed) {
    TempDir home;
    const auto cache = ParseCache::open(home / "yaml");
    ASSERT_NE(cache, nullptr);
    struct stat status {};
    ASSERT_EQ(::stat((home / "yaml").c_str(), &status), 0);
    EXPECT_EQ(status.st_mode & 0777, 0700u);

    fs::create_directory(home / "shared");
    fs::permissions(home / "shared", fs::perms::all);
    EXPECT_EQ(ParseCache::open(home / "shared"), nullptr) << "writable by others";
    fs::create_directory(home / "readable");
    fs::permissions(home / "readable",
                    fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                        fs::perms::others_read | fs::perms::others_exec,
                    fs::perm_options::replace);
    EXPECT_EQ(ParseCache::open(home / "readable"), nullptr) << "others could read the entries";
    fs::create_directory(home / "real");
    fs::permissions(home / "real", fs::perms::owner_all, fs::perm_options::replace);
    fs::create_directory_symlink(home / "real", home / "link");
    EXPECT_EQ(ParseCache::open(home / "link"), nullptr) << "a symbolic link";
}

TEST(ParseCache, AKeptTreeIsFoundOnlyForTheSameTextAndContextAndNeverWhenDamaged) {
    TempDir home;
    const auto cache = ParseCache::open(home / "yaml");
    ASSERT_NE(cache, nullptr);
    cache->keep("form: f\n", "limits 1", "the tree");
    EXPECT_EQ(cache->find("form: f\n", "limits 1"), std::optional<std::string>("the tree"));
    EXPECT_EQ(cache->find("form: g\n", "limits 1"), std::nullopt);
    EXPECT_EQ(cache->find("form: f\n", "limits 2"), std::nullopt);

    const std::vector<fs::path> entries = entries_in(home / "yaml");
    ASSERT_EQ(entries.size(), 1u);
    std::string bytes = read_text(entries[0]);
    bytes.back() ^= 1; // one bit of the tree changed on disk
    write_text(entries[0], bytes);
    EXPECT_EQ(cache->find("form: f\n", "limits 1"), std::nullopt);
    write_text(entries[0], bytes.substr(0, 10));
    EXPECT_EQ(cache->find("form: f\n", "limits 1"), std::nullopt);
}

TEST(ParseCache, TrimRemovesTheEntriesUsedLongestAgo) {
    TempDir home;
    const auto cache = ParseCache::open(home / "yaml");
    ASSERT_NE(cache, nullptr);
    // Eight entries, text i's made i+1 hours ago (text 7 the oldest)...
    const auto now = fs::file_time_type::clock::now();
    std::vector<fs::path> entry_of;
    for (int i = 0; i < 8; ++i) {
        const std::vector<fs::path> before = entries_in(home / "yaml");
        cache->keep("text " + std::to_string(i), "c", std::string(1000, 't'));
        for (const fs::path& entry : entries_in(home / "yaml")) {
            if (std::find(before.begin(), before.end(), entry) == before.end()) {
                entry_of.push_back(entry);
            }
        }
        ASSERT_EQ(entry_of.size(), static_cast<std::size_t>(i + 1));
        fs::last_write_time(entry_of.back(), now - std::chrono::hours(i + 1));
    }
    // ...and text 6 used again now.
    ASSERT_TRUE(cache->find("text 6", "c").has_value());
    const std::uintmax_t one = fs::file_size(entry_of[0]);
    cache->trim(6 * one); // over by two; down to 3/4 of six entries' worth: four are left
    std::vector<bool> left;
    for (const fs::path& entry : entry_of) {
        left.push_back(fs::exists(entry));
    }
    EXPECT_EQ(left, (std::vector<bool>{true, true, true, false, false, false, true, false}));
}

TEST(ParseCache, AProgramThatRunsForLongTrimsAsItKeeps) {
    TempDir home;
    const auto cache = ParseCache::open(home / "yaml", 64 * 1024); // at most 64 KiB
    ASSERT_NE(cache, nullptr);
    for (int i = 0; i < 300; ++i) {
        cache->keep("text " + std::to_string(i), "c", std::string(1000, 't'));
    }
    const std::size_t left = entries_in(home / "yaml").size();
    EXPECT_LT(left, 110u) << "trimmed to 48 KiB after the 256th, then 44 more";
    EXPECT_GT(left, 40u);
    EXPECT_TRUE(cache->find("text 299", "c").has_value()) << "the newest are kept";
}

// The CLI, with its cache in a folder of the test's own.
class ParseCacheCli : public ::testing::Test {
protected:
    void SetUp() override {
        const std::vector<fs::path> seeds = testing::seed_declaration_files();
        ASSERT_GE(seeds.size(), 3u);
        fs::create_directories(inputs_);
        for (int i = 0; i < 3; ++i) {
            fs::copy_file(seeds[static_cast<std::size_t>(i)], inputs_ / seeds[i].filename());
        }
    }
    testing::CommandResult batch(const fs::path& out, std::vector<std::string> env = {}) const {
        env.push_back("XDG_CACHE_HOME=" + (home_ / "cache").string());
        env.push_back("SOURCE_DATE_EPOCH=1700000000");
        return run_command({testing::formpdf_binary(), "batch", inputs_.string(), "-o",
                            out.string(), "--combined", "all.pdf", "-v"},
                           env);
    }
    fs::path cache_dir() const { return home_ / "cache" / "formpdf" / "yaml"; }
    TempDir home_;
    fs::path inputs_ = home_ / "inputs";
};

TEST_F(ParseCacheCli, ABatchPrintedAgainReadsItsYamlBackAndWritesTheSameBytes) {
    const testing::CommandResult first = batch(home_ / "out1");
    ASSERT_LE(first.exit_code, 3) << first.err;
    EXPECT_NE(first.err.find("0 YAML files read from the parse cache, 4 parsed and kept"),
              std::string::npos)
        << first.err; // three declarations and their layout
    EXPECT_EQ(entries_in(cache_dir()).size(), 4u);

    const testing::CommandResult second = batch(home_ / "out2");
    EXPECT_EQ(second.exit_code, first.exit_code);
    EXPECT_NE(second.err.find("4 YAML files read from the parse cache, 0 parsed and kept"),
              std::string::npos)
        << second.err;
    const testing::CommandResult off = batch(home_ / "out3", {"FORMPDF_CACHE=off"});
    EXPECT_NE(off.err.find("the parse cache is off"), std::string::npos) << off.err;
    for (const auto& entry : fs::directory_iterator(home_ / "out1")) {
        if (entry.path().extension() == ".pdf") {
            const std::string name = entry.path().filename().string();
            EXPECT_EQ(read_text(home_ / "out2" / name), read_text(entry.path())) << name;
            EXPECT_EQ(read_text(home_ / "out3" / name), read_text(entry.path())) << name;
        }
    }
    EXPECT_EQ(entries_in(cache_dir()).size(), 4u) << "FORMPDF_CACHE=off kept nothing";
}

TEST_F(ParseCacheCli, AnEditedDeclarationPrintsAsEdited) {
    ASSERT_LE(batch(home_ / "out1").exit_code, 3);
    const fs::path edited = *fs::directory_iterator(inputs_);
    std::string text = read_text(edited);
    const std::string::size_type name = text.find("project_name: ");
    ASSERT_NE(name, std::string::npos);
    text.insert(name + 14, "缓存测试");
    write_text(edited, text);
    const testing::CommandResult second = batch(home_ / "out2");
    ASSERT_LE(second.exit_code, 3) << second.err;
    EXPECT_NE(second.err.find("3 YAML files read from the parse cache, 1 parsed and kept"),
              std::string::npos)
        << second.err;
    const testing::CommandResult text_of =
        run_command({"pdftotext", "-enc", "UTF-8", (home_ / "out2" / "all.pdf").string(), "-"});
    EXPECT_NE(testing::without_whitespace(text_of.out).find("缓存测试"), std::string::npos);
}

TEST_F(ParseCacheCli, WhenOffNothingIsWrittenForIt) {
    const testing::CommandResult off = batch(home_ / "out", {"FORMPDF_CACHE=off"});
    ASSERT_LE(off.exit_code, 3) << off.err;
    EXPECT_FALSE(fs::exists(cache_dir()));
}

} // namespace
} // namespace formpdf
