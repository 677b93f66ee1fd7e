// The fields a batch reads come from each form's layout (`batch:`, docs/batch.md): a form of the
// family whose code and amount have other ids shows them on the contents page; the order is any
// field, in 拼音 order through ICU's collator when asked; the 合计 is added exactly.

#include "app/amount_total.h"
#include "app/batch_order.h"
#include "core/diagnostic.h"
#include "load/layout_loader.h"
#include "support/command.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace formpdf {
namespace {

namespace fs = std::filesystem;
using testing::run_command;
using testing::TempDir;

const std::string kSourceDir = FORMPDF_SOURCE_DIR;
const std::string kData = kSourceDir + "/tests/data/contents";

testing::CommandResult batch(const std::vector<std::string>& args) {
    return testing::run_formpdf("batch", args);
}

// The first page's text, row by row (`-layout`), white space removed.
std::string first_page_text(const fs::path& pdf) {
    const auto text =
        run_command({"pdftotext", "-layout", "-enc", "UTF-8", "-l", "1", pdf.string(), "-"});
    EXPECT_EQ(text.exit_code, 0) << text.err;
    return testing::without_whitespace(text.out);
}

// The cities of the contents page, in the order printed.
std::vector<std::string> cities_in_order(const std::string& text) {
    std::vector<std::pair<std::size_t, std::string>> found;
    for (const std::string city : {"上海", "北京", "重庆", "广州"}) {
        const std::size_t at = text.find(city);
        EXPECT_NE(at, std::string::npos) << city << " in " << text;
        found.emplace_back(at, city);
    }
    std::sort(found.begin(), found.end());
    std::vector<std::string> cities;
    for (const auto& [at, city] : found) {
        cities.push_back(city);
    }
    return cities;
}

std::vector<std::string> contents_order(const std::vector<std::string>& options) {
    TempDir dir;
    std::vector<std::string> args = {kData + "/in", "-o",         (dir / "out").string(),
                                     "--layouts",   kData,        "--combined",
                                     "all.pdf",     "--contents", "-q"};
    args.insert(args.end(), options.begin(), options.end());
    const auto result = batch(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return cities_in_order(first_page_text(dir / "out" / "all.pdf"));
}

TEST(BatchFields, TheContentsOfAFamilyFormShowItsCodeAmountAndAnyFieldWithAnExactTotal) {
    TempDir dir;
    const fs::path out = dir / "out";
    const auto result =
        batch({kData + "/in", "-o", out.string(), "--layouts", kData, "--combined", "all.pdf",
               "--contents", "--contents-layout", kData + "/contents-with-kind.yaml"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const std::string text = first_page_text(out / "all.pdf");
    // 项目代码 and 预算 are the form's item_code and budget, as its layout's `batch:` says.
    for (const std::string expected : {"1C-002北京水利0.20", "2C-003重庆交通1,000.05",
                                       "3C-004广州能源12", "4C-001上海交通0.10"}) {
        EXPECT_NE(text.find(expected), std::string::npos) << expected << " in " << text;
    }
    // 0.20 + 1,000.05 + 12 + 0.10, in decimal: not 1,012.3500000000001.
    EXPECT_NE(text.find("合计1,012.35"), std::string::npos) << text;
    // The files are named by the layout's code and name.
    std::set<std::string> files;
    for (const auto& entry : fs::directory_iterator(out)) {
        files.insert(entry.path().filename().string());
    }
    EXPECT_EQ(files, (std::set<std::string>{".formpdf-batch", "C-001-上海.pdf", "C-002-北京.pdf",
                                            "C-003-重庆.pdf", "C-004-广州.pdf", "all.pdf"}));
}

TEST(BatchFields, TheOrderIsTheLayoutsOrAnyFieldInPinyinOrCodePointOrder) {
    // The layout says `sort: city, collation: pinyin`: 北京 (bei) < 重庆 (chong) < 广州 (guang) <
    // 上海 (shang).
    EXPECT_EQ(contents_order({}), (std::vector<std::string>{"北京", "重庆", "广州", "上海"}));
    // By code point, 上 (U+4E0A) < 北 (U+5317) < 广 (U+5E7F) < 重 (U+91CD).
    EXPECT_EQ(contents_order({"--collation", "text"}),
              (std::vector<std::string>{"上海", "北京", "广州", "重庆"}));
    EXPECT_EQ(contents_order({"--sort", "code"}),
              (std::vector<std::string>{"上海", "北京", "重庆", "广州"}));
    // Amounts compare as numbers: 0.10 < 0.20 < 12 < 1,000.05.
    EXPECT_EQ(contents_order({"--sort", "amount"}),
              (std::vector<std::string>{"上海", "北京", "广州", "重庆"}));
    // Any field: kind (交通 jiao, 能源 neng, 水利 shui), ties in input order.
    EXPECT_EQ(contents_order({"--sort", "kind", "--collation", "pinyin"}),
              (std::vector<std::string>{"上海", "重庆", "广州", "北京"}));
}

TEST(BatchFields, ASortFieldNoFormHasIsRefusedBeforeAnythingIsWritten) {
    TempDir dir;
    const auto result =
        batch({kData + "/in", "-o", (dir / "out").string(), "--layouts", kData, "--sort", "ctiy"});
    EXPECT_EQ(result.exit_code, 64) << result.err;
    EXPECT_NE(result.err.find("no form has the field 'ctiy' to sort by"), std::string::npos)
        << result.err;
    EXPECT_FALSE(fs::exists(dir / "out" / "C-001-上海.pdf"));
}

TEST(BatchFields, TheOlderFamilyFormsContentsShowItsAmount) {
    TempDir dir;
    const fs::path out = dir / "out";
    const auto result = batch({kSourceDir + "/inputs/family/legacy-project-targets.yaml", "-o",
                               out.string(), "--combined", "all.pdf", "--contents"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const std::string text = first_page_text(out / "all.pdf");
    // 预算部门 is the unit; 金额 (`amount`) is the amount, and the 合计.
    EXPECT_NE(text.find("桃溪县交通运输局"), std::string::npos) << text;
    EXPECT_NE(text.find("2020年桃溪县农村公路养护"), std::string::npos) << text;
    EXPECT_LT(text.find("860.00"), text.find("合计860.00")) << text; // its row, then the 合计
    EXPECT_NE(text.find("合计860.00"), std::string::npos) << text;
    EXPECT_TRUE(fs::exists(out / "2020年桃溪县农村公路养护及危桥改造工程.pdf"));
}

std::string layout_error(const std::string& batch_line) {
    const std::string yaml = "formpdf-layout: 1\n" + batch_line +
                             "\nform:\n  id: f\n  fields:\n    item_code: {label: 代码}\n";
    try {
        load::load_layout_text(yaml, "f.yaml");
    } catch (const DiagnosticError& error) {
        const Diagnostic& d = error.diagnostic();
        return d.loc.file + ":" + std::to_string(d.loc.line) + ": " + d.message;
    }
    return "(no error)";
}

TEST(BatchFields, TheLayoutsBatchFieldsAreFieldsOfTheForm) {
    EXPECT_EQ(layout_error("batch: {code: item_code, sort: anything, collation: pinyin}"),
              "(no error)");
    EXPECT_EQ(layout_error("batch: {code: itme_code}"), "f.yaml:2: unknown field 'itme_code'");
    EXPECT_EQ(layout_error("batch: {code: 项目编码}"),
              "f.yaml:2: 'batch.code' must be a field id, not '项目编码'");
    EXPECT_NE(layout_error("batch: {collation: zh}").find("f.yaml:2:"), std::string::npos);
}

TEST(AmountTotal, AddsExactlyInDecimal) {
    EXPECT_EQ(app::amount_total({"0.1", "0.2"}), "0.3");
    EXPECT_EQ(app::amount_total({"1,866.00", "0.5", "", "12"}), "1,878.50");
    EXPECT_EQ(app::amount_total({"3,309,840.00", "-3,309,840.00"}), "0.00");
    EXPECT_EQ(app::amount_total({"-0.05", "0.01"}), "-0.04");
    EXPECT_EQ(app::amount_total({"", ""}), "");
    EXPECT_EQ(app::amount_total({"9999999999999999.9", "0.1"}), "10000000000000000.0");
    // Not exact, not printed: a text that is not a number, a total past 18 digits.
    EXPECT_EQ(app::amount_total({"12", "约5"}), std::nullopt);
    EXPECT_EQ(app::amount_total({"1,2345.00"}), std::nullopt);
    EXPECT_EQ(app::amount_total({"999999999999999999", "1"}), std::nullopt);
}

TEST(BatchOrder, PinyinOrderComesFromICUsChineseCollator) {
    const std::vector<std::string> names = {"上海", "北京", "广州", "重庆"};
    const auto order = app::sorted_order(names, app::SortCollation::Pinyin, false);
    std::vector<std::string> sorted;
    for (const std::size_t i : order) {
        sorted.push_back(names[i]);
    }
    EXPECT_EQ(sorted, (std::vector<std::string>{"北京", "重庆", "广州", "上海"}));
    EXPECT_EQ(app::sorted_order(names, app::SortCollation::Text, false),
              (std::vector<std::size_t>{0, 1, 2, 3}));
    EXPECT_EQ(app::sorted_order({"b", "a", "b", "a"}, app::SortCollation::Text, false),
              (std::vector<std::size_t>{1, 3, 0, 2})); // ties keep the input order
    EXPECT_EQ(app::sorted_order({"10.00", "9.5", "n/a", "-1"}, app::SortCollation::Text, true),
              (std::vector<std::size_t>{3, 1, 0, 2}));
}

} // namespace
} // namespace formpdf
