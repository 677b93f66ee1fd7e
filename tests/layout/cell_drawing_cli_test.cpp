// Drawing at the level of a cell, read back from the PDF that `formpdf render` writes: the text
// where pdftotext finds it, the rules as the page's content stream strokes them.

#include "support/command.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <sstream>

namespace formpdf::testing {
namespace {

const std::filesystem::path kSource = FORMPDF_SOURCE_DIR;

double mm_to_pt(double mm) {
    return mm * 72 / 25.4;
}

struct Word {
    std::string text;
    double x_min = 0, y_min = 0, x_max = 0, y_max = 0; // y grows downwards (pdftotext)
};

std::vector<Word> words(const std::filesystem::path& pdf) {
    const CommandResult result = run_command({"pdftotext", "-bbox", pdf.string(), "-"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    std::vector<Word> out;
    const std::regex word(
        R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re");
    for (auto it = std::sregex_iterator(result.out.begin(), result.out.end(), word);
         it != std::sregex_iterator(); ++it) {
        out.push_back(Word{(*it)[5], std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]),
                           std::stod((*it)[4])});
    }
    return out;
}

const Word* find(const std::vector<Word>& all, const std::string& text) {
    for (const Word& w : all) {
        if (w.text == text) {
            return &w;
        }
    }
    return nullptr;
}

struct Stroke {
    double width = 0;
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0; // PDF space: y grows upwards
};

// The lines the page's content stream strokes, with the line width in force.
std::vector<Stroke> strokes(const std::filesystem::path& pdf, const std::filesystem::path& dir) {
    const auto plain = dir / "plain.pdf";
    const CommandResult qdf =
        run_command({"qpdf", "--qdf", "--object-streams=disable", pdf.string(), plain.string()});
    EXPECT_EQ(qdf.exit_code, 0) << qdf.err;
    std::istringstream content(read_text(plain));
    std::vector<Stroke> out;
    double width = 1; // the PDF default
    const std::regex set_width(R"(^([\d.]+) w$)");
    const std::regex line(R"(^([\d.]+) ([\d.]+) m ([\d.]+) ([\d.]+) l$)");
    std::smatch m;
    for (std::string text; std::getline(content, text);) {
        if (std::regex_match(text, m, set_width)) {
            width = std::stod(m[1]);
        } else if (std::regex_match(text, m, line)) {
            out.push_back(
                Stroke{width, std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4])});
        }
    }
    return out;
}

TEST(CellDrawingPdf, VerticalTextTextsAndCellBordersAsPrinted) {
    TempDir dir;
    const auto pdf = dir / "cells.pdf";
    const CommandResult rendered = run_command(
        {formpdf_binary(), "render", (kSource / "tests/data/layouts/cell-drawing.yaml").string(),
         "-o", pdf.string()});
    ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
    const std::vector<Word> all = words(pdf);

    // 绩 效 指 标: one character a line, one above the other, an empty line between each two.
    const Word* first = find(all, "绩");
    const Word* second = find(all, "效");
    const Word* fourth = find(all, "标");
    ASSERT_TRUE(first && second && fourth);
    EXPECT_NEAR(first->x_min, second->x_min, 0.1);
    const double line = 10 * 1.5;
    EXPECT_NEAR(second->y_min - first->y_min, 2 * line, 0.1);
    EXPECT_NEAR(fourth->y_min - first->y_min, 6 * line, 0.1);

    // The approval cell: the opinion at its top left, （盖章） and the date at its bottom right.
    const Word* opinion = find(all, "同意申报。");
    const Word* seal = find(all, "（盖章）");
    const Word* day = find(all, "日");
    ASSERT_TRUE(opinion && seal && day);
    const double cell_left = mm_to_pt(10 + 10 + 30), cell_right = mm_to_pt(148 - 10);
    const double table_top = mm_to_pt(10);
    EXPECT_NEAR(opinion->x_min, cell_left + mm_to_pt(1), 0.5);
    EXPECT_LT(opinion->y_min, table_top + mm_to_pt(1) + line);
    EXPECT_NEAR(day->x_max, cell_right - mm_to_pt(1), 0.5);
    EXPECT_NEAR(seal->x_max, cell_right - mm_to_pt(1), 0.5);
    EXPECT_GT(day->y_min, seal->y_min + line - 0.5) << "the date under the seal";
    EXPECT_GT(seal->y_min, table_top + mm_to_pt(30) - 3 * line) << "both at the bottom";

    // Rules: none between 审核意见 and the approval cell; a 2pt rule under 备注 only.
    const double page_height = mm_to_pt(210);
    const std::vector<Stroke> drawn = strokes(pdf, dir.path());
    ASSERT_FALSE(drawn.empty());
    const double first_row_bottom = page_height - table_top - mm_to_pt(30);
    bool second_row_split = false;
    for (const Stroke& s : drawn) {
        const bool at_split =
            std::abs(s.x1 - cell_left) < 0.05 && std::abs(s.x2 - cell_left) < 0.05;
        if (at_split) {
            EXPECT_LE(std::max(s.y1, s.y2), first_row_bottom + 0.05)
                << "a rule beside 审核意见 from " << s.y1 << " to " << s.y2;
            second_row_split = second_row_split || std::min(s.y1, s.y2) < first_row_bottom - 1;
        }
    }
    EXPECT_TRUE(second_row_split) << "the rule between 备注 and 无 is drawn";
    bool thick = false;
    for (const Stroke& s : drawn) {
        if (s.width == 2) {
            thick = true;
            EXPECT_NEAR(s.x1, mm_to_pt(20), 0.05);
            EXPECT_NEAR(s.x2, cell_left, 0.05);
            EXPECT_NEAR(s.y1, s.y2, 0.001);
        }
    }
    EXPECT_TRUE(thick) << "the 2pt bottom rule of 备注";
}

} // namespace
} // namespace formpdf::testing
