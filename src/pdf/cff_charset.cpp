#include "pdf/cff_charset.h"

#include "pdf/cff_table.h"
#include "pdf/pdf_writer.h"

namespace formpdf::pdf {
namespace {

// `glyph_count` CIDs from the charset at `pos` (.notdef, CID 0, has no entry). Throws
// cff::Malformed past the table's end, PdfError on an unknown format.
std::vector<std::uint16_t> read_cids(std::string_view data, std::size_t pos,
                                     std::uint32_t glyph_count) {
    std::vector<std::uint16_t> cids;
    cids.reserve(glyph_count);
    cids.push_back(0);
    const std::uint32_t format = cff::read_be(data, pos++, 1);
    while (cids.size() < glyph_count) {
        if (format == 0) {
            cids.push_back(static_cast<std::uint16_t>(cff::read_be(data, pos, 2)));
            pos += 2;
        } else if (format == 1 || format == 2) {
            const std::uint32_t first = cff::read_be(data, pos, 2);
            const std::uint32_t left = cff::read_be(data, pos + 2, format == 1 ? 1 : 2);
            pos += format == 1 ? 3 : 4;
            for (std::uint32_t cid = first; cid <= first + left && cids.size() < glyph_count;
                 ++cid) {
                cids.push_back(static_cast<std::uint16_t>(cid));
            }
        } else {
            throw PdfError("malformed CFF table: unknown charset format " + std::to_string(format));
        }
    }
    return cids;
}

// The CIDs of a CID-keyed font, found through its Top DICT; empty for a name-keyed one.
std::vector<std::uint16_t> read_charset(std::string_view data) {
    const std::size_t header_size = cff::read_be(data, 2, 1);
    const cff::IndexView names = cff::read_index(data, header_size);
    const cff::IndexView top_dicts = cff::read_index(data, names.end);
    if (top_dicts.count == 0) {
        throw PdfError("malformed CFF table: empty Top DICT INDEX");
    }
    const std::vector<cff::DictEntry> top = cff::parse_dict(top_dicts.at(0));
    if (cff::find(top, cff::kOpRos) == nullptr) {
        return {};
    }
    const std::uint32_t glyph_count =
        cff::read_index(data, cff::table_offset(cff::last_value(top, cff::kOpCharStrings), data))
            .count;
    const long charset = cff::last_value(top, cff::kOpCharset);
    if (charset <= 2) {
        throw PdfError("malformed CFF table: a CID-keyed font without a custom charset");
    }
    return read_cids(data, cff::table_offset(charset, data), glyph_count);
}

} // namespace

std::optional<std::vector<std::uint16_t>> cff_glyph_cids(std::string_view data) {
    try {
        std::vector<std::uint16_t> cids = read_charset(data);
        if (cids.empty()) {
            return std::nullopt; // name-keyed
        }
        return cids;
    } catch (const cff::Malformed&) {
        throw PdfError("malformed CFF table: an offset or a length past its end");
    }
}

std::vector<std::uint16_t> cff_charset_cids(std::string_view data, std::size_t charset_offset,
                                            std::uint32_t glyph_count) {
    try {
        return read_cids(data, charset_offset, glyph_count);
    } catch (const cff::Malformed&) {
        throw PdfError("malformed CFF table: the charset runs past its end");
    }
}

} // namespace formpdf::pdf
