#include "core/mapped_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace formpdf {
namespace {

namespace fs = std::filesystem;

class MappedFileTest : public ::testing::Test {
protected:
    void SetUp() override {
        path_ = fs::temp_directory_path() / ("formpdf-mapped-" + std::to_string(::getpid()));
        std::ofstream(path_, std::ios::binary) << "0123456789abcdef";
    }
    void TearDown() override { fs::remove(path_); }
    fs::path path_;
};

TEST_F(MappedFileTest, ReadAtCopiesTheBytesAskedForWhenTheDescriptorIsKept) {
    std::string why_not;
    const auto file = MappedFile::open(path_.string(), 1 << 20, why_not, true);
    ASSERT_NE(file, nullptr) << why_not;
    EXPECT_EQ(file->bytes(), "0123456789abcdef");
    std::string out;
    ASSERT_TRUE(file->read_at(10, 6, out));
    EXPECT_EQ(out, "abcdef");
    ASSERT_TRUE(file->read_at(0, 0, out));
    EXPECT_EQ(out, "");
    EXPECT_FALSE(file->read_at(10, 7, out)) << "past the end of the file as it was mapped";
    EXPECT_FALSE(file->read_at(17, 0, out));
}

TEST_F(MappedFileTest, ReadAtFailsWithoutTheDescriptorAndWhenTheFileShrank) {
    std::string why_not;
    const auto mapped_only = MappedFile::open(path_.string(), 1 << 20, why_not);
    ASSERT_NE(mapped_only, nullptr) << why_not;
    std::string out;
    EXPECT_FALSE(mapped_only->read_at(0, 4, out));

    const auto kept = MappedFile::open(path_.string(), 1 << 20, why_not, true);
    ASSERT_NE(kept, nullptr);
    fs::resize_file(path_, 8); // another program truncates the file meanwhile
    EXPECT_TRUE(kept->read_at(0, 8, out));
    EXPECT_EQ(out, "01234567");
    EXPECT_FALSE(kept->read_at(4, 8, out)) << "a short read is a failure, not a short result";
}

} // namespace
} // namespace formpdf
