#include "text/line_breaker.h"

#include "core/utf8.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace formpdf::text {
namespace {

// Widths in the tests count in "chars": a full-width character is 10 pt, an ASCII one 5 pt.
constexpr double char_pt = 10.0;

bool is_control(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

// A stand-in for the shaper, so that no font is needed: one glyph per code point, cluster = its
// byte offset, 5 pt for ASCII, 10 pt otherwise; controls (newline, tab) get no glyph, as in
// shape_text.
ShapedText fake_shape(std::string_view utf8) {
    ShapedText shaped;
    shaped.text = std::string(utf8);
    shaped.size_pt = 10;
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        const std::size_t start = pos;
        char32_t c = 0;
        decode_utf8(utf8, pos, c);
        if (is_control(c)) {
            continue;
        }
        ShapedGlyph glyph;
        glyph.gid = static_cast<std::uint32_t>(c);
        glyph.advance_pt = c < 0x80 ? char_pt / 2 : char_pt;
        glyph.cluster = static_cast<std::uint32_t>(start);
        shaped.glyphs.push_back(glyph);
    }
    return shaped;
}

std::string joined(const std::vector<TextLine>& lines) {
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        out += (i == 0 ? "" : "|") + lines[i].text;
    }
    return out;
}

std::string break_into(std::string_view text, double width_chars) {
    return joined(break_lines(fake_shape(text), width_chars * char_pt));
}

std::vector<char32_t> code_points(std::string_view text) {
    std::vector<char32_t> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        char32_t c = 0;
        decode_utf8(text, pos, c);
        out.push_back(c);
    }
    return out;
}

struct Row {
    const char* input;
    double width_chars;
    const char* expected; // lines joined with '|'
};

void expect_rows(const std::vector<Row>& rows) {
    for (const Row& row : rows) {
        EXPECT_EQ(break_into(row.input, row.width_chars), row.expected)
            << "input: " << row.input << "  width: " << row.width_chars;
    }
}

// The test's own statement of the CLREQ sets (independent of the implementation's table).
const std::u32string no_start_marks = U"，。、；：？！）》」』】〕〉”’%‰％·…,.;:?!)]}";
const std::u32string no_end_marks = U"（《「『【〔〈“‘([{";
const std::u32string comparison_signs = U"≥≤><=≠＞＜＝";

bool is_digit(char32_t c) {
    return c >= U'0' && c <= U'9';
}
bool is_han(char32_t c) {
    return c >= 0x4E00 && c <= 0x9FFF;
}

bool in(const std::u32string& set, char32_t c) {
    return set.find(c) != std::u32string::npos;
}

TEST(LineBreaker, ClosingMarksNeverStartALine) {
    // Without the rule "一二三" fills the 3-char line and the mark starts the next one.
    for (const char* mark : {"，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』", "】",
                             "〕", "〉", "”",  "’",  "%",  "‰",  "％", "·",  "…",  ",",  ".",  ";",
                             ":",  "?",  "!",  ")",  "]",  "}",  "〜", "～", "ー", "々", "〃"}) {
        const std::string input = std::string("一二三") + mark;
        EXPECT_EQ(break_into(input, 3), std::string("一二|三") + mark) << mark;
    }
}

TEST(LineBreaker, OpeningMarksNeverEndALine) {
    // Without the rule the line would be "一二X" (it fits) and the next "三".
    for (const char* mark : {"（", "《", "「", "『", "【", "〔", "〈", "“", "(", "[", "{"}) {
        const std::string input = std::string("一二") + mark + "三";
        EXPECT_EQ(break_into(input, 3), std::string("一二|") + mark + "三") << mark;
    }
    // Also across an ideographic space, which ICU allows to end a line after an opening mark.
    EXPECT_EQ(break_into("一（\u3000群众", 3), "一|（\u3000群|众");
    // ICU 72 keeps the ambiguous quote ‘ (class QU) with both neighbours: it cannot end a line
    // either, and moves down with the character before it.
    EXPECT_EQ(break_into("一二‘三", 3), "一|二‘三");
}

