// The font scan reads each file's tables with pread (text/font_file_tables.h) instead of mapping
// it: what it learns of every face must be what the mapped face says.

#include "text/font_catalog.h"
#include "text/font_face.h"
#include "text/font_file_tables.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace formpdf::text {
namespace {

std::optional<FontFileTables> open_tables(const std::string& path) {
    std::string why_not;
    return FontFileTables::open(path, why_not);
}

namespace fs = std::filesystem;

std::vector<std::string> system_font_files() {
    std::vector<std::string> files;
    for (const fs::path& dir : system_font_dirs()) {
        std::error_code error;
        for (fs::recursive_directory_iterator it(dir, error), end; !error && it != end;
             it.increment(error)) {
            const std::string extension = ascii_lower(it->path().extension().string());
            if (it->is_regular_file() &&
                (extension == ".ttf" || extension == ".otf" || extension == ".ttc")) {
                files.push_back(it->path().string());
            }
        }
    }
    return files;
}

TEST(FontFileTables, EveryFaceSummaryMatchesTheMappedFile) {
    const std::vector<std::string> files = system_font_files();
    if (files.empty()) {
        GTEST_SKIP() << "no system fonts";
    }
    int faces = 0;
    for (const std::string& path : files) {
        SCOPED_TRACE(path);
        const std::optional<FontFileTables> read = open_tables(path);
        const HbBlob blob = map_font_file(path);
        ASSERT_TRUE(read.has_value());
        ASSERT_TRUE(blob);
        ASSERT_EQ(read->face_count(), hb_face_count(blob.get()));
        for (unsigned index = 0; index < read->face_count(); ++index) {
            const HbFace mapped(hb_face_create(blob.get(), index));
            const FaceSummary expected = summarize_face(mapped.get(), index);
            const HbFace on_demand = read->face(index);
            const FaceSummary got = summarize_face(
                on_demand.get(), index, [&](hb_tag_t tag) { return read->has_table(index, tag); });
            EXPECT_EQ(got.family_names, expected.family_names) << "face " << index;
            EXPECT_EQ(got.display_family, expected.display_family) << "face " << index;
            EXPECT_EQ(got.weight, expected.weight) << "face " << index;
            EXPECT_EQ(got.width_class, expected.width_class) << "face " << index;
            EXPECT_EQ(got.italic, expected.italic) << "face " << index;
            EXPECT_EQ(got.outlines, expected.outlines) << "face " << index;
            ++faces;
        }
    }
    EXPECT_GT(faces, 0);
}

TEST(FontFileTables, FilesThatAreNotFontsAreRefused) {
    const fs::path dir = fs::temp_directory_path() / "formpdf-font-file-tables-test";
    fs::create_directories(dir);
    const auto write = [&](const char* name, const std::string& bytes) {
        std::ofstream(dir / name, std::ios::binary) << bytes;
        return (dir / name).string();
    };
    EXPECT_FALSE(open_tables((dir / "missing.ttf").string()).has_value());
    EXPECT_FALSE(open_tables(write("empty.ttf", "")).has_value());
    EXPECT_FALSE(open_tables(write("short.ttf", "OTTO\0\x01")).has_value());
    // A collection that claims 1,000 faces but holds none of their offsets.
    EXPECT_FALSE(
        open_tables(write("ttc.ttc", std::string("ttcf\0\1\0\0\0\0\x03\xe8", 12))).has_value());
    // A face whose directory lists a table past the end of the file: the file opens, the table
    // reads as absent.
    std::string font("\0\1\0\0\0\1\0\0\0\0\0\0", 12);
    font += std::string("name\0\0\0\0\0\0\x10\0\0\0\x10\0", 16);
    const std::optional<FontFileTables> damaged = open_tables(write("damaged.ttf", font));
    ASSERT_TRUE(damaged.has_value());
    EXPECT_EQ(damaged->face_count(), 1u);
    const HbFace face = damaged->face(0);
    hb_blob_t* name = hb_face_reference_table(face.get(), HB_TAG('n', 'a', 'm', 'e'));
    EXPECT_EQ(hb_blob_get_length(name), 0u);
    hb_blob_destroy(name);
    fs::remove_all(dir);
}

} // namespace
} // namespace formpdf::text
