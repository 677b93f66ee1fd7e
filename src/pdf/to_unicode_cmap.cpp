#include "pdf/to_unicode_cmap.h"

#include "core/utf8.h"

#include <algorithm>

namespace formpdf::pdf {
namespace {

constexpr char kHexDigits[] = "0123456789ABCDEF";

void append_hex16(std::string& out, std::uint32_t value) {
    out += kHexDigits[(value >> 12) & 0xf];
    out += kHexDigits[(value >> 8) & 0xf];
    out += kHexDigits[(value >> 4) & 0xf];
    out += kHexDigits[value & 0xf];
}

// bfchar blocks may hold at most 100 entries (PDF 32000-1 9.10.3 / Adobe TN #5411).
constexpr std::size_t kMaxEntriesPerBlock = 100;

} // namespace

std::vector<std::string_view> glyph_texts(std::string_view line_text,
                                          const std::vector<text::ShapedGlyph>& glyphs) {
    std::vector<std::string_view> texts(glyphs.size());
    // Clusters of a left-to-right run never decrease: then the nearest larger cluster is the next
    // different one, found in one pass instead of a search over the line per cluster.
    const bool increasing = std::is_sorted(
        glyphs.begin(), glyphs.end(), [](const text::ShapedGlyph& a, const text::ShapedGlyph& b) {
            return a.cluster < b.cluster;
        });
    for (std::size_t i = 0; i < glyphs.size(); ++i) {
        const std::uint32_t cluster = glyphs[i].cluster;
        const bool first_of_cluster = i == 0 || glyphs[i - 1].cluster != cluster;
        if (!first_of_cluster || cluster >= line_text.size()) {
            continue;
        }
        // The cluster ends where the nearest larger cluster begins.
        std::size_t end = line_text.size();
        if (increasing) {
            for (std::size_t j = i + 1; j < glyphs.size(); ++j) {
                if (glyphs[j].cluster != cluster) {
                    end = std::min<std::size_t>(end, glyphs[j].cluster);
                    break;
                }
            }
        } else {
            for (const text::ShapedGlyph& other : glyphs) {
                if (other.cluster > cluster && other.cluster < end) {
                    end = other.cluster;
                }
            }
        }
        texts[i] = line_text.substr(cluster, end - cluster);
    }
    return texts;
}

std::string utf16be_hex(std::string_view utf8) {
    std::string out;
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        char32_t cp = 0;
        if (!decode_utf8(utf8, pos, cp)) {
            cp = 0xFFFD;
        }
        if (cp >= 0x10000) {
            const char32_t v = cp - 0x10000;
            append_hex16(out, 0xD800 + (v >> 10));
            append_hex16(out, 0xDC00 + (v & 0x3FF));
        } else {
            append_hex16(out, cp);
        }
    }
    return out;
}

std::string to_unicode_cmap(const std::map<std::uint16_t, std::string>& code_texts) {
    std::string out = "/CIDInit /ProcSet findresource begin\n"
                      "12 dict begin\n"
                      "begincmap\n"
                      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                      "/CMapName /Adobe-Identity-UCS def\n"
                      "/CMapType 2 def\n"
                      "1 begincodespacerange\n"
                      "<0000> <FFFF>\n"
                      "endcodespacerange\n";
    std::vector<std::pair<std::uint16_t, const std::string*>> entries;
    for (const auto& [code, text] : code_texts) {
        if (!text.empty()) {
            entries.emplace_back(code, &text);
        }
    }
    for (std::size_t begin = 0; begin < entries.size(); begin += kMaxEntriesPerBlock) {
        const std::size_t end = std::min(entries.size(), begin + kMaxEntriesPerBlock);
        out += std::to_string(end - begin);
        out += " beginbfchar\n";
        for (std::size_t i = begin; i < end; ++i) {
            out += '<';
            append_hex16(out, entries[i].first);
            out += "> <";
            out += utf16be_hex(*entries[i].second);
            out += ">\n";
        }
        out += "endbfchar\n";
    }
    out += "endcmap\n"
           "CMapName currentdict /CMap defineresource pop\n"
           "end\n"
           "end\n";
    return out;
}

} // namespace formpdf::pdf
