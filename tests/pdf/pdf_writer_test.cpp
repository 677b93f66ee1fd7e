// Writes small hand-built documents and checks them with the real PDF tools (poppler, qpdf).

#include "core/diagnostic.h"
#include "pdf/cff_charset.h"
#include "pdf/font_subset.h"
#include "pdf/pdf_writer.h"

#include <gtest/gtest.h>
#include <hb-ot.h>
#include <hb.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>

namespace formpdf::pdf {
namespace {

namespace fs = std::filesystem;

const char* const kNotoSerifCjk = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";
const unsigned kNotoSerifCjkScFace = 2; // Noto Serif CJK SC (stack notes §1)
const char* const kWqyMicroHei = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

struct HbDeleter {
    void operator()(hb_blob_t* p) const { hb_blob_destroy(p); }
    void operator()(hb_face_t* p) const { hb_face_destroy(p); }
    void operator()(hb_font_t* p) const { hb_font_destroy(p); }
    void operator()(hb_buffer_t* p) const { hb_buffer_destroy(p); }
};

// A face opened in the test, standing in for the text stage: metrics and shaping.
class TestFont {
public:
    TestFont(const char* path, unsigned face_index, text::FontId id) : id_(id) {
        std::unique_ptr<hb_blob_t, HbDeleter> blob(hb_blob_create_from_file_or_fail(path));
        if (!blob) {
            return;
        }
        face_.reset(hb_face_create(blob.get(), face_index));
        font_.reset(hb_font_create(face_.get()));
        resource_.path = path;
        resource_.face_index = face_index;
        resource_.units_per_em = static_cast<int>(hb_face_get_upem(face_.get()));
        resource_.postscript_name = name(HB_OT_NAME_ID_POSTSCRIPT_NAME);
        resource_.family = name(HB_OT_NAME_ID_FONT_FAMILY);
        const std::unique_ptr<hb_blob_t, HbDeleter> cff(
            hb_face_reference_table(face_.get(), HB_TAG('C', 'F', 'F', ' ')));
        resource_.is_cff = cff.get() != hb_blob_get_empty();
        hb_position_t value = 0;
        hb_ot_metrics_get_position(font_.get(), HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &value);
        resource_.ascender = value;
        hb_ot_metrics_get_position(font_.get(), HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &value);
        resource_.descender = value;
        hb_ot_metrics_get_position(font_.get(), HB_OT_METRICS_TAG_CAP_HEIGHT, &value);
        resource_.cap_height = value;
        resource_.bbox_x_min = 0;
        resource_.bbox_y_min = resource_.descender;
        resource_.bbox_x_max = resource_.units_per_em;
        resource_.bbox_y_max = resource_.ascender;
    }

    bool ok() const { return font_ != nullptr; }
    const text::FontResource& resource() const { return resource_; }
    bool has(char32_t c) const {
        hb_codepoint_t gid = 0;
        return hb_font_get_nominal_glyph(font_.get(), c, &gid);
    }

    // Shapes `text` as Simplified Chinese; glyphs come out in drawing order with byte clusters.
    std::vector<text::ShapedGlyph> shape(const std::string& text, double size) const {
        std::unique_ptr<hb_buffer_t, HbDeleter> buffer(hb_buffer_create());
        hb_buffer_add_utf8(buffer.get(), text.data(), static_cast<int>(text.size()), 0, -1);
        hb_buffer_set_direction(buffer.get(), HB_DIRECTION_LTR);
        hb_buffer_set_script(buffer.get(), HB_SCRIPT_HAN);
        hb_buffer_set_language(buffer.get(), hb_language_from_string("zh-Hans", -1));
        hb_shape(font_.get(), buffer.get(), nullptr, 0);
        unsigned count = 0;
        const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer.get(), &count);
        const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer.get(), &count);
        std::vector<text::ShapedGlyph> glyphs;
        for (unsigned i = 0; i < count; ++i) {
            text::ShapedGlyph g;
            g.font = id_;
            g.gid = info[i].codepoint;
            g.cluster = info[i].cluster;
            g.advance_units = pos[i].x_advance;
            g.advance_pt = pos[i].x_advance * size / resource_.units_per_em;
            glyphs.push_back(g);
        }
        return glyphs;
    }

