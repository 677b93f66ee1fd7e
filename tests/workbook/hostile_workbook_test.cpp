// Hostile workbooks are refused before they cost memory (docs/security.md, "Hostile workbooks"):
// each file of tests/support/make_hostile_workbooks.py is a minimal workbook with one thing wrong.

#include "support/command.h"
#include "workbook/export_reader.h"

#include <gtest/gtest.h>

#include <chrono>

namespace formpdf::workbook {
namespace {

namespace fs = std::filesystem;

class HostileWorkbook : public ::testing::Test {
protected:
    static void SetUpTestSuite() { dir_ = new testing::TempDir(); }
    static void TearDownTestSuite() { delete dir_; }

    // Made when first asked for: ctest runs each test in a process of its own.
    static ExportFile read(const std::string& name, Diagnostics& diagnostics,
                           const WorkbookLimits& limits = {}) {
        const fs::path path = dir_->path() / name;
        if (!fs::exists(path)) {
            const auto result = testing::run_command(
                {"/usr/bin/python3",
                 std::string(FORMPDF_SOURCE_DIR) + "/tests/support/make_hostile_workbooks.py",
                 dir_->path().string(), name});
            EXPECT_EQ(result.exit_code, 0) << result.err;
        }
        const std::string bytes = testing::read_text(path);
        return read_export(bytes, name, diagnostics, &path, limits);
    }

    // The message of the DiagnosticError reading `name` throws; "" when it reads.
    static std::string refusal(const std::string& name, const WorkbookLimits& limits = {}) {
        Diagnostics diagnostics;
        try {
            read(name, diagnostics, limits);
        } catch (const DiagnosticError& error) {
            return format_diagnostic(error.diagnostic());
        }
        return "";
    }

