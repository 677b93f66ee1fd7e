// Damaged fonts on the font path (docs/fonts.md, "Damaged fonts"): a damaged file chosen for a
// layout is refused with its path; one the scan cannot read is skipped and said so; the walk never
// follows a directory link, never opens a FIFO, and stops at its bounds. The fonts are damaged
// copies of DejaVu Sans made at test time (support/damaged_fonts.h).

#include "core/diagnostic.h"
#include "support/command.h"
#include "support/damaged_fonts.h"
#include "text/font_library.h"
#include "text/font_resource.h"
#include "text/shaper.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>

namespace formpdf::text {
namespace {
namespace fs = std::filesystem;
using formpdf::testing::find_table;
using formpdf::testing::get_be;
using formpdf::testing::kDejaVuSansFile;
using formpdf::testing::put_be;
using formpdf::testing::read_binary;
using formpdf::testing::TempDir;
using formpdf::testing::write_binary;

FontRequest request(std::string family) {
    return FontRequest{std::move(family), 400, SourceLoc{"layouts/form.yaml", 3, 9}};
}

// The diagnostic load() throws, or a failure when it throws none.
Diagnostic load_error(FontLibrary& fonts, const std::string& family) {
    try {
        fonts.load(request(family));
    } catch (const DiagnosticError& error) {
        return error.diagnostic();
    }
    ADD_FAILURE() << "no error";
    return {};
}

struct Damage {
    const char* name;
    std::function<void(std::string&)> edit;
    const char* message; // what the error says after "damaged font file: "
};

class DamagedFontTest : public ::testing::TestWithParam<Damage> {};

TEST_P(DamagedFontTest, IsRefusedWithItsPathWhenChosen) {
    std::string font = read_binary(kDejaVuSansFile);
    GetParam().edit(font);
    TempDir dir;
    const fs::path damaged = dir / "DejaVuSans.ttf";
    write_binary(damaged, font);

    FontLibrary fonts({dir.path()}); // the system's intact copy is searched later: not used
    const Diagnostic error = load_error(fonts, "DejaVu Sans");
    EXPECT_EQ(error.loc.file, damaged.string());
    EXPECT_EQ(error.loc.line, 0);
    EXPECT_EQ(error.message, std::string("damaged font file: ") + GetParam().message);
    EXPECT_NE(error.hint.find("font family \"DejaVu Sans\" (layouts/form.yaml:3)"),
              std::string::npos)
        << error.hint;
    EXPECT_NE(error.hint.find("replace it with an intact copy"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Damages, DamagedFontTest,
    ::testing::Values(
        Damage{"TablePastTheEnd",
               [](std::string& font) {
                   const auto glyf = find_table(font, "glyf");
                   put_be(font, glyf.record + 12, static_cast<std::uint32_t>(font.size()), 4);
               },
               "its 'glyf' table (759720 bytes at 56648) runs past the end of the 759720-byte "
               "file"},
        Damage{"LocaOutOfOrder",
               [](std::string& font) {
                   const auto loca = find_table(font, "loca");
                   put_be(font, loca.offset + 4 * 10, 0x7fffffff, 4); // DejaVu: long offsets
               },
               "its loca table puts glyph 9 outside the glyf table or out of order"},
        Damage{"HmtxTooShort",
               [](std::string& font) {
                   const auto maxp = find_table(font, "maxp");
                   const std::uint32_t glyphs = get_be(font, maxp.offset + 4, 2);
                   put_be(font, find_table(font, "hhea").offset + 34, glyphs, 2);
               },
               "its hmtx table holds 24982 bytes, and 6253 glyphs with 6253 full metrics need "
               "25012"},
        Damage{"CmapSubtablePastItsTable",
               [](std::string& font) {
                   const auto cmap = find_table(font, "cmap");
                   const std::uint32_t subtable = get_be(font, cmap.offset + 8, 4);
                   put_be(font, cmap.offset + subtable + 2, 0xfff0, 2); // format 4's length
               },
               "its cmap subtable 0 (format 4) runs past the end of the cmap table"},
        Damage{
            "MaxpOfAnotherVersion",
            // HarfBuzz reads it as absent: a face of no glyphs, each drawn glyph "missing"
            [](std::string& font) { put_be(font, find_table(font, "maxp").offset, 0x00020000, 4); },
            "its maxp table has an unknown version, or is cut short"},
        Damage{"HheaOfAnotherVersion",
               [](std::string& font) { put_be(font, find_table(font, "hhea").offset, 2, 2); },
               "its hhea table has version 2 (1 exists)"},
        Damage{"CmapSubtableOfNoKnownFormat",
               [](std::string& font) {
                   const auto cmap = find_table(font, "cmap");
                   put_be(font, cmap.offset + get_be(font, cmap.offset + 8, 4), 5, 2);
               },
               "its cmap subtable 0 (format 5) is of no known format"},
        Damage{"CmapSegmentsPastTheSubtable",
               [](std::string& font) {
                   const auto cmap = find_table(font, "cmap");
                   const std::uint32_t subtable = cmap.offset + get_be(font, cmap.offset + 8, 4);
                   put_be(font, subtable + 6, 0x7ffe, 2); // segCountX2
               },
               "its cmap subtable 0 (format 4) is 3102 bytes long, and its arrays need 131080"},
        Damage{"DuplicateTable",
               [](std::string& font) {
                   const auto post = find_table(font, "post");
                   font.replace(post.record, 4, "glyf");
               },
               "its table directory lists the 'glyf' table twice"}),
    [](const ::testing::TestParamInfo<Damage>& info) { return std::string(info.param.name); });

TEST(DamagedFont, AGlyphPastTheFontsEndIsRefusedWhenShaped) {
    // maxp says 40 glyphs: "A" (glyph 36) is still one, "Z" (61) is past the end, which the
    // cmap still names and HarfBuzz passes on.
    std::string font = read_binary(kDejaVuSansFile);
    put_be(font, find_table(font, "maxp").offset + 4, 40, 2);
    put_be(font, find_table(font, "hhea").offset + 34, 40, 2);
    TempDir dir;
    write_binary(dir / "DejaVuSans.ttf", font);
    FontLibrary fonts({dir.path()}, false);
    const FontId id = fonts.load(request("DejaVu Sans"));
    EXPECT_NO_THROW(shape_text(fonts, "A", FontChain{{id}}, 10));
    try {
        shape_text(fonts, "AZ", FontChain{{id}}, 10);
        ADD_FAILURE() << "no error";
    } catch (const DiagnosticError& error) {
        EXPECT_EQ(error.diagnostic().loc.file, (dir / "DejaVuSans.ttf").string());
        EXPECT_EQ(error.diagnostic().message,
                  "damaged font file: it gives U+005A glyph 61, and it has only 40 glyphs");
    }
}

// A file FreeType cannot open (its head table gives 0 units per em): the scan cannot tell its
// family. (FreeType opens much that is damaged: a table directory of 4,000 tables, a table past
// the end of the file; such a file is found, and refused with its path when it is chosen.)
void write_unreadable_font(const fs::path& path) {
    std::string font = read_binary(kDejaVuSansFile);
    put_be(font, find_table(font, "head").offset + 18, 0, 2);
    write_binary(path, font);
}
constexpr const char* kUnreadableReason = "FreeType cannot open it (broken table)";

TEST(DamagedFont, ASkippedFileOfAnEarlierFolderIsAWarningOnce) {
    TempDir dir;
    write_unreadable_font(dir / "DejaVuSans.ttf");
    FontLibrary fonts({dir.path()});
    Diagnostics diagnostics;
    const FontId id = fonts.load(request("DejaVu Sans"), &diagnostics);
    EXPECT_EQ(fonts.resource(id).path, kDejaVuSansFile); // the system's copy
    fonts.load(request("DejaVu Sans Mono"), &diagnostics);
    ASSERT_EQ(diagnostics.items().size(), 1u);
    const Diagnostic& warning = diagnostics.items()[0];
    EXPECT_EQ(warning.severity, Severity::Warning);
    EXPECT_EQ(warning.loc.file, (dir / "DejaVuSans.ttf").string());
    EXPECT_EQ(warning.message, std::string("font file skipped: ") + kUnreadableReason);
    EXPECT_NE(warning.hint.find(std::string("was taken from ") + kDejaVuSansFile),
              std::string::npos)
        << warning.hint;
}

TEST(DamagedFont, ASkippedFileBesideTheOneUsedIsANote) {
    TempDir dir;
    write_unreadable_font(dir / "broken.ttf");
    fs::copy_file(kDejaVuSansFile, dir / "DejaVuSans.ttf");
    FontLibrary fonts({dir.path()}, false);
    Diagnostics diagnostics;
    fonts.load(request("DejaVu Sans"), &diagnostics);
    ASSERT_EQ(diagnostics.items().size(), 1u);
    EXPECT_EQ(diagnostics.items()[0].severity, Severity::Note);
    EXPECT_EQ(diagnostics.items()[0].loc.file, (dir / "broken.ttf").string());
    EXPECT_EQ(diagnostics.items()[0].message,
              std::string("font file skipped: ") + kUnreadableReason);
    EXPECT_EQ(diagnostics.items()[0].hint, "replace it with an intact copy, or remove it");
}

TEST(DamagedFont, AFaceOfACollectionThatCannotBeNamedIsAWarning) {
    // WenQuanYi's collection: face 0 (Micro Hei) intact, face 1 (Micro Hei Mono) without a name
    // table, so the request for the mono family goes to the system's copy.
    std::string font = read_binary(formpdf::testing::kWenQuanYiFile);
    const auto name = find_table(font, "name", 1);
    font.replace(name.record, 4, "xxxx");
    TempDir dir;
    write_binary(dir / "wqy-microhei.ttc", font);
    FontLibrary fonts({dir.path()});
    Diagnostics diagnostics;
    EXPECT_EQ(fonts.resource(fonts.load(request("WenQuanYi Micro Hei Mono"), &diagnostics)).path,
              formpdf::testing::kWenQuanYiFile);
    ASSERT_EQ(diagnostics.items().size(), 1u);
    EXPECT_EQ(diagnostics.items()[0].severity, Severity::Warning);
    EXPECT_EQ(diagnostics.items()[0].message,
              "font file skipped in part: its face 1 has no family name that can be read");
    // The intact face is still found in the damaged file.
    EXPECT_EQ(fonts.resource(fonts.load(request("WenQuanYi Micro Hei"))).path,
              (dir / "wqy-microhei.ttc").string());
}

TEST(DamagedFont, AFamilyNotFoundListsTheFilesSkipped) {
    TempDir dir;
    write_unreadable_font(dir / "DejaVuSans.ttf");
    FontLibrary fonts({dir.path()}, false);
    const Diagnostic error = load_error(fonts, "DejaVu Sans");
    EXPECT_EQ(error.message, "font family \"DejaVu Sans\" was not found");
    EXPECT_NE(error.hint.find("font files skipped as unreadable or damaged (one may have been that "
                              "family): " +
                              (dir / "DejaVuSans.ttf").string() + " (" + kUnreadableReason + ")"),
              std::string::npos)
        << error.hint;
}

TEST(DamagedFont, AFileLargerThanTheCapIsSkippedUnread) {
    TempDir dir;
    const fs::path huge = dir / "DejaVuSans.ttf";
    fs::copy_file(kDejaVuSansFile, huge);
    fs::resize_file(huge, kMaxFontFileBytes + 1); // sparse: no disk used, nothing to read
    FontLibrary fonts({dir.path()}, false);
    const Diagnostic error = load_error(fonts, "DejaVu Sans");
    EXPECT_NE(error.hint.find(huge.string() +
                              " (it is 256 MiB, more than the 256 MiB a font file may have)"),
              std::string::npos)
        << error.hint;
}

TEST(FontScan, ReadsABoundedAmountOfACollection) {
    // 1,024 faces whose directories all point at one 16 MiB name table: the scan would read
    // 16 GiB if it read the table once per face.
    constexpr std::uint32_t kFaces = 1024;
    constexpr std::uint32_t kNameBytes = 16u << 20;
    const std::uint32_t directories = 12 + 4 * kFaces;
    const std::uint32_t name_at = directories + 28 * kFaces;
    std::string font(name_at + kNameBytes, '\0');
    font.replace(0, 4, "ttcf");
    put_be(font, 4, 0x00010000, 4);
    put_be(font, 8, kFaces, 4);
    for (std::uint32_t face = 0; face < kFaces; ++face) {
        const std::uint32_t directory = directories + 28 * face;
        put_be(font, 12 + 4 * face, directory, 4);
        put_be(font, directory, 0x00010000, 4);
        put_be(font, directory + 4, 1, 2); // one table: 'name'
        font.replace(directory + 12, 4, "name");
        put_be(font, directory + 20, name_at, 4);
        put_be(font, directory + 24, kNameBytes, 4);
    }
    TempDir dir;
    write_binary(dir / "many.ttc", font);
    const auto start = std::chrono::steady_clock::now();
    FontLibrary fonts({dir.path()}, false);
    const Diagnostic error = load_error(fonts, "DejaVu Sans");
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2)); // 16 GiB: minutes
    EXPECT_NE(error.hint.find((dir / "many.ttc").string() +
                              " (FreeType cannot open it (unknown file format))"),
              std::string::npos)
        << error.hint;
}

TEST(FontScan, NeverFollowsADirectoryLinkNorOpensAFifo) {
    TempDir dir;
    TempDir elsewhere;
    fs::copy_file(kDejaVuSansFile, elsewhere / "DejaVuSans.ttf");
    fs::create_directory_symlink("/", dir / "root");                   // would walk /proc, /sys
    fs::create_directory_symlink(elsewhere.path(), dir / "elsewhere"); // not followed either
    ASSERT_EQ(::mkfifo((dir / "waiting.ttf").c_str(), 0600), 0);       // an open would block

    const auto start = std::chrono::steady_clock::now();
    FontLibrary fonts({dir.path()}, false);
    const Diagnostic error = load_error(fonts, "DejaVu Sans");
    EXPECT_EQ(error.message, "font family \"DejaVu Sans\" was not found");
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));