    hb_face_t* face() const { return face_.get(); }

private:
    std::string name(hb_ot_name_id_t id) const {
        char buf[256];
        unsigned size = sizeof buf;
        hb_ot_name_get_utf8(face_.get(), id, hb_language_from_string("en", -1), &size, buf);
        return std::string(buf, size);
    }

    text::FontId id_;
    std::unique_ptr<hb_face_t, HbDeleter> face_;
    std::unique_ptr<hb_font_t, HbDeleter> font_;
    text::FontResource resource_;
};

layout::TextItem text_item(const TestFont& font, const std::string& text, double x, double y,
                           double size = 12) {
    layout::TextItem item;
    item.baseline = Point{x, y};
    item.size = size;
    item.text = text;
    item.family = font.resource().family;
    item.glyphs = font.shape(text, size);
    for (const auto& g : item.glyphs) {
        item.width += g.advance_pt;
    }
    return item;
}

// Runs a command, returns its standard output.
std::string run(const std::string& command, int* status = nullptr) {
    std::string output;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) {
        return output;
    }
    char buf[4096];
    std::size_t n = 0;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) {
        output.append(buf, n);
    }
    const int rc = pclose(pipe);
    if (status != nullptr) {
        *status = rc;
    }
    return output;
}

bool have_tools() {
    int status = 0;
    run("for t in pdffonts qpdf pdftotext pdftoppm pdfinfo; do command -v $t || exit 1; done",
        &status);
    return status == 0;
}

std::string without_whitespace(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\f') {
            out += c;
        }
    }
    return out;
}

fs::path write_temp(const std::string& name, const std::string& bytes) {
    const fs::path dir = fs::path(FORMPDF_BINARY_DIR) / "test-output" / "pdf";
    fs::create_directories(dir);
    const fs::path path = dir / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

PdfOptions test_options() {
    PdfOptions options;
    options.creation_time = 1704067200; // 2024-01-01T00:00:00Z
    options.producer = "formpdf test";
    return options;
}

const std::string kPunctuation = "项目资金，完成率≥95%；满意度（群众）：“90%”。《预算法》";
// About a hundred distinct Han characters (GB2312 level 1, common in official forms).
const std::vector<std::string> kHanLines = {
    "中华人民共和国财政部预算绩效管理办法",   "单位名称负责人联系电话地址邮政编码",
    "项目支出绩效自评表年度总体目标完成情况", "产出指标数量质量时效成本效益社会经济",
    "生态环境可持续影响服务对象满意度分值得", "偏差原因分析改进措施说明备注审核意见签",
};

class PdfWriterTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (!noto.ok() || !wqy.ok()) {
            GTEST_SKIP() << "Noto Serif CJK or WenQuanYi Micro Hei not installed";
        }
    }

    // A4 page: a grey cell, a border line and the given lines of one font.
    layout::Document document_with(const TestFont& font, const std::vector<std::string>& lines) {
        layout::Document document;
        document.metadata.title = "绩效自评表";
        document.fonts = {noto.resource(), wqy.resource()};
        layout::Page page;
        page.width = 595.276;
        page.height = 841.89;
        page.items.push_back(layout::FilledRect{Rect{50, 700, 200, 30}, Color{0.85, 0.85, 0.85}});
        page.items.push_back(layout::StrokedLine{Point{50, 690}, Point{545.276, 690}, 0.5, {}});
        double y = 800;
        for (const std::string& line : lines) {
            page.items.push_back(text_item(font, line, 56.7, y));
            y -= 20;
        }
        document.pages.push_back(page);
        return document;
    }

    TestFont noto{kNotoSerifCjk, kNotoSerifCjkScFace, 0};
    TestFont wqy{kWqyMicroHei, 0, 1};
};

std::string joined(const std::vector<std::string>& lines) {
    std::string all;
    for (const auto& line : lines) {
        all += line;
    }
    return all;
}

void expect_valid_pdf(const fs::path& path) {
    int status = 0;
    const std::string check = run("qpdf --check '" + path.string() + "' 2>&1", &status);
    EXPECT_EQ(status, 0) << check;
    EXPECT_NE(check.find("No syntax or stream encoding errors found"), std::string::npos) << check;
}