TEST(LineBreaker, ComparisonSignStaysWithItsNumber) {
    expect_rows({
        {"达到≥ 90%", 3, "达到|≥ 90%"},
        {"达到> 90%", 3, "达到|> 90%"},
        {"达到> 95%", 3, "达到|> 95%"},
        {"比例≤ 2%", 3, "比例|≤ 2%"},
        {"达到>= 90", 3, "达到|>= 90"},
        {"达到>=90", 3, "达到|>=90"},
        {"达到≥95%", 3, "达到|≥95%"},
        {"满意度≥ 90%", 5, "满意度|≥ 90%"},
        // Nothing to keep: a sign before a word may end a line like any character.
        {"甲=乙丙", 2, "甲=|乙丙"},
    });
}

TEST(LineBreaker, NumberStaysWithItsUnit) {
    expect_rows({
        {"发放人数≥10人", 6, "发放人数|≥10人"},
        {"完成率100%", 4, "完成率|100%"},
        {"资金1,866.00万元", 6, "资金|1,866.00万元"},
        {"完成2.0测评工作", 4, "完成|2.0测评|工作"},
        {"工作4小时", 4, "工作|4小时"},
        {"预算2亿元", 3, "预算|2亿元"},
        // Only the first character is glued unless it begins a longer unit: 10人|次 is fine.
        {"共10人次", 2, "共|10人|次"},
        {"2天或16小时", 3, "2天或|16小时"},
        {"温度37℃", 3, "温度|37℃"},
        // Decimals and thousands separators stay together (ICU).
        {"金额1,200.00元", 5, "金额|1,200.00元"},
    });
}

TEST(LineBreaker, DoubledMarksAreNeverSplit) {
    expect_rows({
        {"产出指标……完成", 5, "产出指|标……完成"},
        {"绩效目标——产出", 5, "绩效目标|——产出"},
    });
}

TEST(LineBreaker, LongCodeIsBrokenOnlyWhenItCannotFitALine) {
    expect_rows({
        {"440304221061500500012", 8, "4403042210615005|00012"},
        {"项目编码：440304221061500500012", 8, "项目编码：|4403042210615005|00012"},
        {"项目编码：440304221061500500012", 13, "项目编码：|440304221061500500012"},
        {"项目编码：440304221061500500012", 16, "项目编码：440304221061500500012"},
    });
}

TEST(LineBreaker, UrlBreaksAtItsOwnOpportunities) {
    expect_rows({
        {"见https://example.com/a/b", 30, "见https://example.com/a/b"},
        {"见https://example.com/a/b", 10, "见https://|example.com/a/b"},
        {"见https://example.com/path", 6, "见https://|example.com/|path"},
    });
}

TEST(LineBreaker, ExplicitNewlinesAndBlankLines) {
    expect_rows({
        {"一\n二", 10, "一|二"},
        {"一\r\n二", 10, "一|二"},
        {"一\n\n二", 10, "一||二"},
        {"一\n\n\n二", 10, "一|||二"},
        {"一二三四\n五", 2, "一二|三四|五"},
        // Trailing spaces before a newline are dropped, leading spaces after one are kept.
        {"一  \n  二", 10, "一|  二"},
    });
}

TEST(LineBreaker, TrailingNewlineAddsNoLineAndEmptyTextHasNoLines) {
    EXPECT_EQ(break_lines(fake_shape("一\n"), 50).size(), 1u);
    EXPECT_EQ(break_lines(fake_shape("一\n\n"), 50).size(), 2u);
    const std::vector<TextLine> newline_only = break_lines(fake_shape("\n"), 50);
    ASSERT_EQ(newline_only.size(), 1u);
    EXPECT_EQ(newline_only[0].text, "");
    EXPECT_TRUE(newline_only[0].glyphs.empty());
    EXPECT_EQ(newline_only[0].width_pt, 0);
    EXPECT_TRUE(break_lines(fake_shape(""), 50).empty());
}

