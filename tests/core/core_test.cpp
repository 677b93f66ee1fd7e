#include "core/diagnostic.h"
#include "core/file_io.h"
#include "core/number_format.h"
#include "core/utf8.h"

#include <gtest/gtest.h>

#include <clocale>
#include <filesystem>
#include <fstream>
#include <locale>
#include <unistd.h>

namespace formpdf {
namespace {

struct NumberCase {
    double value;
    int decimals;
    const char* expected;
};

class NumberFormatTest : public ::testing::TestWithParam<NumberCase> {};

TEST_P(NumberFormatTest, FormatsLocaleFree) {
    const NumberCase& c = GetParam();
    EXPECT_EQ(format_number(c.value, c.decimals), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, NumberFormatTest,
    ::testing::Values(NumberCase{0, 3, "0"}, NumberCase{-0.0, 3, "0"}, NumberCase{-0.0001, 3, "0"},
                      NumberCase{12.5, 3, "12.5"}, NumberCase{3.0, 3, "3"},
                      NumberCase{0.1234, 3, "0.123"}, NumberCase{0.1235, 2, "0.12"},
                      NumberCase{595.27559, 3, "595.276"}, NumberCase{-12.75, 1, "-12.8"},
                      NumberCase{1e9, 2, "1000000000"}, NumberCase{841.889764, 2, "841.89"},
                      NumberCase{10.5, 0, "11"}));

// A numpunct that writes 12,5: what a user locale such as de_DE does to iostreams.
struct CommaDecimal : std::numpunct<char> {
    char do_decimal_point() const override { return ','; }
    char do_thousands_sep() const override { return '.'; }
    std::string do_grouping() const override { return "\3"; }
};

TEST(NumberFormat, IgnoresTheProcessLocale) {
    const std::locale saved =
        std::locale::global(std::locale(std::locale::classic(), new CommaDecimal));
    const std::string cxx_locale = format_number(1234.5);
    std::locale::global(saved);
    EXPECT_EQ(cxx_locale, "1234.5");

    const char* old = std::setlocale(LC_ALL, nullptr);
    const std::string saved_c = old ? old : "C";
    if (std::setlocale(LC_ALL, "de_DE.UTF-8") || std::setlocale(LC_ALL, "fr_FR.UTF-8")) {
        EXPECT_EQ(format_number(12.5), "12.5");
        std::setlocale(LC_ALL, saved_c.c_str());
    }
}

TEST(Utf8, DecodesAndEncodesEveryLength) {
    const std::string text = "a\u00e9\u4e2d\U0001F600";
    std::size_t pos = 0;
    char32_t cp = 0;
    std::vector<char32_t> seen;
    while (pos < text.size()) {
        ASSERT_TRUE(decode_utf8(text, pos, cp));
        seen.push_back(cp);
    }
    EXPECT_EQ(seen, (std::vector<char32_t>{U'a', 0xE9, 0x4E2D, 0x1F600}));
    std::string round_trip;
    for (char32_t c : seen) {
        append_utf8(round_trip, c);
    }
    EXPECT_EQ(round_trip, text);
}

TEST(Utf8, RejectsGbkOverlongAndSurrogates) {
    std::size_t bad = 0;
    EXPECT_FALSE(is_valid_utf8("ok\xD6\xD0\xCE\xC4", &bad)); // 中文 in GBK
    EXPECT_EQ(bad, 2u);
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));     // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80")); // a UTF-16 surrogate
    EXPECT_FALSE(is_valid_utf8("\xE4\xB8"));     // truncated
    EXPECT_TRUE(is_valid_utf8("项目编码：440304221061500500012"));
}

TEST(Utf8, LabelsCodePoints) {
    EXPECT_EQ(code_point_label(0x4E2D), "U+4E2D '中'");
    EXPECT_EQ(code_point_label(0x1F600), "U+1F600 '\U0001F600'");
    EXPECT_EQ(code_point_label(0x7), "U+0007");
}

TEST(Utf8, QuotesExcerptsByCodePoints) {
    EXPECT_EQ(quote_excerpt("该指标主要考察疫情防控", 4), "'该指标主…'");
    EXPECT_EQ(quote_excerpt("≥ 90%", 5), "'≥ 90%'");
    EXPECT_EQ(quote_excerpt("", 3), "''");
}

TEST(Diagnostic, FormatsFileLineColAndHint) {
    const Diagnostic d =
        make_error({"a.yaml", 3, 7}, "unknown key 'margin'", "did you mean 'margins'?");
    EXPECT_EQ(format_diagnostic(d),
              "a.yaml:3:7: error: unknown key 'margin'\nhint: did you mean 'margins'?");
    EXPECT_EQ(format_diagnostic(make_warning({"b.yaml", 0, 0}, "empty")), "b.yaml: warning: empty");
    EXPECT_EQ(format_diagnostic(make_error({}, "no input")), "formpdf: error: no input");
}

TEST(Diagnostic, CountsBySeverity) {
    Diagnostics all;
    all.warning({}, "w");
    all.note({}, "n");
    EXPECT_FALSE(all.has_errors());
    all.error({}, "e");
    EXPECT_TRUE(all.has_errors());
    EXPECT_EQ(all.count(Severity::Warning), 1);
}

class FileIoTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("formpdf-core-test-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::filesystem::path dir_;
};

TEST_F(FileIoTest, AtomicWriteReplacesAndLeavesNoTemporaries) {
    const auto path = dir_ / "out.pdf";
    write_file_atomically(path, "first");
    write_file_atomically(path, "second");
    EXPECT_EQ(read_file(path, 100), "second");
    int entries = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir_)) {
        ++entries;
    }
    EXPECT_EQ(entries, 1);
}

TEST_F(FileIoTest, DeferredWritesAreWholeAtOnceAndFlushedTogether) {
    const auto path = dir_ / "form.pdf";
    write_file_atomically(path, "old", Durability::Deferred);
    write_file_atomically(path, "new", Durability::Deferred);
    EXPECT_EQ(read_file(path, 100), "new");
    EXPECT_NO_THROW(flush_file_system(dir_));
    int entries = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir_)) {
        ++entries;
    }
    EXPECT_EQ(entries, 1); // no temporaries left behind
    EXPECT_THROW(flush_file_system(dir_ / "missing-dir"), IoError);
}

TEST_F(FileIoTest, FailedWriteKeepsTheOldFile) {
    const auto path = dir_ / "missing-dir" / "out.pdf";
    EXPECT_THROW(write_file_atomically(path, "x"), IoError);
    EXPECT_FALSE(std::filesystem::exists(path));
}

TEST_F(FileIoTest, ReadRefusesOversizedFilesAndReportsMissingOnes) {
    const auto path = dir_ / "big.yaml";
    std::ofstream(path) << std::string(1000, 'x');
    EXPECT_THROW(read_file(path, 999), DiagnosticError);
    EXPECT_EQ(read_file(path, 1000).size(), 1000u);
    EXPECT_THROW(read_file(dir_ / "nope.yaml", 10), IoError);
    EXPECT_THROW(read_file(dir_, 10), IoError);
}

} // namespace
} // namespace formpdf