    static testing::TempDir* dir_;
};

testing::TempDir* HostileWorkbook::dir_ = nullptr;

// Caps small enough for the test's small files.
WorkbookLimits small_limits() {
    WorkbookLimits limits;
    limits.max_member_bytes = 1 << 20;
    limits.max_ratio = 100;
    limits.ratio_exempt_bytes = 64 * 1024;
    limits.max_shared_strings = 1000;
    return limits;
}

TEST_F(HostileWorkbook, TheMinimalWorkbookReads) {
    Diagnostics diagnostics;
    const ExportFile file = read("ok.xlsx", diagnostics, small_limits());
    ASSERT_EQ(file.grid.sheets.size(), 1u);
    ASSERT_EQ(file.grid.sheets[0].rows.size(), 1u);
    EXPECT_EQ(file.grid.sheets[0].rows[0].cells[0].text, "shared");
    EXPECT_EQ(file.grid.sheets[0].rows[0].cells[1].text, "x");
}

TEST_F(HostileWorkbook, AZipBombIsRefusedFromItsHeaders) {
    const std::string message = refusal("bomb.xlsx", small_limits());
    EXPECT_NE(message.find("bomb.xlsx: member xl/worksheets/sheet1.xml: error: the member "
                           "declares 4194"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("refused as a zip bomb"), std::string::npos) << message;
    WorkbookLimits ratio_only;
    ratio_only.max_ratio = 100; // the size is under the default 256 MiB: the ratio refuses it
    EXPECT_NE(refusal("bomb.xlsx", ratio_only).find("compressed: refused as a zip bomb"),
              std::string::npos);
}

TEST_F(HostileWorkbook, AMemberInflatingPastItsHeaderIsRefusedWhileInflating) {
    const std::string message = refusal("liar.xlsx");
    EXPECT_NE(message.find("liar.xlsx"), std::string::npos) << message;
    EXPECT_TRUE(message.find("inflates past the 100 bytes its header declares") !=
                    std::string::npos ||
                message.find("damaged") != std::string::npos)
        << message;
}

TEST_F(HostileWorkbook, XmlWithADtdOrEntitiesIsRefused) {
    EXPECT_NE(refusal("dtd.xlsx")
                  .find("xl/worksheets/sheet1.xml: error: the XML has a document "
                        "type declaration (DTD): refused"),
              std::string::npos)
        << refusal("dtd.xlsx");
    EXPECT_NE(refusal("entities.xlsx").find("refused"), std::string::npos)
        << refusal("entities.xlsx");
}

TEST_F(HostileWorkbook, MemberNamesLeavingTheArchiveAreRefused) {
    EXPECT_NE(refusal("traversal.xlsx")
                  .find("the archive member name '../../evil.txt' leaves the archive"),
              std::string::npos)
        << refusal("traversal.xlsx");
    EXPECT_NE(refusal("absolute.xlsx").find("'/tmp/evil.txt' leaves the archive"),
              std::string::npos)
        << refusal("absolute.xlsx");
}

TEST_F(HostileWorkbook, ASharedStringTableOverTheCapIsRefused) {
    EXPECT_NE(refusal("strings.xlsx", small_limits())
                  .find("the shared-string table has more than 1000 strings: refused"),
              std::string::npos)
        << refusal("strings.xlsx", small_limits());
    EXPECT_EQ(refusal("strings.xlsx"), ""); // 2000 is well under the default cap
}

TEST_F(HostileWorkbook, AMillionEmptyRowsCostNoRows) {
    const auto start = std::chrono::steady_clock::now();
    Diagnostics diagnostics;
    const ExportFile file = read("empty-rows.xlsx", diagnostics);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_EQ(file.grid.sheets.size(), 1u);
    ASSERT_EQ(file.grid.sheets[0].rows.size(), 1u); // only the row with text
    EXPECT_EQ(file.grid.sheets[0].rows[0].number, 1048576);
    EXPECT_EQ(file.grid.sheets[0].rows[0].cells[0].text, "end");
    EXPECT_LT(seconds, 30.0); // ~1 s alone; the bound is what matters, not the speed
}

TEST_F(HostileWorkbook, ACellOutsideASheetIsRefused) {
    EXPECT_NE(refusal("far-cell.xlsx").find("row 1048577 is outside a sheet"), std::string::npos)
        << refusal("far-cell.xlsx");
}

TEST_F(HostileWorkbook, TextUnderAMergedRangeIsNotReadAndSaysSo) {
    Diagnostics diagnostics;
    const ExportFile file = read("covered.xlsx", diagnostics);
    ASSERT_EQ(file.grid.sheets[0].rows.size(), 1u);
    EXPECT_EQ(file.grid.sheets[0].rows[0].cells.size(), 1u); // B1 is under A1:B1
    EXPECT_EQ(file.grid.sheets[0].rows[0].cells[0].text, "shared");
    std::string messages;
    for (const Diagnostic& d : diagnostics.items()) {
        messages += format_diagnostic(d) + "\n";
    }
    EXPECT_NE(messages.find("covered.xlsx:S!B1: warning: the cell holds 'x' under the merged "
                            "range A1:B1, where it is not shown: it is not imported"),
              std::string::npos)
        << messages;
}

TEST_F(HostileWorkbook, AHiddenColumnWithTextIsReadAndSaysSo) {
    Diagnostics diagnostics;
    const ExportFile file = read("hidden-column.xlsx", diagnostics);
    EXPECT_EQ(file.grid.sheets[0].rows[0].cells[1].text, "x");
    ASSERT_EQ(diagnostics.items().size(), 2u); // the warning and the note of the format
    EXPECT_EQ(format_diagnostic(diagnostics.items()[0]),
              "hidden-column.xlsx:S!B1: warning: column B of the sheet S is hidden in the "
              "workbook; its cells are imported\nhint: a hidden column is read like any other: "
              "unhide it to check it");
}

TEST_F(HostileWorkbook, DeeplyNestedXmlIsRefused) {
    EXPECT_NE(refusal("deep.xlsx").find("the XML nests deeper than 64 elements: refused"),
              std::string::npos)
        << refusal("deep.xlsx");
}

} // namespace
} // namespace formpdf::workbook