TEST(LineBreaker, SpacesAtAWrapAreDropped) {
    expect_rows({
        {"ab cd ef", 2, "ab|cd|ef"},
        {"ab   cd", 2, "ab|cd"},
        {"ab cd", 10, "ab cd"},
        {"  ab", 10, "  ab"},
    });
    const std::vector<TextLine> lines = break_lines(fake_shape("ab cd"), 20);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].width_pt, 10); // the dropped space has no width
    EXPECT_EQ(lines[0].glyphs.size(), 2u);
}

TEST(LineBreaker, EmergencyBreaksOnlyWhenASegmentIsWiderThanALine) {
    expect_rows({
        // Every segment is wider than one char: the marks cannot be kept with their neighbours.
        {"（群众）", 1, "（|群|众|）"},
        {"（群众）", 2, "（群|众）"},
        // A segment that fits a line of its own moves there whole.
        {"一二345678", 4, "一二|345678"},
        // A glyph wider than the line gets a line of its own.
        {"一二", 0.5, "一|二"},
    });
}

TEST(LineBreaker, GlyphClustersAndGraphemesAreNeverSplit) {
    // "e" + combining acute: two glyphs here, one grapheme.
    EXPECT_EQ(break_into("e\u0301e\u0301e\u0301", 1), "e\u0301|e\u0301|e\u0301");
    // A ligature: one glyph for "ffi" (cluster 1), 10 pt.
    ShapedText shaped;
    shaped.text = "offices";
    const auto glyph = [](std::uint32_t cluster, double advance) {
        ShapedGlyph g;
        g.gid = 1;
        g.cluster = cluster;
        g.advance_pt = advance;
        return g;
    };
    shaped.glyphs = {glyph(0, 5), glyph(1, 10), glyph(4, 5), glyph(5, 5), glyph(6, 5)};
    const std::vector<TextLine> lines = break_lines(shaped, 12);
    EXPECT_EQ(joined(lines), "o|ffi|ce|s");
    ASSERT_EQ(lines.size(), 4u);
    ASSERT_EQ(lines[2].glyphs.size(), 2u);
    EXPECT_EQ(lines[2].glyphs[0].cluster, 0u); // rebased to the line's text
    EXPECT_EQ(lines[2].glyphs[1].cluster, 1u);
    EXPECT_EQ(lines[2].width_pt, 10);
}

TEST(LineBreaker, RealStringsFromTheSeedForms) {
    expect_rows({
        {"该指标主要考察疫情防控营造发放人数是否≥10人。", 8,
         "该指标主要考察疫|情防控营造发放人|数是否≥10人。"},
        {"该指标主要考察疫情防控营造发放人数是否≥10人。", 10,
         "该指标主要考察疫情防|控营造发放人数是否|≥10人。"},
        {"深圳市福田区政务服务数据管理局（本级）", 8, "深圳市福田区政务|服务数据管理局|（本级）"},
        {"深圳市政府办公厅<关于全面推进社会", 8, "深圳市政府办公厅|<关于全面推进社|会"},
        {"15 履职类项目", 3, "15 履|职类项|目"},
        {"项目总金额（中期规划，万元）：", 6, "项目总金额|（中期规划，|万元）："},
    });
}

TEST(LineBreaker, OpportunitiesOfAnExampleSentence) {
    const std::string text = "完成率≥ 95%；满意度（群众）\n达到“90%”。";
    std::vector<BreakOpportunity> opportunities = find_break_opportunities(text);
    std::string marked;
    std::size_t start = 0;
    for (const BreakOpportunity& o : opportunities) {
        marked += text.substr(start, o.offset - start) + (o.mandatory ? "!" : "|");
        start = o.offset;
    }
    EXPECT_EQ(marked, "完|成|率|≥ 95%；|满|意|度|（群|众）\n!达|到|“90%”。|");
    ASSERT_FALSE(find_break_opportunities("").empty());
    EXPECT_EQ(find_break_opportunities("").back().offset, 0u);
    // A text that ends with a newline: the end follows a newline, so it is mandatory.
    EXPECT_TRUE(find_break_opportunities("一\n").back().mandatory);
    EXPECT_FALSE(find_break_opportunities("一").back().mandatory);
}