    // With the system folders, the render's font is found there, as quickly.
    FontLibrary with_system({dir.path()});
    EXPECT_EQ(with_system.resource(with_system.load(request("DejaVu Sans"))).path, kDejaVuSansFile);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(FontScan, FollowsAFileLink) {
    TempDir dir;
    fs::create_symlink(kDejaVuSansFile, dir / "DejaVuSans.ttf");
    FontLibrary fonts({dir.path()}, false);
    EXPECT_EQ(fonts.resource(fonts.load(request("DejaVu Sans"))).path,
              (dir / "DejaVuSans.ttf").string());
}

TEST(FontScan, ReadsEightFolderLevelsDeepAndNoDeeper) {
    TempDir dir;
    fs::path deep = dir.path();
    for (int level = 1; level <= 9; ++level) {
        deep /= "level" + std::to_string(level);
        fs::create_directory(deep);
        if (level == 8) {
            fs::copy_file(kDejaVuSansFile, deep / "DejaVuSans.ttf");
        }
        if (level == 9) {
            fs::copy_file("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
                          deep / "DejaVuSerif.ttf");
        }
    }
    FontLibrary fonts({dir.path()}, false);
    EXPECT_NO_THROW(fonts.load(request("DejaVu Sans")));
    EXPECT_THROW(fonts.load(request("DejaVu Serif")), DiagnosticError);
}

TEST(FontScan, StopsAfterItsNumberOfEntriesAndSaysWhere) {
    EXPECT_EQ(FontScanLimits{}.max_entries, 20000u); // here 20 (20,000 files take seconds to make)
    TempDir dir;
    const fs::path crowded = dir / "crowded";
    fs::create_directory(crowded);
    for (int i = 0; i <= 20; ++i) {
        std::ofstream(crowded / ("note" + std::to_string(i) + ".txt"));
    }
    FontLibrary fonts({dir.path()}, false, FontScanLimits{8, 20});
    const Diagnostic error = load_error(fonts, "DejaVu Sans");
    EXPECT_NE(error.hint.find(crowded.string() +
                              " (the font scan stopped here, after 20 files and folders"),
              std::string::npos)
        << error.hint;
}

} // namespace
} // namespace formpdf::text
