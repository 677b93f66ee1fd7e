// Why a font file is skipped or refused, in Chinese under a zh_CN locale and in the same English as
// before under C.UTF-8 (docs/messages.md): FreeType's refusals and its own words, a collection's
// faces that cannot be opened or named, and the structure checks of a font chosen. The scan's
// cache on disk keeps the reasons in no language, so a run in one language never shows the words
// of an earlier run in the other (text/font_scan_cache.h).

#include "support/command.h"
#include "support/damaged_fonts.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace formpdf {
namespace {
namespace fs = std::filesystem;

using testing::find_table;
using testing::formpdf_binary;
using testing::put_be;
using testing::read_binary;
using testing::read_text;
using testing::run_command;
using testing::TempDir;
using testing::write_binary;
using testing::write_text;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// The language's environment, with the scan's cache in `cache` (a folder of the test's own).
std::vector<std::string> with_cache(const std::vector<std::string>& locale, const fs::path& cache) {
    std::vector<std::string> env = locale;
    env.push_back("XDG_CACHE_HOME=" + cache.string());
    env.push_back("SOURCE_DATE_EPOCH=1700000000");
    return env;
}

// Renders a layout in `dir` whose font is `family`, searching dir/fonts first.
testing::CommandResult render(const TempDir& dir, const std::string& family,
                              const std::vector<std::string>& env) {
    write_text(dir / "form.yaml", "formpdf-layout: 1\nfonts:\n  body: {family: " + family +
                                      "}\nblocks:\n  - paragraph: 项目 2026\n");
    return run_command({formpdf_binary(), "render", (dir / "form.yaml").string(), "-o",
                        (dir / "form.pdf").string(), "--font-dir", (dir / "fonts").string()},
                       env);
}

// DejaVu Sans with 0 units per em: FreeType refuses it ("broken table").
void write_unreadable_font(const fs::path& path) {
    std::string font = read_binary(testing::kDejaVuSansFile);
    put_be(font, find_table(font, "head").offset + 18, 0, 2);
    write_binary(path, font);
}

// A folder of files the scan skips, beside an intact DejaVu Sans: FreeType refuses one ("broken
// table"), cannot tell the format of another (a text file), opens neither face of a collection,
// and finds no name in one face of another.
void write_skipped_fonts(const fs::path& fonts) {
    fs::create_directories(fonts);
    fs::copy_file(testing::kDejaVuSansFile, fonts / "DejaVuSans.ttf");
    write_unreadable_font(fonts / "a-broken.ttf");
    std::string notes;
    for (int line = 0; line < 100; ++line) {
        notes += "not a font: notes saved under a font's name\n";
    }
    write_text(fonts / "b-notes.ttf", notes);
    std::string both = read_binary(testing::kWenQuanYiFile);
    for (unsigned face = 0; face < 2; ++face) {
        put_be(both, find_table(both, "head", face).offset + 18, 0, 2);
    }
    write_binary(fonts / "c-both-faces.ttc", both);
    std::string nameless = read_binary(testing::kWenQuanYiFile);
    nameless.replace(find_table(nameless, "name", 1).record, 4, "xxxx");
    write_binary(fonts / "d-nameless-face.ttc", nameless);
}

TEST(MessagesFonts, TheReasonsAFontFileIsSkipped) {
    TempDir dir;
    write_skipped_fonts(dir / "fonts");
    const std::string fonts = (dir / "fonts").string();
    const auto zh = render(dir, "DejaVu Sans", with_cache(testing::kChineseLocale, dir / "zh"));
    EXPECT_EQ(zh.exit_code, 0) << zh.err;
    EXPECT_TRUE(contains(zh.err, fonts + "/a-broken.ttf: 注: 跳过的字体文件：FreeType "
                                         "无法打开该文件（表已损坏）\n"))
        << zh.err;
    EXPECT_TRUE(contains(zh.err, fonts + "/b-notes.ttf: 注: 跳过的字体文件：FreeType "
                                         "无法打开该文件（未知的文件格式）\n"))
        << zh.err;
    EXPECT_TRUE(contains(zh.err, fonts + "/c-both-faces.ttc: 注: 跳过的字体文件：其中的 2 个字体 "
                                         "FreeType 都无法打开（表已损坏）\n"))
        << zh.err;
    EXPECT_TRUE(contains(zh.err, fonts + "/d-nameless-face.ttc: 注: 部分跳过的字体文件：其中的字体 "
                                         "1 没有可读取的字体族名称\n"))
        << zh.err;
    EXPECT_FALSE(contains(zh.err, "FreeType cannot")) << zh.err;

    const auto en = render(dir, "DejaVu Sans", with_cache(testing::kEnglishLocale, dir / "en"));
    EXPECT_EQ(en.exit_code, 0) << en.err;
    EXPECT_TRUE(contains(en.err, fonts + "/a-broken.ttf: note: font file skipped: FreeType cannot "
                                         "open it (broken table)\n"))
        << en.err;
    EXPECT_TRUE(contains(en.err, fonts + "/b-notes.ttf: note: font file skipped: FreeType cannot "
                                         "open it (unknown file format)\n"))
        << en.err;
    EXPECT_TRUE(contains(en.err, fonts + "/c-both-faces.ttc: note: font file skipped: FreeType "
                                         "cannot open any of its 2 faces (broken table)\n"))
        << en.err;
    EXPECT_TRUE(contains(en.err, fonts + "/d-nameless-face.ttc: note: font file skipped in part: "
                                         "its face 1 has no family name that can be read\n"))
        << en.err;
}

TEST(MessagesFonts, AFamilyNotFoundListsTheSkippedFilesInChinese) {
    TempDir dir;
    fs::create_directories(dir / "fonts");
    write_unreadable_font(dir / "fonts/broken.ttf");
    const auto zh =
        render(dir, "No Such Family", with_cache(testing::kChineseLocale, dir / "cache"));
    EXPECT_EQ(zh.exit_code, 2) << zh.err;
    EXPECT_TRUE(contains(zh.err, (dir / "fonts/broken.ttf").string() +
                                     "（FreeType 无法打开该文件（表已损坏））"))
        << zh.err;
}

TEST(MessagesFonts, ADamagedFontChosenForALayout) {
    TempDir dir;
    fs::create_directories(dir / "fonts");
    std::string font = read_binary(testing::kDejaVuSansFile);
    font.resize(font.size() - 100); // the last table now runs past the end
    write_binary(dir / "fonts/DejaVuSans.ttf", font);
    const auto zh = render(dir, "DejaVu Sans", with_cache(testing::kChineseLocale, dir / "cache"));
    EXPECT_EQ(zh.exit_code, 2) << zh.err;
    EXPECT_TRUE(
        contains(zh.err, (dir / "fonts/DejaVuSans.ttf").string() + ": 错误: 字体文件已损坏：其 '"))
        << zh.err;
    EXPECT_FALSE(contains(zh.err, "its '")) << zh.err;
}

// The cache on disk is written by the first run and read by the second, whichever language each
// speaks: each says the reasons in its own.
TEST(MessagesFonts, TheScanCacheCarriesNoLanguageFromOneRunToTheNext) {
    for (const bool chinese_first : {true, false}) {
        TempDir dir;
        fs::create_directories(dir / "fonts");
        fs::copy_file(testing::kDejaVuSansFile, dir / "fonts/DejaVuSans.ttf");
        write_unreadable_font(dir / "fonts/broken.ttf");
        const fs::path cache = dir / "cache";
        const auto zh_env = with_cache(testing::kChineseLocale, cache);
        const auto en_env = with_cache(testing::kEnglishLocale, cache);
        const auto first = render(dir, "DejaVu Sans", chinese_first ? zh_env : en_env);
        ASSERT_EQ(first.exit_code, 0) << first.err;
        const fs::path cache_file = cache / "formpdf/font-scan-v2";
        ASSERT_TRUE(fs::exists(cache_file));
        const std::string cached = read_text(cache_file);
        EXPECT_TRUE(contains(cached, "DejaVuSans.ttf")) << cached;
        EXPECT_FALSE(contains(cached, "FreeType")) << cached;
        EXPECT_FALSE(contains(cached, "broken table")) << cached;
        EXPECT_FALSE(contains(cached, "表已损坏")) << cached;

        const auto second = render(dir, "DejaVu Sans", chinese_first ? en_env : zh_env);
        ASSERT_EQ(second.exit_code, 0) << second.err;
        EXPECT_EQ(read_text(cache_file), cached); // the second run read it, and had nothing new
        const std::string zh = chinese_first ? first.err : second.err;
        const std::string en = chinese_first ? second.err : first.err;
        EXPECT_TRUE(contains(zh, "跳过的字体文件：FreeType 无法打开该文件（表已损坏）")) << zh;
        EXPECT_FALSE(contains(zh, "broken table")) << zh;
        EXPECT_TRUE(contains(en, "font file skipped: FreeType cannot open it (broken table)"))
            << en;
        EXPECT_FALSE(contains(en, "表已损坏")) << en;
    }
}

} // namespace
} // namespace formpdf