#define SKIP_WITHOUT_PDF_TOOLS()                                                                   \
    if (!have_tools())                                                                             \
    GTEST_SKIP() << "poppler-utils or qpdf not installed"

// The pdffonts line of the one font whose name ends in "+<postscript name>".
std::string pdffonts_line(const fs::path& path, const std::string& postscript_name) {
    std::istringstream lines(run("pdffonts '" + path.string() + "'"));
    std::string line;
    while (std::getline(lines, line)) {
        const auto plus = line.find('+');
        if (plus == 6 && line.compare(7, postscript_name.size(), postscript_name) == 0) {
            return line;
        }
    }
    return "";
}

void expect_embedded_subset(const std::string& line, const std::string& type) {
    ASSERT_FALSE(line.empty());
    for (int i = 0; i < 6; ++i) {
        EXPECT_TRUE(line[i] >= 'A' && line[i] <= 'Z') << line;
    }
    EXPECT_NE(line.find(type), std::string::npos) << line;
    EXPECT_NE(line.find("Identity-H"), std::string::npos) << line;
    EXPECT_NE(line.find("yes yes yes"), std::string::npos) << line; // emb sub uni
}

TEST_F(PdfWriterTest, CffFontIsEmbeddedAsCidType0cSubsetWithExactText) {
    SKIP_WITHOUT_PDF_TOOLS();
    std::vector<std::string> lines = kHanLines;
    lines.push_back(kPunctuation);
    if (noto.has(U'\U00020BB7')) {
        lines.push_back("吉𠮷"); // non-BMP: surrogate pair in the ToUnicode CMap
    }
    const std::string pdf = write_pdf(document_with(noto, lines), test_options());
    const fs::path path = write_temp("cff.pdf", pdf);

    expect_valid_pdf(path);
    expect_embedded_subset(pdffonts_line(path, noto.resource().postscript_name), "CID Type 0C");
    EXPECT_EQ(without_whitespace(run("pdftotext -enc UTF-8 '" + path.string() + "' -")),
              joined(lines));
    EXPECT_LT(pdf.size(), 60u * 1024) << "a page of ~100 Han glyphs should stay small";
    int status = 0;
    run("pdftoppm -r 60 -png '" + path.string() + "' '" + (path.parent_path() / "cff").string() +
            "'",
        &status);
    EXPECT_EQ(status, 0);
}

TEST_F(PdfWriterTest, TrueTypeFontIsEmbeddedAsCidTrueTypeSubsetWithExactText) {
    SKIP_WITHOUT_PDF_TOOLS();
    std::vector<std::string> lines = kHanLines;
    lines.push_back(kPunctuation);
    lines.push_back("Form 2024 (A-1)");
    const std::string pdf = write_pdf(document_with(wqy, lines), test_options());
    const fs::path path = write_temp("truetype.pdf", pdf);

    expect_valid_pdf(path);
    expect_embedded_subset(pdffonts_line(path, wqy.resource().postscript_name), "CID TrueType");
    EXPECT_EQ(without_whitespace(run("pdftotext -enc UTF-8 '" + path.string() + "' -")),
              without_whitespace(joined(lines)));
    EXPECT_LT(pdf.size(), 200u * 1024);
    int status = 0;
    run("pdftoppm -r 60 -png '" + path.string() + "' '" +
            (path.parent_path() / "truetype").string() + "'",
        &status);
    EXPECT_EQ(status, 0);
}

