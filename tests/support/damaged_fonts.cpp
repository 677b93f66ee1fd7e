#include "support/damaged_fonts.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

namespace formpdf::testing {

std::string read_binary(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_binary(const std::filesystem::path& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::uint32_t get_be(const std::string& bytes, std::size_t at, int size) {
    std::uint32_t value = 0;
    for (int i = 0; i < size; ++i) {
        value = (value << 8) | static_cast<unsigned char>(bytes.at(at + i));
    }
    return value;
}

void put_be(std::string& bytes, std::size_t at, std::uint32_t value, int size) {
    for (int i = 0; i < size; ++i) {
        bytes.at(at + i) = static_cast<char>(value >> (8 * (size - 1 - i)));
    }
}

TableRecord find_table(const std::string& font, std::string_view tag, unsigned face) {
    std::size_t directory = 0;
    if (font.compare(0, 4, "ttcf") == 0) {
        directory = get_be(font, 12 + 4 * std::size_t{face}, 4);
    }
    const std::uint32_t count = get_be(font, directory + 4, 2);
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::size_t record = directory + 12 + 16 * std::size_t{i};
        if (font.compare(record, 4, tag) == 0) {
            return {record, get_be(font, record + 8, 4), get_be(font, record + 12, 4)};
        }
    }
    ADD_FAILURE() << "no '" << tag << "' table in face " << face;
    return {};
}

} // namespace formpdf::testing
