// terminal_safe(): text from files reaches the terminal only as visible characters.

#include "core/diagnostic.h"
#include "core/terminal_text.h"

#include <gtest/gtest.h>

namespace formpdf {
namespace {

TEST(TerminalSafe, KeepsPrintableTextAndChinese) {
    EXPECT_EQ(terminal_safe("审核通过 ok: 100% \\x1b"), "审核通过 ok: 100% \\x1b");
    EXPECT_EQ(terminal_safe(""), "");
}

TEST(TerminalSafe, EscapesC0ControlsAndDelAsBytes) {
    EXPECT_EQ(terminal_safe("a\nb\rc\td\x1b[32me\x7f"), "a\\x0ab\\x0dc\\x09d\\x1b[32me\\x7f");
    EXPECT_EQ(terminal_safe(std::string("a\0b", 3)), "a\\x00b");
}

TEST(TerminalSafe, EscapesC1SeparatorsAndBidiControlsAsCodePoints) {
    EXPECT_EQ(terminal_safe("\xC2\x9B"
                            "2J"),
              "\\u{009B}2J");                                                   // CSI
    EXPECT_EQ(terminal_safe("\xE2\x80\xA8\xE2\x80\xA9"), "\\u{2028}\\u{2029}"); // line, paragraph
    EXPECT_EQ(terminal_safe("\xE2\x80\xAE"
                            "FDP.exe"),
              "\\u{202E}FDP.exe"); // RLO
    EXPECT_EQ(terminal_safe("\xE2\x81\xA6\xE2\x81\xA9\xE2\x80\x8E\xE2\x80\x8F\xD8\x9C"),
              "\\u{2066}\\u{2069}\\u{200E}\\u{200F}\\u{061C}");
    EXPECT_EQ(terminal_safe("\xE2\x80\xAA\xE2\x80\xAC"), "\\u{202A}\\u{202C}");
}

TEST(TerminalSafe, EscapesBytesThatAreNotUtf8) {
    EXPECT_EQ(terminal_safe("a\x9b"
                            "b\xff"),
              "a\\x9bb\\xff");
    EXPECT_EQ(terminal_safe("\xE5\xAE"), "\\xe5\\xae"); // a cut-off 审
}

TEST(TerminalSafe, DiagnosticsQuoteInputValuesOnOneLine) {
    const Diagnostic diagnostic = make_error(SourceLoc{"in\x1b.yaml", 3, 5},
                                             "unknown value 'x\ny: error: forged'", "hint\x07");
    EXPECT_EQ(format_diagnostic(diagnostic),
              "in\\x1b.yaml:3:5: error: unknown value 'x\\x0ay: error: forged'\nhint: hint\\x07");
}

TEST(TerminalColumns, ChineseAndFullWidthTakeTwoColumnsEverythingElseOne) {
    EXPECT_EQ(terminal_columns(""), 0u);
    EXPECT_EQ(terminal_columns("--name VALUE"), 12u);
    EXPECT_EQ(terminal_columns("值"), 2u);
    EXPECT_EQ(terminal_columns("（必需）"), 8u) << "full-width brackets";
    EXPECT_EQ(terminal_columns("한글 かな"), 9u);
    EXPECT_EQ(terminal_columns("é"), 1u);
    EXPECT_EQ(terminal_columns("\xFF\xFE"
                               "ab"),
              4u)
        << "a byte that is not UTF-8 takes one";
    EXPECT_EQ(pad_to_columns("签名者:", 10), "签名者:   ");
    EXPECT_EQ(pad_to_columns("a long label", 4), "a long label ") << "at least one space";
}

} // namespace
} // namespace formpdf