TEST_F(PdfWriterTest, FallbackGlyphsSwitchFontsWithinALine) {
    SKIP_WITHOUT_PDF_TOOLS();
    layout::Document document = document_with(noto, {});
    // One line whose middle comes from the second font, as font fallback produces.
    layout::TextItem item = text_item(noto, "预算", 56.7, 600);
    layout::TextItem middle = text_item(wqy, "绩效", 0, 0);
    layout::TextItem tail = text_item(noto, "管理", 0, 0);
    const std::size_t head_bytes = item.text.size();
    for (auto g : middle.glyphs) {
        g.cluster += head_bytes;
        item.glyphs.push_back(g);
    }
    for (auto g : tail.glyphs) {
        g.cluster += head_bytes + middle.text.size();
        item.glyphs.push_back(g);
    }
    item.text += middle.text + tail.text;
    document.pages[0].items.push_back(item);

    const fs::path path = write_temp("fallback.pdf", write_pdf(document, test_options()));
    expect_valid_pdf(path);
    EXPECT_FALSE(pdffonts_line(path, noto.resource().postscript_name).empty());
    EXPECT_FALSE(pdffonts_line(path, wqy.resource().postscript_name).empty());
    EXPECT_EQ(without_whitespace(run("pdftotext -enc UTF-8 '" + path.string() + "' -")),
              "预算绩效管理");
    // The line is not broken apart: poppler sees the glyphs on one baseline, in order.
    EXPECT_EQ(run("pdftotext -enc UTF-8 -layout '" + path.string() + "' - | grep -c 预算绩效管理"),
              "1\n");
}

TEST_F(PdfWriterTest, ShapedAdvancesThatDifferFromTheFontArePlacedExactly) {
    SKIP_WITHOUT_PDF_TOOLS();
    // As letter-spacing or kerning would: every glyph advances 1.5 em instead of 1 em, which
    // the writer must express with TJ adjustments so poppler sees the glyphs where we put them.
    const double size = 20;
    layout::TextItem item = text_item(noto, "预算绩效", 100, 600, size);
    for (auto& g : item.glyphs) {
        g.advance_units += noto.resource().units_per_em / 2;
        g.advance_pt = g.advance_units * size / noto.resource().units_per_em;
    }
    layout::Document document = document_with(noto, {});
    document.pages[0].items.push_back(item);
    const fs::path path = write_temp("spaced.pdf", write_pdf(document, test_options()));
    expect_valid_pdf(path);

    // pdftotext -bbox lists each separated character as a word with its box.
    std::istringstream words(run("pdftotext -bbox '" + path.string() + "' - | grep '<word'"));
    std::string line;
    std::vector<double> x_min;
    while (std::getline(words, line)) {
        x_min.push_back(std::stod(line.substr(line.find("xMin=\"") + 6)));
    }
    ASSERT_EQ(x_min.size(), 4u);
    for (std::size_t i = 0; i < x_min.size(); ++i) {
        EXPECT_NEAR(x_min[i], 100 + i * 1.5 * size, 0.05) << "glyph " << i;
    }
}

TEST_F(PdfWriterTest, SameInputGivesIdenticalBytesAndContentDependentId) {
    const layout::Document document = document_with(noto, kHanLines);
    const std::string first = write_pdf(document, test_options());
    const std::string second = write_pdf(document, test_options());
    EXPECT_EQ(first, second);

    auto trailer_id = [](const std::string& pdf) {
        const auto pos = pdf.rfind("/ID");
        return pos == std::string::npos ? std::string() : pdf.substr(pos, 80);
    };
    const std::string other =
        write_pdf(document_with(noto, {kHanLines[0], kHanLines[1]}), test_options());
    ASSERT_FALSE(trailer_id(first).empty());
    EXPECT_NE(trailer_id(first), trailer_id(other));
}

TEST_F(PdfWriterTest, TheIdChangesWithTheTextAGlyphStandsFor) {
    // Same glyphs, same content stream, but a glyph extracts as another text (ToUnicode): a
    // different file, so a different /ID.
    layout::Document first = document_with(noto, {"中国"});
    layout::Document second = first;
    auto& line = std::get<layout::TextItem>(second.pages[0].items.back());
    line.text = "中國"; // the second glyph now stands for U+570B
    const std::string a = write_pdf(first, test_options());
    const std::string b = write_pdf(second, test_options());
    auto trailer_id = [](const std::string& pdf) {
        const auto pos = pdf.rfind("/ID");
        return pos == std::string::npos ? std::string() : pdf.substr(pos, 80);
    };
    ASSERT_FALSE(trailer_id(a).empty());
    EXPECT_NE(trailer_id(a), trailer_id(b));
}

