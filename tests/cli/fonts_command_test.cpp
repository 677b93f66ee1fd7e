// `formpdf fonts`: the families found with their files, and the font each layout slot gets; a
// layout missing several fonts names all of them.

#include "support/command.h"

#include <gtest/gtest.h>

namespace formpdf {
namespace {

using testing::formpdf_binary;
using testing::run_command;
using testing::TempDir;

const std::string kLayouts = std::string(FORMPDF_SOURCE_DIR) + "/layouts";

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(FontsCommand, ListsTheFamiliesWithTheirFilesAndEachLayoutsFonts) {
    const auto r = run_command({formpdf_binary(), "fonts", kLayouts + "/shenzhen-l2-project.yaml"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "Font families found (")) << r.out;
    EXPECT_TRUE(contains(r.out, "  Noto Serif CJK SC\n    /")) << r.out;
    EXPECT_TRUE(contains(r.out, "NotoSerifCJK-Regular.ttc")) << r.out;
    EXPECT_TRUE(contains(r.out, "shenzhen-l2-project.yaml:\n  body: Noto Serif CJK SC 400 -> "))
        << r.out;
}

TEST(FontsCommand, NamesEveryMissingFontAndEveryStandIn) {
    TempDir dir;
    testing::write_text(dir / "fonts.yaml", "formpdf-layout: 1\n"
                                            "fonts:\n"
                                            "  body: {family: 仿宋_GB2312}\n"
                                            "  heavy: {family: Foo Sans, weight: bold}\n"
                                            "  extra: {family: Bar Serif}\n");
    const auto r = run_command({formpdf_binary(), "fonts", (dir / "fonts.yaml").string()});
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_TRUE(contains(r.out, "heavy: Foo Sans 700 -> not found")) << r.out;
    EXPECT_TRUE(contains(r.out, "extra: Bar Serif 400 -> not found")) << r.out;
    EXPECT_TRUE(contains(r.err, "fonts.yaml:4:3: warning: font family \"Foo Sans\" was not found"))
        << r.err;
    EXPECT_TRUE(contains(r.err, "fonts.yaml:5:3: warning: font family \"Bar Serif\""));
    EXPECT_TRUE(contains(r.out, "(stands in for 仿宋_GB2312, which is not installed)") ||
                contains(r.out, "body: 仿宋_GB2312 400 -> 仿宋"))
        << r.out;
}

TEST(FontsCommand, RenderNamesEveryMissingFontNotOnlyTheFirst) {
    TempDir dir;
    testing::write_text(dir / "missing.yaml", "formpdf-layout: 1\n"
                                              "fonts:\n"
                                              "  body: {family: Foo Sans}\n"
                                              "  heavy: {family: Bar Serif, weight: bold}\n"
                                              "blocks:\n"
                                              "  - title: 标题\n");
    const auto r = run_command({formpdf_binary(), "render", (dir / "missing.yaml").string(), "-o",
                                (dir / "m.pdf").string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(contains(r.err, "missing.yaml:3:3: error: font family \"Foo Sans\" was not found"))
        << r.err;
    EXPECT_TRUE(contains(r.err, "missing.yaml:4:3: error: font family \"Bar Serif\" was not found"))
        << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "m.pdf"));
}

TEST(FontsCommand, AnOfficialFontThatIsNotInstalledPrintsWithANote) {
    TempDir dir;
    testing::write_text(dir / "official.yaml", "formpdf-layout: 1\n"
                                               "fonts:\n"
                                               "  body: {family: 仿宋_GB2312}\n"
                                               "  heavy: {family: 黑体, weight: bold}\n"
                                               "styles: {title: {font: heavy, size: 二号}}\n"
                                               "blocks:\n"
                                               "  - title: 关于印发预算绩效管理办法的通知\n"
                                               "  - paragraph: 正文\n");
    const auto r = run_command({formpdf_binary(), "render", (dir / "official.yaml").string(), "-o",
                                (dir / "o.pdf").string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(std::filesystem::exists(dir / "o.pdf"));
    if (!contains(r.err, "note: font family \"仿宋_GB2312\" is not installed")) {
        GTEST_SKIP() << "this machine has 仿宋_GB2312 installed";
    }
    EXPECT_TRUE(contains(r.err, "official.yaml:3:3: note: font family \"仿宋_GB2312\" is not "
                                "installed: \"Noto Serif CJK SC\" prints in its place"))
        << r.err;
    const auto quiet =
        run_command({formpdf_binary(), "render", "--quiet", (dir / "official.yaml").string(), "-o",
                     (dir / "q.pdf").string()});
    EXPECT_EQ(quiet.err, "");
}

} // namespace
} // namespace formpdf