TEST(LineBreaker, LinearInTextLength) {
    // 200,000 digits without an opportunity, and 100,000 Han characters: a quadratic pass would
    // not finish.
    const std::string digits(200000, '7');
    EXPECT_EQ(break_lines(fake_shape(digits), 80).size(), 200000u / 16);
    std::string han;
    for (int i = 0; i < 100000; ++i) {
        han += "国";
    }
    EXPECT_EQ(break_lines(fake_shape(han), 80).size(), 100000u / 8);
}

TEST(LineBreaker, ThreadsBreakConcurrentlyWithTheSameResults) {
    const std::string text =
        "该指标主要考察疫情防控营造发放人数是否≥10人。项目编码：440304221061500500012";
    const ShapedText shaped = fake_shape(text);
    const std::string expected = joined(break_lines(shaped, 70));
    std::vector<std::string> results(4);
    std::vector<std::thread> threads;
    for (std::string& result : results) {
        threads.emplace_back([&shaped, &result] {
            for (int i = 0; i < 200; ++i) {
                result = joined(break_lines(shaped, 70));
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    for (const std::string& result : results) {
        EXPECT_EQ(result, expected);
    }
}

// --- Invariants over every cell of the seed forms ------------------------------------------------

std::vector<std::string> seed_cells() {
    std::ifstream in(FORMPDF_SOURCE_DIR "/tests/data/seed/futian-l2-project-forms.txt",
                     std::ios::binary);
    EXPECT_TRUE(in) << "missing seed file";
    std::vector<std::string> cells;
    std::string row;
    while (std::getline(in, row)) {
        std::stringstream fields(row);
        std::string cell;
        while (std::getline(fields, cell, '\t')) {
            if (!cell.empty() && cell.back() == '\r') {
                cell.pop_back();
            }
            if (!cell.empty()) {
                cells.push_back(cell);
            }
        }
    }
    return cells;
}

bool is_gap(char c) {
    return c == ' ' || c == '\t';
}

// Finds each line in the input (lines are slices in order, separated by dropped spaces and at
// most one newline): returns the byte offset of each line, or fails.
std::vector<std::size_t> locate_lines(const std::string& input,
                                      const std::vector<TextLine>& lines) {
    std::vector<std::size_t> starts;
    std::size_t pos = 0;
    for (const TextLine& line : lines) {
        EXPECT_EQ(line.text.find('\n'), std::string::npos);
        bool found = false;
        bool newline_seen = false;
        for (std::size_t at = pos; at <= input.size(); ++at) {
            if (input.compare(at, line.text.size(), line.text) == 0) {
                starts.push_back(at);
                pos = at + line.text.size();
                found = true;
                break;
            }
            if (at == input.size() || (!is_gap(input[at]) && (input[at] != '\n' || newline_seen))) {
                break;
            }
            newline_seen = newline_seen || input[at] == '\n';
        }
        EXPECT_TRUE(found) << "line \"" << line.text << "\" is not the next slice of: " << input;
        if (!found) {
            return {};
        }
    }
    for (; pos < input.size(); ++pos) {
        EXPECT_TRUE(is_gap(input[pos]) || input[pos] == '\n') << "lost text at the end: " << input;
    }
    return starts;
}

std::u32string trimmed_end(const std::string& text) {
    std::vector<char32_t> cps = code_points(text);
    while (!cps.empty() && (cps.back() == U' ' || cps.back() == U'\t' || cps.back() == 0x3000)) {
        cps.pop_back();
    }
    return std::u32string(cps.begin(), cps.end());
}

TEST(LineBreaker, InvariantsOverEverySeedCell) {
    const std::vector<std::string> cells = seed_cells();
    ASSERT_GT(cells.size(), 1000u);
    for (const std::string& cell : cells) {
        const std::vector<BreakOpportunity> opportunities = find_break_opportunities(cell);
        const ShapedText shaped = fake_shape(cell);
        for (double width_chars : {5.0, 8.0, 13.0, 21.0}) {
            const double max_width = width_chars * char_pt;
            const std::vector<TextLine> lines = break_lines(shaped, max_width);
            const std::vector<std::size_t> starts = locate_lines(cell, lines);
            ASSERT_EQ(starts.size(), lines.size()) << cell;
            for (std::size_t i = 0; i < lines.size(); ++i) {
                const TextLine& line = lines[i];
                const std::string context = "cell: " + cell + "\nwidth " +
                                            std::to_string(width_chars) + ", line " +
                                            std::to_string(i) + ": " + line.text;
                double sum = 0;
                for (const ShapedGlyph& glyph : line.glyphs) {
                    sum += glyph.advance_pt;
                    EXPECT_LT(glyph.cluster, line.text.size()) << context;
                }
                EXPECT_DOUBLE_EQ(line.width_pt, sum) << context;
                EXPECT_LE(line.width_pt, max_width + 1e-9) << context;
                if (i + 1 == lines.size() || line.text.empty() || lines[i + 1].text.empty()) {
                    continue;
                }
                // A wrap between line i and i+1 (not at a newline: there is none in a cell).
                const std::size_t wrap = starts[i + 1];
                const bool at_opportunity =
                    std::any_of(opportunities.begin(), opportunities.end(),
                                [&](const BreakOpportunity& o) { return o.offset == wrap; });
                const std::u32string end = trimmed_end(line.text);
                const char32_t first = code_points(lines[i + 1].text).front();
                const bool breaks_rule =
                    in(no_start_marks, first) || (!end.empty() && in(no_end_marks, end.back())) ||
                    (!end.empty() && in(comparison_signs, end.back()) && is_digit(first)) ||
                    (!end.empty() && is_digit(end.back()) && (is_han(first) || first == U'%'));
                if (!breaks_rule) {
                    continue;
                }
                // Only a forced cut inside a segment wider than the line may break a rule.
                EXPECT_FALSE(at_opportunity) << context;
                const auto after =
                    std::upper_bound(opportunities.begin(), opportunities.end(), wrap,
                                     [](std::size_t offset, const BreakOpportunity& o) {
                                         return offset < o.offset;
                                     });
                ASSERT_NE(after, opportunities.end());
                const std::size_t segment_start =
                    after == opportunities.begin() ? 0 : std::prev(after)->offset;
                std::string segment_text =
                    cell.substr(segment_start, after->offset - segment_start);
                while (!segment_text.empty() && is_gap(segment_text.back())) {
                    segment_text.pop_back();
                }
                const ShapedText segment = fake_shape(segment_text);
                double segment_width = 0;
                for (const ShapedGlyph& glyph : segment.glyphs) {
                    segment_width += glyph.advance_pt;
                }
                EXPECT_GT(segment_width, max_width) << context;
            }
        }
    }
}

} // namespace
} // namespace formpdf::text

namespace formpdf::text {
namespace {

// Breaking a paragraph is linear in its length, also when nothing in it may break (every line is
// cut between characters) and when it is all Chinese (a break opportunity at every character).
TEST(LineBreakerScaling, FourTimesTheTextCostsAboutFourTimesTheWork) {
    for (const std::string piece :
         {"4", "本项目主要用于办公设备购置，", "formpdf lays out forms "}) {
        const auto steps = [&](int repeats) {
            std::string text;
            for (int i = 0; i < repeats; ++i) {
                text += piece;
            }
            const std::size_t before = line_breaker_steps();
            const std::vector<TextLine> lines = break_lines(fake_shape(text), 12 * char_pt);
            EXPECT_GT(lines.size(), static_cast<std::size_t>(repeats) / 50);
            return line_breaker_steps() - before;
        };
        const std::size_t small = steps(4000);
        const std::size_t large = steps(16000);
        EXPECT_GT(small, 100u) << piece;
        EXPECT_LE(large, small * 9 / 2) << piece << ": " << small << " then " << large;
    }
}

} // namespace
} // namespace formpdf::text
