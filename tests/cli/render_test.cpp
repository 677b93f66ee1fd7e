// End-to-end: the CLI renders layouts to PDF; the PDF tools check what a user relies on.

#include "load/layout_loader.h"
#include "support/command.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <regex>
#include <set>

namespace formpdf {
namespace {

using testing::read_text;
using testing::run_command;
using testing::TempDir;
using testing::without_whitespace;

const std::string kSourceDir = FORMPDF_SOURCE_DIR;
const std::string kEpoch = "SOURCE_DATE_EPOCH=1700000000";

std::string data(const std::string& name) {
    return kSourceDir + "/tests/data/render/" + name;
}

testing::CommandResult render(const std::string& input, const std::string& output,
                              std::vector<std::string> extra = {}) {
    std::vector<std::string> argv = {testing::formpdf_binary(), "render", input, "-o", output};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return run_command(argv, {kEpoch});
}

// Every text a layout's blocks hold, as a user would expect to find it in the PDF.
std::vector<std::string> block_texts(const std::string& layout) {
    std::vector<std::string> texts;
    for (const auto& block : load::load_layout_file(layout).blocks) {
        if (!block.text.empty()) {
            texts.push_back(block.text);
        }
    }
    return texts;
}

// pdffonts lines after its two header lines: "name type encoding emb sub uni object ID".
std::vector<std::string> font_rows(const std::string& pdf) {
    const auto fonts = run_command({"pdffonts", pdf});
    EXPECT_EQ(fonts.exit_code, 0) << fonts.err;
    std::vector<std::string> rows;
    std::istringstream lines(fonts.out);
    std::string line;
    int index = 0;
    while (std::getline(lines, line)) {
        if (index++ >= 2 && !line.empty()) {
            rows.push_back(line);
        }
    }
    return rows;
}

void expect_clean_pdf(const std::string& layout, const std::string& pdf_type) {
    TempDir dir;
    const std::string pdf = (dir / "out.pdf").string();
    const auto result = render(layout, pdf);
    ASSERT_EQ(result.exit_code, 0) << result.err;

    const auto rows = font_rows(pdf);
    ASSERT_FALSE(rows.empty());
    for (const std::string& row : rows) {
        EXPECT_NE(row.find(pdf_type), std::string::npos) << row;
        EXPECT_NE(row.find("Identity-H"), std::string::npos) << row;
        EXPECT_TRUE(std::regex_search(row, std::regex(R"(\byes\s+yes\s+yes\b)")))
            << "every font embedded, subset and with ToUnicode: " << row;
        EXPECT_TRUE(std::regex_search(row, std::regex(R"(^[A-Z]{6}\+)"))) << row;
    }

    const auto check = run_command({"qpdf", "--check", pdf});
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
    EXPECT_NE(check.out.find("No syntax or stream encoding errors"), std::string::npos)
        << check.out;

    const auto text = run_command({"pdftotext", "-enc", "UTF-8", pdf, "-"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    const std::string extracted = without_whitespace(text.out);
    for (const std::string& expected : block_texts(layout)) {
        EXPECT_NE(extracted.find(without_whitespace(expected)), std::string::npos)
            << "missing from the extracted text: " << expected;
    }

    const std::string pdf2 = (dir / "again.pdf").string();
    ASSERT_EQ(render(layout, pdf2).exit_code, 0);
    EXPECT_EQ(read_text(pdf), read_text(pdf2)) << "a second run must give the same bytes";
}

TEST(Render, CffFontsEmbeddedSubsetExtractableAndReproducible) {
    expect_clean_pdf(data("narrow-boxes.yaml"), "CID Type 0C");
}

// The names a PDF's CID-keyed CFF programs give themselves (their Name INDEX), read from the file
// with its streams decompressed: each program starts 01 00 04 04 and a one-entry Name INDEX.
std::set<std::string> cff_program_names(const std::string& qdf) {
    std::set<std::string> names;
    const std::string start("\x01\x00\x04\x04\x00\x01", 6);
    for (std::size_t at = qdf.find(start); at != std::string::npos; at = qdf.find(start, at + 1)) {
        const std::size_t offsize = static_cast<unsigned char>(qdf[at + 6]);
        if (offsize != 1 || at + 9 >= qdf.size()) {
            continue;
        }
        const std::size_t length = static_cast<unsigned char>(qdf[at + 8]) - 1;
        names.insert(qdf.substr(at + 9, length));
    }
    return names;
}

TEST(Render, ACffSubsetIsNamedAsItsBaseFontAndTheType0FontAfterItsCMap) {
    // The CFF program of a Noto CJK collection calls itself NotoSerifCJKjp-Regular whatever face
    // of the collection is used; a reader (or Ghostscript's pdfwrite) that takes that name would
    // name the SC face JP. ISO 32000-1 9.7.6.1: a Type 0 font's BaseFont ends in its CMap's name.
    TempDir dir;
    const std::string pdf = (dir / "out.pdf").string();
    ASSERT_EQ(render(data("narrow-boxes.yaml"), pdf).exit_code, 0);
    std::set<std::string> base_fonts;
    for (const std::string& row : font_rows(pdf)) {
        const std::string name = row.substr(0, row.find(' '));
        ASSERT_TRUE(name.ends_with("-Identity-H")) << row;
        base_fonts.insert(name.substr(0, name.size() - std::string("-Identity-H").size()));
    }
    const std::string qdf = (dir / "qdf.pdf").string();
    ASSERT_EQ(run_command({"qpdf", "--qdf", "--object-streams=disable", pdf, qdf}).exit_code, 0);
    EXPECT_EQ(cff_program_names(read_text(qdf)), base_fonts);
}

TEST(Render, TrueTypeFontsEmbeddedSubsetExtractableAndReproducible) {
    expect_clean_pdf(data("truetype.yaml"), "CID TrueType");
}

TEST(Render, DifferentDatesGiveDifferentIdsButSameContent) {
    TempDir dir;
    const std::string a = (dir / "a.pdf").string();
    const std::string b = (dir / "b.pdf").string();
    ASSERT_EQ(run_command({testing::formpdf_binary(), "render", data("truetype.yaml"), "-o", a},
                          {"SOURCE_DATE_EPOCH=1700000000"})
                  .exit_code,
              0);
    ASSERT_EQ(run_command({testing::formpdf_binary(), "render", data("truetype.yaml"), "-o", b},
                          {"SOURCE_DATE_EPOCH=1800000000"})
                  .exit_code,
              0);
    const std::string bytes_a = read_text(a);
    EXPECT_NE(bytes_a, read_text(b));
    EXPECT_NE(bytes_a.find("D:20231114221320"), std::string::npos) << "CreationDate from the epoch";
}

TEST(Render, InfoHasTitleProducerDateAndLanguage) {
    TempDir dir;
    const std::string pdf = (dir / "out.pdf").string();
    ASSERT_EQ(render(data("narrow-boxes.yaml"), pdf).exit_code, 0);
    const auto info = run_command({"pdfinfo", pdf});
    EXPECT_NE(info.out.find("窄栏断行测试"), std::string::npos) << info.out;
    EXPECT_TRUE(std::regex_search(info.out, std::regex(R"(Producer:\s+formpdf \d+\.\d+\.\d+)")))
        << info.out;
    EXPECT_NE(info.out.find("CreationDate:"), std::string::npos);
    const auto qdf = run_command({"qpdf", "--qdf", "--object-streams=disable", pdf, "-"});
    EXPECT_NE(qdf.out.find("/Lang (zh-CN)"), std::string::npos);
}

// The layout dump of real seed text in narrow boxes obeys the CLREQ rules and the box widths.
TEST(Render, LayoutDumpLinesObeyLineBreakingRulesAndFitTheirBoxes) {
    TempDir dir;
    const std::string pdf = (dir / "out.pdf").string();
    const std::string dump = (dir / "dump.json").string();
    const auto result = render(data("narrow-boxes.yaml"), pdf, {"--dump-layout", dump});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto json = nlohmann::json::parse(read_text(dump));
    EXPECT_EQ(json["units"], "pt");
    EXPECT_EQ(json["origin"], "bottom-left");

    const std::vector<std::string> no_start = {"，", "。", "、", "；", "：", "？", "！", "）",
                                               "》", "」", "』", "】", "”",  "’",  "%",  "‰",
                                               "…",  ",",  ".",  ";",  ":",  ")",  "?",  "!"};
    const std::vector<std::string> no_end = {"（", "《", "「", "『", "【", "“", "‘", "("};
    const std::vector<std::string> comparisons = {"≥", "≤", ">", "<", "=", ">="};
    const auto starts_with = [](const std::string& s, const std::string& p) {
        return s.compare(0, p.size(), p) == 0;
    };
    const auto ends_with = [](const std::string& s, const std::string& p) {
        return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
    };

    int lines = 0;
    std::string all_text;
    for (const auto& page : json["pages"]) {
        for (const auto& item : page["items"]) {
            if (item["type"] != "text") {
                continue;
            }
            ++lines;
            const std::string text = item["text"];
            all_text += text;
            const double x = item["x"], width = item["width"];
            const double box_x = item["box"]["x"], box_width = item["box"]["width"];
            EXPECT_LE(width, box_width + 0.01) << text;
            EXPECT_GE(x, box_x - 0.01) << text;
            EXPECT_LE(x + width, box_x + box_width + 0.02) << text;
            const double y = item["y"], box_y = item["box"]["y"], box_h = item["box"]["height"];
            EXPECT_GT(y, box_y) << text;
            EXPECT_LT(y, box_y + box_h) << text;
            for (const auto& mark : no_start) {
                EXPECT_FALSE(starts_with(text, mark))
                    << "line starts with " << mark << ": " << text;
            }
            for (const auto& mark : no_end) {
                EXPECT_FALSE(ends_with(text, mark)) << "line ends with " << mark << ": " << text;
            }
            for (const auto& sign : comparisons) {
                std::string trimmed = text;
                while (!trimmed.empty() && trimmed.back() == ' ') {
                    trimmed.pop_back();
                }
                EXPECT_FALSE(ends_with(trimmed, sign))
                    << "comparison sign cut from its number: " << text;
            }
        }
    }
    EXPECT_GT(lines, 20);
    // Narrow boxes force breaks, and yet nothing is lost.
    for (const std::string& expected : block_texts(data("narrow-boxes.yaml"))) {
        EXPECT_NE(without_whitespace(all_text).find(without_whitespace(expected)),
                  std::string::npos)
            << expected;
    }
}

TEST(Render, MissingGlyphIsAnErrorNamingTheCharacterAndLeavesNoFile) {
    TempDir dir;
    const std::string pdf = (dir / "out.pdf").string();
    const auto result = render(data("missing-glyph.yaml"), pdf);
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find("U+13000"), std::string::npos) << result.err;
    EXPECT_TRUE(std::regex_search(result.err, std::regex(R"(missing-glyph\.yaml:4:\d+: error: )")))
        << result.err;
    EXPECT_NE(result.err.find("hint: "), std::string::npos) << result.err;
    EXPECT_FALSE(std::filesystem::exists(pdf));
}

TEST(Render, BoldFromAFamilyWithoutBoldIsAWarningNotSilent) {
    TempDir dir;
    testing::write_text(dir / "layout.yaml",
                        "formpdf-layout: 1\n"
                        "fonts:\n"
                        "  heavy: {family: WenQuanYi Micro Hei, weight: bold}\n"
                        "blocks:\n"
                        "  - title: 标题\n");
    const std::string pdf = (dir / "out.pdf").string();
    const auto result = render((dir / "layout.yaml").string(), pdf);
    EXPECT_EQ(result.exit_code, 3) << "done, with warnings";
    EXPECT_TRUE(std::regex_search(
        result.err, std::regex(R"(layout\.yaml:3:3: warning: [^\n]*no face of weight 700)")))
        << result.err;
    EXPECT_TRUE(std::filesystem::exists(pdf)) << "a warning still writes the PDF";
}

TEST(Render, FailedRunNeverOverwritesAGoodFile) {
    TempDir dir;
    const std::string pdf = (dir / "out.pdf").string();
    testing::write_text(pdf, "a good PDF from yesterday");
    EXPECT_EQ(render(data("missing-glyph.yaml"), pdf).exit_code, 2);
    EXPECT_EQ(read_text(pdf), "a good PDF from yesterday");
    std::set<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        names.insert(entry.path().filename().string());
    }
    EXPECT_EQ(names, std::set<std::string>{"out.pdf"}) << "no temporary file left behind";
}

} // namespace
} // namespace formpdf
