#include "text/font_file_check.h"

#include "core/messages.h"

#include <cstdint>
#include <map>

namespace formpdf::text {
namespace {

struct Damage {
    std::string what;
};

// `size` bytes at `offset`, big-endian; `what` names them for the message when they are missing
// (an N_() marked phrase, or a table's tag, which stays as it is). In the file's header and
// directories (`data` is the whole file) or in one table.
std::uint32_t be(std::string_view data, std::uint64_t offset, int size, const char* what,
                 bool in_table = true) {
    if (offset > data.size() || data.size() - offset < static_cast<std::uint64_t>(size)) {
        throw Damage{in_table ? tr("{0} runs past the end of its table", {tr(what)})
                              : tr("{0} runs past the end of the file", {tr(what)})};
    }
    std::uint32_t value = 0;
    for (int i = 0; i < size; ++i) {
        value = (value << 8) | static_cast<unsigned char>(data[offset + i]);
    }
    return value;
}

std::string tag_name(std::uint32_t tag) {
    std::string name;
    for (int shift = 24; shift >= 0; shift -= 8) {
        const char c = static_cast<char>((tag >> shift) & 0xff);
        name += c >= 32 && c < 127 ? c : '?';
    }
    while (!name.empty() && name.back() == ' ') {
        name.pop_back();
    }
    return name;
}

constexpr std::uint32_t tag(const char (&name)[5]) {
    return (std::uint32_t(std::uint8_t(name[0])) << 24) |
           (std::uint32_t(std::uint8_t(name[1])) << 16) |
           (std::uint32_t(std::uint8_t(name[2])) << 8) | std::uint32_t(std::uint8_t(name[3]));
}

// The tables of one face: views into the file, each checked to lie inside it.
using Tables = std::map<std::uint32_t, std::string_view>;

std::uint64_t face_offset(std::string_view file, unsigned face_index) {
    if (be(file, 0, 4, N_("the file header"), false) != tag("ttcf")) {
        if (face_index != 0) {
            throw Damage{tr("it has one face, not a face {0}", {std::to_string(face_index)})};
        }
        return 0;
    }
    const std::uint32_t faces = be(file, 8, 4, N_("the collection header"), false);
    if (face_index >= faces) {
        throw Damage{tr("its collection header lists {0} faces, and face {1} is not one of them",
                        {std::to_string(faces), std::to_string(face_index)})};
    }
    return be(file, 12 + 4 * std::uint64_t{face_index}, 4, N_("the collection's face offsets"),
              false);
}

Tables read_directory(std::string_view file, std::uint64_t face) {
    const std::uint32_t version = be(file, face, 4, N_("the table directory"), false);
    if (version != 0x00010000 && version != tag("OTTO") && version != tag("true")) {
        throw Damage{tr("its table directory does not start with an OpenType or TrueType version")};
    }
    const std::uint32_t count = be(file, face + 4, 2, N_("the table directory"), false);
    if (count == 0) {
        throw Damage{tr("its table directory lists no tables")};
    }
    Tables tables;
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::uint64_t record = face + 12 + 16 * std::uint64_t{i};
        const std::uint32_t table = be(file, record, 4, N_("the table directory"), false);
        const std::uint64_t offset = be(file, record + 8, 4, N_("the table directory"), false);
        const std::uint64_t length = be(file, record + 12, 4, N_("the table directory"), false);
        if (offset > file.size() || file.size() - offset < length) {
            throw Damage{tr("its '{0}' table ({1} bytes at {2}) runs past the end of the "
                            "{3}-byte file",
                            {tag_name(table), std::to_string(length), std::to_string(offset),
                             std::to_string(file.size())})};
        }
        if (!tables.emplace(table, file.substr(offset, length)).second) {
            throw Damage{tr("its table directory lists the '{0}' table twice", {tag_name(table)})};
        }
    }
    return tables;
}

std::string_view required(const Tables& tables, std::uint32_t table, std::size_t min_length) {
    const auto found = tables.find(table);
    if (found == tables.end() || found->second.empty()) {
        throw Damage{tr("it has no '{0}' table, which every font needs", {tag_name(table)})};
    }
    if (found->second.size() < min_length) {
        throw Damage{tr("its '{0}' table is cut short ({1} bytes)",
                        {tag_name(table), std::to_string(found->second.size())})};
    }
    return found->second;
}

// Each subtable's length inside the table, and for the formats fonts map characters with (4 and
// 12) its arrays inside that length, as HarfBuzz requires before it uses a subtable: one it
// refuses is dropped without a word, and the characters it maps are then "in none of the fonts".
void check_cmap(std::string_view cmap) {
    const std::uint32_t count = be(cmap, 2, 2, N_("the cmap table's header"));
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::uint64_t offset =
            be(cmap, 4 + 8 * std::uint64_t{i} + 4, 4, N_("cmap's encodings"));
        const std::uint32_t format = be(cmap, offset, 2, N_("a cmap subtable"));
        const std::string number = std::to_string(i);
        const std::string format_text = std::to_string(format);
        std::uint64_t length = 0;
        if (format == 8 || format == 10 || format == 12 || format == 13) {
            length = be(cmap, offset + 4, 4, N_("a cmap subtable"));
        } else if (format == 14) {
            length = be(cmap, offset + 2, 4, N_("a cmap subtable"));
        } else if (format == 0 || format == 2 || format == 4 || format == 6) {
            length = be(cmap, offset + 2, 2, N_("a cmap subtable"));
        } else {
            throw Damage{tr("its cmap subtable {0} (format {1}) is of no known format",
                            {number, format_text})};
        }
        if (cmap.size() - offset < length) {
            throw Damage{tr("its cmap subtable {0} (format {1}) runs past the end of the cmap "
                            "table",
                            {number, format_text})};
        }
        std::uint64_t needed = 0;
        if (format == 4) {
            const std::uint64_t segments_x2 = be(cmap, offset + 6, 2, N_("a cmap subtable"));
            if (segments_x2 == 0 || segments_x2 % 2 != 0) {
                throw Damage{tr("its cmap subtable {0} (format {1}) gives {2} as twice its "
                                "number of segments",
                                {number, format_text, std::to_string(segments_x2)})};
            }
            needed = 16 + 4 * segments_x2;
        } else if (format == 12 || format == 13) {
            needed = 16 + 12 * std::uint64_t{be(cmap, offset + 12, 4, N_("a cmap subtable"))};
        }
        if (needed > length) {
            throw Damage{
                tr("its cmap subtable {0} (format {1}) is {2} bytes long, and its "
                   "arrays need {3}",
                   {number, format_text, std::to_string(length), std::to_string(needed)})};
        }
    }
}

