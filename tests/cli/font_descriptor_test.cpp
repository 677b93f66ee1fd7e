// The FontDescriptor of every font in a rendered PDF says what FreeType reads of the font file
// (docs/fonts.md, "Font descriptor"): FontBBox, Ascent, Descent, CapHeight, ItalicAngle and the
// StemV rule. The test reads the fonts with FreeType itself, not with formpdf's text stage.

#include "support/command.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H

#include <cmath>
#include <map>
#include <string>
#include <vector>

namespace formpdf {
namespace {

using testing::run_command;
using testing::TempDir;
using testing::write_text;

// The files the layouts below name (scripts/install-deps).
const std::vector<std::string> kFontFiles = {
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
};

struct Descriptor {
    std::vector<long> bbox;
    long ascent = 0, descent = 0, cap_height = 0, italic_angle = 0, stem_v = 0;
    bool operator==(const Descriptor&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Descriptor& d) {
    out << "FontBBox [";
    for (const long value : d.bbox) {
        out << ' ' << value;
    }
    return out << " ] Ascent " << d.ascent << " Descent " << d.descent << " CapHeight "
               << d.cap_height << " ItalicAngle " << d.italic_angle << " StemV " << d.stem_v;
}

// What the descriptor of the face with this PostScript name must say, read with FreeType.
std::map<std::string, Descriptor> freetype_descriptors() {
    std::map<std::string, Descriptor> expected;
    FT_Library library = nullptr;
    EXPECT_EQ(FT_Init_FreeType(&library), 0);
    for (const std::string& path : kFontFiles) {
        for (FT_Long index = 0;; ++index) {
            FT_Face face = nullptr;
            if (FT_New_Face(library, path.c_str(), index, &face) != 0) {
                break;
            }
            const double scale = 1000.0 / face->units_per_EM;
            auto scaled = [scale](long units) { return std::lround(units * scale); };
            const auto* os2 = static_cast<const TT_OS2*>(FT_Get_Sfnt_Table(face, FT_SFNT_OS2));
            const auto* post =
                static_cast<const TT_Postscript*>(FT_Get_Sfnt_Table(face, FT_SFNT_POST));
            Descriptor d;
            d.bbox = {scaled(face->bbox.xMin), scaled(face->bbox.yMin), scaled(face->bbox.xMax),
                      scaled(face->bbox.yMax)};
            const bool typo = os2 != nullptr && (os2->sTypoAscender != 0 || os2->sTypoDescender);
            const long ascender = typo ? os2->sTypoAscender : face->ascender;
            d.ascent = scaled(ascender);
            d.descent = scaled(typo ? os2->sTypoDescender : face->descender);
            d.cap_height = scaled(os2 != nullptr && os2->version >= 2 && os2->sCapHeight > 0
                                      ? os2->sCapHeight
                                      : std::lround(ascender * 0.7));
            d.italic_angle = post != nullptr ? std::lround(post->italicAngle / 65536.0) : 0;
            // None of these fonts gives FreeType a StdVW: the weight-class rule.
            d.stem_v = os2 != nullptr && os2->usWeightClass >= 600 ? 120 : 80;
            if (const char* name = FT_Get_Postscript_Name(face)) {
                expected[name] = d;
            }
            const FT_Long faces = face->num_faces;
            FT_Done_Face(face);
            if (index + 1 >= faces) {
                break;
            }
        }
    }
    FT_Done_FreeType(library);
    return expected;
}

long number(const nlohmann::json& value) {
    return std::lround(value.get<double>());
}

// Every FontDescriptor of the PDF by its font's PostScript name (the subset tag taken off).
std::map<std::string, Descriptor> pdf_descriptors(const std::string& pdf) {
    const auto json = run_command({"qpdf", "--json=2", "--json-key=qpdf", pdf});
    EXPECT_EQ(json.exit_code, 0) << json.err;
    std::map<std::string, Descriptor> found;
    const nlohmann::json parsed = nlohmann::json::parse(json.out);
    for (const auto& [key, object] : parsed["qpdf"][1].items()) {
        const nlohmann::json& value = object.contains("value") ? object["value"] : object;
        if (!value.is_object() || value.value("/Type", "") != "/FontDescriptor") {
            continue;
        }
        std::string name = value["/FontName"].get<std::string>().substr(1);
        name = name.substr(name.find('+') + 1);
        Descriptor d;
        for (const auto& corner : value["/FontBBox"]) {
            d.bbox.push_back(number(corner));
        }
        d.ascent = number(value["/Ascent"]);
        d.descent = number(value["/Descent"]);
        d.cap_height = number(value["/CapHeight"]);
        d.italic_angle = number(value["/ItalicAngle"]);
        d.stem_v = number(value["/StemV"]);
        found[name] = d;
    }
    return found;
}

TEST(FontDescriptor, SaysWhatFreeTypeReadsOfEveryFontEmbedded) {
    TempDir dir;
    // CFF collections (regular and bold), a TrueType collection and a single TrueType file.
    write_text(dir / "fonts.yaml", "formpdf-layout: 1\n"
                                   "fonts:\n"
                                   "  body: {family: Noto Serif CJK SC}\n"
                                   "  heavy: {family: Noto Sans CJK SC, weight: bold}\n"
                                   "  micro: {family: WenQuanYi Micro Hei}\n"
                                   "  latin: {family: DejaVu Sans}\n"
                                   "styles:\n"
                                   "  micro: {font: micro}\n"
                                   "  latin: {font: latin}\n"
                                   "blocks:\n"
                                   "  - title: 项目支出绩效目标申报表\n"
                                   "  - paragraph: 项目名称：民意速办\n"
                                   "  - paragraph: 文泉驿微米黑\n"
                                   "    style: micro\n"
                                   "  - paragraph: DejaVu Sans\n"
                                   "    style: latin\n");
    const std::string pdf = (dir / "fonts.pdf").string();
    const auto result =
        run_command({testing::formpdf_binary(), "render", (dir / "fonts.yaml").string(), "-o", pdf},
                    {"SOURCE_DATE_EPOCH=1700000000"});
    ASSERT_EQ(result.exit_code, 0) << result.err;

    const std::map<std::string, Descriptor> expected = freetype_descriptors();
    const std::map<std::string, Descriptor> found = pdf_descriptors(pdf);
    std::vector<std::string> names;
    for (const auto& [name, descriptor] : found) {
        names.push_back(name);
        ASSERT_EQ(expected.count(name), 1u) << name;
        EXPECT_EQ(descriptor, expected.at(name)) << name;
    }
    EXPECT_EQ(names, (std::vector<std::string>{"DejaVuSans", "NotoSansCJKsc-Bold",
                                               "NotoSerifCJKsc-Regular", "WenQuanYiMicroHei"}));
    // The bold face's StemV is the heavier one of the rule.
    EXPECT_EQ(found.at("NotoSansCJKsc-Bold").stem_v, 120);
    EXPECT_EQ(found.at("NotoSerifCJKsc-Regular").stem_v, 80);
}

} // namespace
} // namespace formpdf
