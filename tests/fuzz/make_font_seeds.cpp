// Makes the seed corpus of the font fuzz target (tests/fuzz/font_corpus/) from the fonts the
// project uses: each subset with hb-subset to the few characters the target sets (so the corpus
// stays small), its outlines and subroutines kept as they are, plus a two-face collection (TTC)
// built from two of them.
//   build/make_font_seeds OUT_DIR
// Debian 12 has no hb-subset program (libharfbuzz-bin is not in bookworm's default install), so
// this uses the library, as the PDF stage does.

#include <hb-subset.h>
#include <hb.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace {

struct Seed {
    const char* file;
    unsigned face;
    const char* text;
    const char* name;
};

constexpr Seed kSeeds[] = {
    {"/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2, "项目编码，ABC 1",
     "noto-serif-sc.otf"},
    {"/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2, "申报表（）xyz 0",
     "noto-sans-sc-bold.otf"},
    {"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0, "项目编码《》A fi1", "wqy-microhei.ttf"},
    {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0, "ABCxyz fi 0123", "dejavu-sans.ttf"},
};

std::string subset(const Seed& seed) {
    hb_blob_t* blob = hb_blob_create_from_file_or_fail(seed.file);
    if (blob == nullptr) {
        return {};
    }
    hb_face_t* face = hb_face_create(blob, seed.face);
    hb_subset_input_t* input = hb_subset_input_create_or_fail();
    hb_set_t* unicodes = hb_subset_input_unicode_set(input);
    hb_buffer_t* buffer = hb_buffer_create();
    hb_buffer_add_utf8(buffer, seed.text, -1, 0, -1);
    unsigned count = 0;
    const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &count);
    for (unsigned i = 0; i < count; ++i) {
        hb_set_add(unicodes, infos[i].codepoint);
    }
    // Every name (the family names the scan reads are IDs 1 and 16), in every language.
    for (const hb_subset_sets_t which : {HB_SUBSET_SETS_NAME_ID, HB_SUBSET_SETS_NAME_LANG_ID}) {
        hb_set_t* set = hb_subset_input_set(input, which);
        hb_set_clear(set);
        hb_set_invert(set); // the empty set inverted: all
    }
    hb_face_t* result = hb_subset_or_fail(face, input);
    std::string bytes;
    if (result != nullptr) {
        hb_blob_t* out = hb_face_reference_blob(result);
        unsigned length = 0;
        const char* data = hb_blob_get_data(out, &length);
        bytes.assign(data, length);
        hb_blob_destroy(out);
        hb_face_destroy(result);
    }
    hb_buffer_destroy(buffer);
    hb_subset_input_destroy(input);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    return bytes;
}

std::uint32_t be32(const std::string& data, std::size_t at) {
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
        value = (value << 8) | static_cast<unsigned char>(data[at + i]);
    }
    return value;
}
void put32(std::string& data, std::size_t at, std::uint32_t value) {
    for (int i = 0; i < 4; ++i) {
        data[at + i] = static_cast<char>(value >> (24 - 8 * i));
    }
}

// A TTC of the given single-face fonts: a header, then each font with its table offsets moved.
std::string collection(const std::vector<std::string>& fonts) {
    std::string out("ttcf\0\1\0\0", 8);
    out.append(4, '\0');
    put32(out, 8, static_cast<std::uint32_t>(fonts.size()));
    const std::size_t offsets_at = out.size();
    out.append(4 * fonts.size(), '\0');
    for (std::size_t f = 0; f < fonts.size(); ++f) {
        while (out.size() % 4 != 0) {
            out.push_back('\0');
        }
        const std::size_t base = out.size();
        put32(out, offsets_at + 4 * f, static_cast<std::uint32_t>(base));
        std::string font = fonts[f];
        const unsigned tables =
            (static_cast<unsigned char>(font[4]) << 8) | static_cast<unsigned char>(font[5]);
        for (unsigned t = 0; t < tables; ++t) {
            const std::size_t record = 12 + 16 * t;
            put32(font, record + 8, static_cast<std::uint32_t>(be32(font, record + 8) + base));
        }
        out += font;
    }
    return out;
}

bool write(const std::string& dir, const std::string& name, const std::string& bytes) {
    std::ofstream out(dir + "/" + name, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    std::printf("%s: %zu bytes\n", name.c_str(), bytes.size());
    return static_cast<bool>(out);
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_font_seeds OUT_DIR\n");
        return 64;
    }
    std::vector<std::string> made;
    for (const Seed& seed : kSeeds) {
        const std::string bytes = subset(seed);
        if (bytes.empty() || !write(argv[1], seed.name, bytes)) {
            std::fprintf(stderr, "make_font_seeds: cannot subset %s\n", seed.file);
            return 1;
        }
        made.push_back(bytes);
    }
    // A collection of a CFF and a TrueType face, as a .ttc of Noto CJK and of WenQuanYi are.
    return write(argv[1], "collection.ttc", collection({made[0], made[2]})) ? 0 : 1;
}
