// End-to-end: damaged fonts on the font path (docs/fonts.md, "Damaged fonts"). A damaged font
// that a layout's family resolves to is refused with its path (exit 2, nothing written); one the
// scan cannot read is skipped with a warning when the family then comes from elsewhere (exit 3);
// a font folder with a link to / and a FIFO renders at once. The fonts are damaged copies of the
// installed ones, made at test time (support/damaged_fonts.h).

#include "support/command.h"
#include "support/damaged_fonts.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>

namespace formpdf {
namespace {
namespace fs = std::filesystem;
using testing::find_table;
using testing::get_be;
using testing::put_be;
using testing::read_binary;
using testing::run_command;
using testing::TempDir;
using testing::write_binary;
using testing::write_text;

constexpr const char* kEpoch = "SOURCE_DATE_EPOCH=1700000000";

// A layout whose two font slots name one face: `family` at `weight` (regular, bold).
std::string layout_in(const std::string& family, const std::string& weight,
                      const std::string& text) {
    const std::string font = "{family: " + family + ", weight: " + weight + "}";
    return "formpdf-layout: 1\nfonts:\n  body: " + font + "\n  heavy: " + font +
           "\nblocks:\n  - title: " + text + "\n  - paragraph: " + text + "\n";
}

testing::CommandResult render(const TempDir& dir, const std::string& layout,
                              const fs::path& font_dir) {
    write_text(dir / "form.yaml", layout);
    return run_command({testing::formpdf_binary(), "render", (dir / "form.yaml").string(), "-o",
                        (dir / "form.pdf").string(), "--font-dir", font_dir.string()},
                       {kEpoch});
}

TEST(DamagedFontCli, ATrueTypeFontCutShortIsRefusedWithItsPath) {
    TempDir dir;
    fs::create_directory(dir / "fonts");
    std::string font = read_binary(testing::kDejaVuSansFile);
    font.resize(font.size() - 100); // the last table now runs past the end
    write_binary(dir / "fonts/DejaVuSans.ttf", font);
    const auto result =
        render(dir, layout_in("DejaVu Sans", "regular", "Project 2026"), dir / "fonts");
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_EQ(result.err.rfind(
                  (dir / "fonts/DejaVuSans.ttf").string() + ": error: damaged font file: its '", 0),
              0u)
        << result.err;
    EXPECT_NE(result.err.find("\nhint: it was chosen for font family \"DejaVu Sans\""),
              std::string::npos)
        << result.err;
    EXPECT_FALSE(fs::exists(dir / "form.pdf"));
}

TEST(DamagedFontCli, ACffCollectionWhoseGlyphCountsDisagreeIsRefusedWithItsPath) {
    // maxp of the SC face says one glyph fewer than its CFF table has: hb-subset used to leave
    // glyphs out of the subset for this ("internal error: glyph ... is missing from the subset").
    TempDir dir;
    fs::create_directory(dir / "fonts");
    std::string font = read_binary(testing::kNotoSansBoldFile);
    const auto maxp = find_table(font, "maxp", 2);
    put_be(font, maxp.offset + 4, get_be(font, maxp.offset + 4, 2) - 1, 2);
    const fs::path damaged = dir / "fonts/NotoSansCJK-Bold.ttc";
    write_binary(damaged, font);
    const auto result =
        render(dir, layout_in("Noto Sans CJK SC", "bold", "项目 2026"), dir / "fonts");
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_EQ(result.err.rfind(damaged.string() + ": error: damaged font file: its CFF table has "
                                                  "65535 glyphs, and its maxp table says 65534\n",
                               0),
              0u)
        << result.err;
    EXPECT_NE(result.err.find("hint: replace it with an intact copy"), std::string::npos);
    EXPECT_FALSE(fs::exists(dir / "form.pdf"));
}

TEST(DamagedFontCli, ABatchReadingItsFontsAheadStillRefusesADamagedCffWithItsPath) {
    // With two jobs the batch checks the fonts on a thread of its own while the files are read
    // (pdf::read_fonts_ahead, which keeps quiet); the damage is reported when the combined file
    // is opened, as before, and nothing is printed.
    TempDir dir;
    fs::create_directories(dir / "fonts");
    fs::create_directories(dir / "in");
    std::string font = read_binary(testing::kNotoSansBoldFile);
    const auto maxp = find_table(font, "maxp", 2);
    put_be(font, maxp.offset + 4, get_be(font, maxp.offset + 4, 2) - 1, 2);
    const fs::path damaged = dir / "fonts/NotoSansCJK-Bold.ttc";
    write_binary(damaged, font);
    write_text(dir / "layout.yaml", layout_in("Noto Sans CJK SC", "bold", "项目 2026"));
    for (const char* code : {"1", "2", "3"}) {
        write_text(dir / "in" / (std::string(code) + ".yaml"),
                   std::string("form: custom\nfields:\n  project_code: '") + code +
                       "'\n  project_name: 项目\n");
    }
    const auto result = run_command({testing::formpdf_binary(), "batch", (dir / "in").string(),
                                     "-o", (dir / "out").string(), "--combined", "all.pdf",
                                     "--layout", (dir / "layout.yaml").string(), "--font-dir",
                                     (dir / "fonts").string(), "-j", "2"},
                                    {kEpoch});
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_NE(result.err.find(damaged.string() + ": error: damaged font file: its CFF table has "
                                                 "65535 glyphs, and its maxp table says 65534\n"),
              std::string::npos)
        << result.err;
    EXPECT_FALSE(fs::exists(dir / "out/all.pdf"));
}

TEST(DamagedFontCli, AFileTheScanCannotReadIsAWarningWhenTheFamilyComesFromElsewhere) {
    TempDir dir;
    fs::create_directory(dir / "fonts");
    std::string font = read_binary(testing::kDejaVuSansFile);
    // 0 units per em: FreeType cannot open it, so the scan cannot tell its family.
    put_be(font, find_table(font, "head").offset + 18, 0, 2);
    write_binary(dir / "fonts/DejaVuSans.ttf", font);
    const auto result =
        render(dir, layout_in("DejaVu Sans", "regular", "Project 2026"), dir / "fonts");
    EXPECT_EQ(result.exit_code, 3) << result.err;
    EXPECT_EQ(result.err.rfind((dir / "fonts/DejaVuSans.ttf").string() +
                                   ": warning: font file skipped: FreeType cannot open it "
                                   "(broken table)\nhint: font family \"DejaVu Sans\"",
                               0),
              0u)
        << result.err;
    EXPECT_TRUE(fs::exists(dir / "form.pdf"));
}

TEST(DamagedFontCli, AFontFolderWithALinkToRootAndAFifoRendersAtOnce) {
    // The layout's own folder and its fonts/ are searched: both get a link to / (whose walk would
    // read /proc and /sys) and a FIFO named like a font (whose open would wait for a writer).
    TempDir dir;
    fs::create_directory(dir / "fonts");
    for (const fs::path& folder : {dir.path(), dir / "fonts"}) {
        fs::create_directory_symlink("/", folder / "root");
        ASSERT_EQ(::mkfifo((folder / "pipe.ttf").c_str(), 0600), 0);
    }
    fs::copy_file(testing::kDejaVuSansFile, dir / "fonts/DejaVuSans.ttf");
    const auto start = std::chrono::steady_clock::now();
    const auto result =
        render(dir, layout_in("DejaVu Sans", "regular", "Project 2026"), dir / "fonts");
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "");
    const auto text = run_command({"pdftotext", (dir / "form.pdf").string(), "-"});
    EXPECT_NE(text.out.find("Project 2026"), std::string::npos) << text.out;
}

} // namespace
} // namespace formpdf
