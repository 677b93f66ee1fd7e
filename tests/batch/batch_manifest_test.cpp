// The batch manifest: only names a batch could have written are acted on, only files an earlier
// batch wrote and this one did not are removed, and nothing is followed.

#include "app/batch_manifest.h"
#include "support/command.h"

#include <gtest/gtest.h>

namespace formpdf::app {
namespace {

namespace fs = std::filesystem;
using testing::read_text;
using testing::TempDir;
using testing::write_text;

TEST(BatchManifest, WrittenNamesAreReadBackAndOnlyPlainNamesAreTrusted) {
    TempDir dir;
    Diagnostics diagnostics;
    EXPECT_TRUE(read_batch_manifest(dir.path(), diagnostics).empty()) << "no manifest";
    write_batch_manifest(dir.path(), {"b.pdf", "a 项目.pdf"});
    EXPECT_EQ(read_text(dir / kBatchManifestName),
              "# formpdf batch manifest 1\na 项目.pdf\nb.pdf\n");
    EXPECT_EQ(read_batch_manifest(dir.path(), diagnostics),
              (std::set<std::string>{"a 项目.pdf", "b.pdf"}));
    EXPECT_TRUE(diagnostics.items().empty());

    write_text(dir / kBatchManifestName,
               "# formpdf batch manifest 1\nok.pdf\n../x.pdf\n/etc/passwd\n"
               ".hidden\n..\nsub/y.pdf\n\n# a comment\n");
    EXPECT_EQ(read_batch_manifest(dir.path(), diagnostics), std::set<std::string>{"ok.pdf"});
    EXPECT_EQ(diagnostics.count(Severity::Warning), 5);

    Diagnostics other;
    write_text(dir / kBatchManifestName, "notes.txt\n");
    EXPECT_TRUE(read_batch_manifest(dir.path(), other).empty());
    EXPECT_EQ(other.count(Severity::Warning), 1) << "not a manifest";
}

TEST(BatchManifest, APlantedSymlinkIsNotReadAsAManifest) {
    TempDir dir;
    write_text(dir / "list", "# formpdf batch manifest 1\nvictim.pdf\n");
    fs::create_symlink(dir / "list", dir / kBatchManifestName);
    Diagnostics diagnostics;
    EXPECT_TRUE(read_batch_manifest(dir.path(), diagnostics).empty());
}

TEST(BatchManifest, OnlyEarlierOutputsNotWrittenAgainAreRemovedAndNothingIsFollowed) {
    TempDir dir;
    write_text(dir / "victim", "victim");
    fs::create_directories(dir / "out" / "folder.pdf");
    for (const char* name : {"kept.pdf", "stale.pdf", "all.pdf", "mine.pdf"}) {
        write_text(dir / "out" / name, name);
    }
    fs::create_symlink(dir / "victim", dir / "out" / "link.pdf");
    // On a case-insensitive file system "ALL.pdf" is "all.pdf": a second name of the same file.
    fs::create_hard_link(dir / "out" / "all.pdf", dir / "out" / "ALL.pdf");

    Diagnostics diagnostics;
    const StaleRemoval removal = remove_stale_outputs(
        dir / "out", {"kept.pdf", "stale.pdf", "link.pdf", "folder.pdf", "gone.pdf", "ALL.pdf"},
        {"kept.pdf", "all.pdf"}, diagnostics);
    EXPECT_EQ(removal.removed, (std::vector<std::string>{"link.pdf", "stale.pdf"}));
    EXPECT_TRUE(removal.kept.empty());
    EXPECT_TRUE(diagnostics.items().empty());
    EXPECT_TRUE(fs::exists(dir / "out" / "kept.pdf"));
    EXPECT_TRUE(fs::exists(dir / "out" / "ALL.pdf")) << "this batch's own file";
    EXPECT_TRUE(fs::exists(dir / "out" / "mine.pdf")) << "never listed, never touched";
    EXPECT_TRUE(fs::is_directory(dir / "out" / "folder.pdf"));
    EXPECT_EQ(read_text(dir / "victim"), "victim");
}

} // namespace
} // namespace formpdf::app
