// The font scan's cache on disk (text/font_scan_cache.h): used only for a file whose stamp is
// unchanged, written whole, and ignored as a whole when it is not exactly well formed.

#include "support/command.h"
#include "support/damaged_fonts.h"
#include "support/font_file_damage_facts.h"
#include "text/font_library.h"
#include "text/font_scan_cache.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace formpdf::text {
namespace {
namespace fs = std::filesystem;
using formpdf::testing::kDejaVuSansFile;
using formpdf::testing::read_text;
using formpdf::testing::TempDir;
using formpdf::testing::write_text;

FontRequest request(std::string family) {
    return FontRequest{std::move(family), 400, SourceLoc{"layouts/form.yaml", 3, 9}};
}

FontFileFaces one_face(const std::string& family) {
    FontFileFaces faces;
    FaceSummary face;
    face.face_index = 0;
    face.family_names = {family, "名\t字\\"};
    face.display_family = family;
    face.weight = 700;
    face.width_class = 3;
    face.italic = true;
    face.outlines = OutlineFormat::TrueType;
    faces.faces.push_back(face);
    faces.damage.kind = FontFileDamage::Kind::SomeFacesDoNotOpen;
    faces.damage.freetype_error = 8;
    faces.damage.faces = {1, 3};
    return faces;
}

// The process's environment for one test: the cache file in a folder of the test's own.
class CacheHome {
public:
    CacheHome() {
        const char* old = std::getenv("XDG_CACHE_HOME");
        had_ = old != nullptr;
        old_ = had_ ? old : "";
        ::setenv("XDG_CACHE_HOME", dir_.path().c_str(), 1);
        FontLibrary::forget_cached_files(); // what a new process starts with
    }
    ~CacheHome() {
        if (had_) {
            ::setenv("XDG_CACHE_HOME", old_.c_str(), 1);
        } else {
            ::unsetenv("XDG_CACHE_HOME");
        }
        FontLibrary::forget_cached_files();
    }
    fs::path file() const { return dir_ / "formpdf" / "font-scan-v2"; }

private:
    TempDir dir_;
    bool had_ = false;
    std::string old_;
};

TEST(FontScanCache, ReadsBackWhatItWrites) {
    FontScanCache cache;
    const FontFileStamp stamp{1, 2, 3, -4, 5};
    cache.put("/fonts/a\tb.ttf", stamp, one_face("Family A"));
    const FontScanCache read = FontScanCache::parse(cache.serialize());
    const FontFileFaces* faces = read.find("/fonts/a\tb.ttf", stamp);
    ASSERT_NE(faces, nullptr);
    ASSERT_EQ(faces->faces.size(), 1u);
    const FaceSummary& face = faces->faces[0];
    EXPECT_EQ(face.family_names, (std::vector<std::string>{"Family A", "名\t字\\"}));
    EXPECT_EQ(face.display_family, "Family A");
    EXPECT_EQ(face.weight, 700);
    EXPECT_EQ(face.width_class, 3);
    EXPECT_TRUE(face.italic);
    EXPECT_EQ(face.outlines, OutlineFormat::TrueType);
    EXPECT_EQ(faces->damage, one_face("Family A").damage);
    // Another stamp is another version of the file.
    EXPECT_EQ(read.find("/fonts/a\tb.ttf", FontFileStamp{1, 2, 3, -4, 6}), nullptr);
}

TEST(FontScanCache, AnythingNotExactlyWellFormedIsIgnoredWhole) {
    FontScanCache cache;
    const FontFileStamp stamp{1, 2, 3, 4, 5};
    cache.put("/fonts/a.ttf", stamp, one_face("Family A"));
    const std::string good = cache.serialize();
    ASSERT_NE(FontScanCache::parse(good).find("/fonts/a.ttf", stamp), nullptr);
    auto replaced = [&](const std::string& from, const std::string& to) {
        std::string text = good;
        const std::size_t at = text.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        return text.replace(at, from.size(), to);
    };
    const std::vector<std::string> damaged = {
        good.substr(0, good.size() - 4),                             // no end line
        good + "x",                                                  // bytes after it
        replaced("cache 2", "cache 1"),                              // another version
        replaced("\t700\t", "\t70x\t"),                              // not a number
        replaced("\t700\t", "\t99999999999999999999\t"),             // out of range
        replaced("\t2\tFamily A\t", "\t3\tFamily A\t"),              // fewer names than counted
        replaced("\t1\t1\tFamily", "\t1\t4\tFamily"),                // outlines of no kind
        replaced("\\t", "\\q"),                                      // an unknown escape
        replaced("face\t0", "face\t1024"),                           // face index past the cap
        replaced("some-faces-do-not-open", "some-faces-gone"),       // damage of no kind
        replaced("\t8\t0\t0\t2\t1\t3\n", "\t0\t0\t0\t2\t1\t3\n"),    // no FreeType error
        replaced("\t8\t0\t0\t2\t1\t3\n", "\t8\t0\t0\t3\t1\t3\n"),    // fewer faces than counted
        replaced("\t8\t0\t0\t2\t1\t3\n", "\t8\t0\t0\t0\n"),          // none listed
        replaced("\t8\t0\t0\t2\t1\t3\n", "\t8\t0\t0\t2\t1\t1024\n"), // past the cap
        std::string(),
        std::string("\0\0\0", 3),
    };
    for (const std::string& text : damaged) {
        EXPECT_EQ(FontScanCache::parse(text).find("/fonts/a.ttf", stamp), nullptr) << text;
    }
}

// The damage is kept as facts, in no language: a run in Chinese and a later one in English share
// the cache (tests/cli/messages_fonts_test.cpp shows each run's words).
TEST(FontScanCache, KeepsTheDamageOfEveryKindAsFactsNotWords) {
    using Kind = FontFileDamage::Kind;
    // Each kind with the facts it has.
    using formpdf::testing::damage_facts;
    const std::vector<FontFileDamage> kinds = {
        damage_facts(Kind::CannotOpen),
        damage_facts(Kind::NotRegularFile),
        damage_facts(Kind::TooLarge, 0, 300u << 20),
        damage_facts(Kind::FreeTypeNotStarted),
        damage_facts(Kind::FreeTypeRefuses, 2),
        damage_facts(Kind::NoFaceOpens, 8, 0, 4),
        damage_facts(Kind::SomeFacesDoNotOpen, 0x54, 0, 0, {2, 5}),
        damage_facts(Kind::NoFaceNamed),
        damage_facts(Kind::SomeFacesUnnamed, 0, 0, 0, {0, 1, 2, 3, 4, 5, 6}),
    };
    FontScanCache cache;
    const FontFileStamp stamp{1, 2, 3, 4, 5};
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        FontFileFaces faces;
        faces.damage = kinds[i];
        cache.put("/fonts/" + std::to_string(i) + ".ttf", stamp, faces);
    }
    const std::string text = cache.serialize();
    EXPECT_EQ(text.find("FreeType"), std::string::npos) << text;
    EXPECT_EQ(text.find("table"), std::string::npos) << text;
    EXPECT_NE(text.find("\tfreetype-refuses\t2\t0\t0\t0\n"), std::string::npos) << text;
    const FontScanCache read = FontScanCache::parse(text);
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        const FontFileFaces* faces = read.find("/fonts/" + std::to_string(i) + ".ttf", stamp);
        ASSERT_NE(faces, nullptr) << i << "\n" << text;
        EXPECT_EQ(faces->damage, kinds[i]) << i;
    }
}