void check_glyf(const Tables& tables, std::uint32_t glyphs, std::uint32_t loca_format) {
    const std::string_view loca = required(tables, tag("loca"), 0);
    const auto found = tables.find(tag("glyf"));
    const std::string_view glyf = found == tables.end() ? std::string_view() : found->second;
    const int entry = loca_format == 0 ? 2 : 4;
    if (loca.size() / entry < std::uint64_t{glyphs} + 1) {
        throw Damage{tr("its loca table has room for {0} glyphs, and maxp says {1}",
                        {std::to_string(loca.size() / entry > 0 ? loca.size() / entry - 1 : 0),
                         std::to_string(glyphs)})};
    }
    std::uint64_t previous = 0;
    for (std::uint32_t gid = 0; gid <= glyphs; ++gid) {
        const std::uint64_t offset = loca_format == 0
                                         ? 2 * std::uint64_t{be(loca, 2 * gid, 2, "loca")}
                                         : be(loca, 4 * std::uint64_t{gid}, 4, "loca");
        if (offset < previous || offset > glyf.size()) {
            throw Damage{tr("its loca table puts glyph {0} outside the glyf table or out of order",
                            {std::to_string(gid == 0 ? 0 : gid - 1)})};
        }
        previous = offset;
    }
}

void check_face(std::string_view file, unsigned face_index) {
    const Tables tables = read_directory(file, face_offset(file, face_index));

    const std::string_view head = required(tables, tag("head"), 54);
    if (be(head, 0, 2, "head") != 1) {
        throw Damage{tr("its head table has version {0} (1 exists)",
                        {std::to_string(be(head, 0, 2, "head"))})};
    }
    if (be(head, 12, 4, "head") != 0x5F0F3CF5) {
        throw Damage{tr("its head table lacks the magic number 0x5F0F3CF5")};
    }
    const std::uint32_t units_per_em = be(head, 18, 2, "head");
    if (units_per_em < 16 || units_per_em > 16384) {
        throw Damage{tr("its head table gives {0} units per em (16 to 16384 are valid)",
                        {std::to_string(units_per_em)})};
    }
    const std::string_view maxp = required(tables, tag("maxp"), 6);
    const std::uint32_t maxp_version = be(maxp, 0, 4, "maxp");
    if (maxp_version != 0x00005000 && !(maxp_version == 0x00010000 && maxp.size() >= 32)) {
        throw Damage{tr("its maxp table has an unknown version, or is cut short")};
    }
    const std::uint32_t glyphs = be(maxp, 4, 2, "maxp");
    if (glyphs == 0) {
        throw Damage{tr("its maxp table says it has no glyphs")};
    }
    const std::string_view hhea = required(tables, tag("hhea"), 36);
    if (be(hhea, 0, 2, "hhea") != 1) {
        throw Damage{tr("its hhea table has version {0} (1 exists)",
                        {std::to_string(be(hhea, 0, 2, "hhea"))})};
    }
    const std::uint32_t metrics = be(hhea, 34, 2, "hhea");
    if (metrics == 0) {
        throw Damage{tr("its hhea table gives no horizontal metrics")};
    }
    const std::uint64_t long_metrics = std::min(metrics, glyphs);
    const std::uint64_t hmtx_needed = 4 * long_metrics + 2 * (glyphs - long_metrics);
    const std::string_view hmtx = required(tables, tag("hmtx"), 0);
    if (hmtx.size() < hmtx_needed) {
        throw Damage{tr("its hmtx table holds {0} bytes, and {1} glyphs with {2} full metrics "
                        "need {3}",
                        {std::to_string(hmtx.size()), std::to_string(glyphs),
                         std::to_string(metrics), std::to_string(hmtx_needed)})};
    }
    check_cmap(required(tables, tag("cmap"), 4));

    if (tables.count(tag("CFF ")) != 0 && !tables.at(tag("CFF ")).empty()) {
        return; // the PDF stage checks the CFF table (cff_check.h)
    }
    if (tables.count(tag("glyf")) != 0 || tables.count(tag("loca")) != 0) {
        const std::uint32_t loca_format = be(head, 50, 2, "head");
        if (loca_format > 1) {
            throw Damage{tr("its head table gives loca format {0} (0 and 1 exist)",
                            {std::to_string(loca_format)})};
        }
        check_glyf(tables, glyphs, loca_format);
    }
}

} // namespace

std::optional<std::string> find_font_damage(std::string_view file, unsigned face_index) {
    try {
        check_face(file, face_index);
    } catch (const Damage& damage) {
        return damage.what;
    }
    return std::nullopt;
}

} // namespace formpdf::text