TEST_F(PdfWriterTest, InfoCatalogAndOutlines) {
    SKIP_WITHOUT_PDF_TOOLS();
    layout::Document document = document_with(noto, {kHanLines[0]});
    document.pages.push_back(document.pages[0]);
    document.outlines = {layout::Outline{"第一页", 0, {layout::Outline{"目标", 0, {}}}},
                         layout::Outline{"第二页", 1, {}}};
    const std::string pdf = write_pdf(document, test_options());
    const fs::path path = write_temp("info.pdf", pdf);
    expect_valid_pdf(path);

    const std::string info = run("pdfinfo -isodates '" + path.string() + "'");
    EXPECT_NE(info.find("Title:           绩效自评表"), std::string::npos) << info;
    EXPECT_NE(info.find("Producer:        formpdf test"), std::string::npos) << info;
    EXPECT_NE(info.find("CreationDate:    2024-01-01T00:00:00"), std::string::npos) << info;
    EXPECT_NE(info.find("ModDate:         2024-01-01T00:00:00"), std::string::npos) << info;
    EXPECT_NE(pdf.find("(D:20240101000000+00'00')"), std::string::npos);
    EXPECT_EQ(pdf.find("PoDoFo"), std::string::npos)
        << "PoDoFo's default Producer must be replaced";
    EXPECT_NE(info.find("Pages:           2"), std::string::npos) << info;
    EXPECT_NE(info.find("Page size:       595.276 x 841.89 pts (A4)"), std::string::npos) << info;

    const std::string json = run("qpdf --json --json-key=outlines '" + path.string() + "'");
    EXPECT_NE(json.find("\"title\": \"第一页\""), std::string::npos) << json;
    EXPECT_NE(json.find("\"title\": \"目标\""), std::string::npos) << json;
    EXPECT_NE(json.find("\"title\": \"第二页\""), std::string::npos) << json;

    const std::string catalog = run("qpdf --show-object=trailer '" + path.string() +
                                    "' && qpdf --json --json-key=qpdf '" + path.string() +
                                    "' | grep -o '\"/Lang\": \"[^\"]*\"\\|\"/PageMode\": "
                                    "\"[^\"]*\"\\|\"/DisplayDocTitle\": [a-z]*'");
    EXPECT_NE(catalog.find("\"/Lang\": \"u:zh-CN\""), std::string::npos) << catalog;
    EXPECT_NE(catalog.find("\"/PageMode\": \"/UseOutlines\""), std::string::npos) << catalog;
    EXPECT_NE(catalog.find("\"/DisplayDocTitle\": true"), std::string::npos) << catalog;
}

TEST_F(PdfWriterTest, CffSubsetKeepsTheOriginalGlyphsAsCids) {
    // Why the content stream may use original gids as codes for Noto CJK: the subset renumbers
    // glyphs but its charset keeps each glyph's CID, and CID == original gid in this font.
    const auto glyphs = noto.shape("预算绩效", 12);
    std::set<std::uint32_t> gids;
    for (const auto& g : glyphs) {
        gids.insert(g.gid);
    }
    const FontSubset subset = subset_font(noto.face(), true, gids);
    const auto cids = cff_glyph_cids(subset.font_program);
    ASSERT_TRUE(cids.has_value());
    for (std::uint32_t gid : gids) {
        const std::uint32_t new_gid = subset.old_to_new.at(gid);
        EXPECT_LT(new_gid, gids.size() + 1);
        ASSERT_LT(new_gid, cids->size());
        EXPECT_EQ((*cids)[new_gid], gid);
    }
}

TEST(PdfWriter, UnreadableFontIsADiagnosticAtItsPath) {
    layout::Document document;
    text::FontResource missing;
    missing.path = "/nonexistent/font.otf";
    document.fonts = {missing};
    layout::Page page;
    page.width = 100;
    page.height = 100;
    layout::TextItem item;
    item.text = "中";
    item.glyphs = {text::ShapedGlyph{0, 5, 1000, 0, 10}};
    page.items.push_back(item);
    document.pages.push_back(page);
    try {
        write_pdf(document, PdfOptions{});
        ADD_FAILURE() << "no error";
    } catch (const DiagnosticError& error) {
        EXPECT_EQ(error.diagnostic().loc.file, "/nonexistent/font.otf");
        EXPECT_EQ(error.diagnostic().message,
                  "cannot read font file: it cannot be opened: No such file or directory");
    }
}

} // namespace
} // namespace formpdf::pdf