TEST(FontScanCache, AScanWritesItAndTheNextRunUsesItWhileTheFileIsUnchanged) {
    CacheHome home;
    TempDir fonts_dir;
    const fs::path font = fonts_dir / "DejaVuSans.ttf";
    fs::copy_file(kDejaVuSansFile, font);
    {
        FontLibrary fonts({fonts_dir.path()}, false);
        EXPECT_EQ(fonts.families(), std::vector<std::string>{"DejaVu Sans"});
    }
    ASSERT_TRUE(fs::exists(home.file()));
    EXPECT_EQ((fs::status(home.file().parent_path()).permissions() & fs::perms::all),
              fs::perms::owner_all);

    // The cache says the unchanged file holds another family: a new run believes it, which
    // shows the file is not read again.
    FontScanCache forged = FontScanCache::read(home.file());
    const std::optional<FontFileStamp> stamp = stamp_of(font.string());
    ASSERT_TRUE(stamp);
    ASSERT_NE(forged.find(font.string(), *stamp), nullptr);
    forged.put(font.string(), *stamp, one_face("Forged Family"));
    forged.write(home.file());
    FontLibrary::forget_cached_files();
    {
        FontLibrary fonts({fonts_dir.path()}, false);
        EXPECT_EQ(fonts.families(), (std::vector<std::string>{"Forged Family"}));
    }

    // Touched (its modification time moves): read again with FreeType.
    fs::last_write_time(font, fs::last_write_time(font) + std::chrono::seconds(1));
    FontLibrary::forget_cached_files();
    FontLibrary fonts({fonts_dir.path()}, false);
    EXPECT_EQ(fonts.families(), std::vector<std::string>{"DejaVu Sans"});
    EXPECT_EQ(fonts.resource(fonts.load(request("DejaVu Sans"))).path, font.string());
}

TEST(FontScanCache, ADamagedCacheFileIsReadAsNoneAndReplaced) {
    CacheHome home;
    fs::create_directories(home.file().parent_path());
    write_text(home.file(), "formpdf font scan cache 2\nfile\t/x\t1\n");
    TempDir fonts_dir;
    fs::copy_file(kDejaVuSansFile, fonts_dir / "DejaVuSans.ttf");
    FontLibrary fonts({fonts_dir.path()}, false);
    EXPECT_EQ(fonts.resource(fonts.load(request("DejaVu Sans"))).path,
              (fonts_dir / "DejaVuSans.ttf").string());
    const std::string written = read_text(home.file());
    EXPECT_NE(written.find("DejaVu Sans"), std::string::npos) << written;
    EXPECT_EQ(written.substr(written.size() - 4), "end\n");
}

} // namespace
} // namespace formpdf::text
