#pragma once

// Damaged copies of real fonts, made at test time from the installed fonts (so the repository holds
// no font files): the table directory of a font file or collection, found and edited in place.
// The classes of damage come from scripts/font-mutation-run and the font fuzz target.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace formpdf::testing {

// The fonts the tests damage (installed by scripts/install-deps).
constexpr const char* kDejaVuSansFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kNotoSansBoldFile = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
constexpr const char* kWenQuanYiFile = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

std::string read_binary(const std::filesystem::path& path);
void write_binary(const std::filesystem::path& path, std::string_view bytes);

// One table of face `face` of a font file or collection: where its directory record is, and where
// the table is. Fails the calling test (and returns a record of zeros) when the face lacks it.
struct TableRecord {
    std::size_t record = 0; // the directory entry: tag, checksum, offset, length
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
};
TableRecord find_table(const std::string& font, std::string_view tag, unsigned face = 0);

std::uint32_t get_be(const std::string& bytes, std::size_t at, int size);
void put_be(std::string& bytes, std::size_t at, std::uint32_t value, int size);

} // namespace formpdf::testing
