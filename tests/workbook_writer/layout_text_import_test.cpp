// The fill-in workbook's own texts are never read back as values (docs/import.md, "The fill-in
// workbook"): `formpdf workbook --blank` then `formpdf import`. The layout's text right of an empty
// value cell (单位负责人签字： after 填报日期：) is not the value, and a value cell the workbook
// writes with the layout's text around the value (主管部门审核意见 above 单位公章：…) gives only
// what the person typed.

#include "load/declaration.h"
#include "load/layout_loader.h"
#include "support/command.h"
#include "support/workbook_fill_in.h"
#include "workbook_writer/cell_texts.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

namespace formpdf::testing {
namespace {

const std::filesystem::path kSource = FORMPDF_SOURCE_DIR;
// The forms have no code field: a declaration is named by the row its form starts on.
constexpr const char* kImportedName = "form-row-1.yaml";
// The municipal form's 主管部门审核意见 cell: the opinion, then the seal line below it.
constexpr const char* kOpinionCell = "B24";
constexpr const char* kSealLine = "单位公章：　　　　年　　月　　日";

class LayoutTextImport : public ::testing::Test {
protected:
    void write_blank(const std::string& form) {
        const CommandResult written = run_command(
            {formpdf_binary(), "workbook", "--blank", form, "-o", xlsx().string(), "-q"});
        ASSERT_EQ(written.exit_code, 0) << written.err;
    }
    // Types the cells into the workbook as a person does (support/workbook_fill_in.h).
    void fill_in(const std::vector<std::string>& cells) { fill_in_workbook(xlsx(), cells); }
    CommandResult run_import() {
        return run_command({formpdf_binary(), "import", xlsx().string(), "-o",
                            (dir_ / "imported").string(), "--warning-exit-0"});
    }
    // The value of a header field of the one imported declaration.
    std::string imported_field(const std::string& id) {
        const std::vector<load::Declaration> declarations =
            load::load_declarations_file(dir_ / "imported" / kImportedName);
        EXPECT_EQ(declarations.size(), 1U);
        const load::TextValue* value = declarations.empty() ? nullptr : declarations[0].field(id);
        EXPECT_NE(value, nullptr) << id;
        return value ? value->text : "<none>";
    }
    std::filesystem::path xlsx() const { return dir_ / "form.xlsx"; }

    TempDir dir_;
};

TEST_F(LayoutTextImport, AnEmptyValueLeftOfTheLayoutsTextStaysEmpty) {
    // 填报日期： | (empty) | 单位负责人签字： | (the signature's box)
    write_blank("legacy-project-targets");
    const CommandResult imported = run_import();
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_EQ(imported_field("fill_date"), "");
    EXPECT_EQ(imported_field("preparer"), "");
}

TEST_F(LayoutTextImport, AValueTypedInItsCellIsKeptEvenWhenTheLayoutHasTheSameText) {
    // 填报日期： (A22:B22) | C22:D22 the value. 单位：万元 is also the layout's text above the
    // table: typed into the value cell, it is the value, not the layout's text.
    write_blank("legacy-project-targets");
    fill_in({"C22=单位：万元", "C21=单位负责人签字："});
    const CommandResult imported = run_import();
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_EQ(imported_field("fill_date"), "单位：万元");
    EXPECT_EQ(imported_field("preparer"), "单位负责人签字：");
}

TEST_F(LayoutTextImport, TheLayoutsTextInAValueCellIsNotItsValue) {
    write_blank("municipal-project-targets");
    const CommandResult imported = run_import();
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_EQ(imported_field("review_opinion"), "");
    EXPECT_EQ(imported.err.find("not intact"), std::string::npos) << imported.err;
}

TEST_F(LayoutTextImport, AnOpinionTypedAboveTheSealLineIsExactlyWhatWasTyped) {
    write_blank("municipal-project-targets");
    // Two lines typed where the cell's first (empty) line was; the seal line kept.
    fill_in({std::string(kOpinionCell) + "=同意。\n 请按程序报批。\n" + kSealLine});
    const CommandResult imported = run_import();
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_EQ(imported_field("review_opinion"), "同意。\n 请按程序报批。");
    EXPECT_EQ(imported.err.find("not intact"), std::string::npos) << imported.err;
}

TEST_F(LayoutTextImport, ACellWhoseLayoutTextWasChangedIsReadWholeWithAWarning) {
    write_blank("municipal-project-targets");
    fill_in({std::string(kOpinionCell) + "=同意。\n单位公章：2025年3月1日"});
    const CommandResult imported = run_import();
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_EQ(imported_field("review_opinion"), "同意。\n单位公章：2025年3月1日");
    EXPECT_NE(imported.err.find("form.xlsx:市直部门预算项目支出绩效目标表!B24: warning: the "
                                "layout's text '单位公章："),
              std::string::npos)
        << imported.err;
    EXPECT_NE(imported.err.find("hint: type only the value"), std::string::npos) << imported.err;
}

TEST_F(LayoutTextImport, AnEmptiedOpinionCellIsAnEmptyValue) {
    write_blank("municipal-project-targets");
    fill_in({std::string(kOpinionCell) + "="});
    const CommandResult imported = run_import();
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_EQ(imported_field("review_opinion"), "");
}

// Every bundled layout with a form: its blank workbook, imported, has no value that is one of the
// layout's own texts. Some blank forms are refused by the import for reasons of their own (values
// inside a `format:` text, a label shown twice, required fields of a form read by position):
// those write nothing, and the forms read back are at least the three below.
TEST(LayoutTextImportAll, NoBundledLayoutsBlankWorkbookReadsALayoutTextAsAValue) {
    std::set<std::string> checked;
    for (const auto& entry : std::filesystem::directory_iterator(kSource / "layouts")) {
        if (entry.path().extension() != ".yaml" ||
            read_text(entry.path()).find("\nform:") == std::string::npos) {
            continue;
        }
        const load::LayoutSpec layout = load::load_layout_file(entry.path());
        ASSERT_TRUE(layout.form) << entry.path();
        std::set<std::string> own(layout.form->layout_texts.begin(),
                                  layout.form->layout_texts.end());
        const load::WorkbookCellTexts texts = workbook_writer::workbook_cell_texts(layout);
        own.insert(texts.static_texts.begin(), texts.static_texts.end());
        for (const load::WrappedFieldCell& cell : texts.wrapped_fields) {
            own.insert(cell.before + cell.after); // the blank cell's whole text
        }
        TempDir dir;
        const auto xlsx = dir / "blank.xlsx";
        const CommandResult written = run_command(
            {formpdf_binary(), "workbook", "--blank", layout.form->id, "-o", xlsx.string(), "-q"});
        ASSERT_EQ(written.exit_code, 0) << written.err;
        const CommandResult imported =
            run_command({formpdf_binary(), "import", xlsx.string(), "-o",
                         (dir / "imported").string(), "--warning-exit-0", "-q"});
        if (imported.exit_code != 0) {
            continue; // refused as a whole: nothing written, no value read
        }
        for (const auto& file : std::filesystem::directory_iterator(dir / "imported")) {
            if (file.path().extension() != ".yaml") {
                continue;
            }
            for (const load::Declaration& declaration : load::load_declarations_file(file.path())) {
                for (const auto& [id, value] : declaration.fields) {
                    EXPECT_EQ(own.count(value.text), 0U)
                        << layout.form->id << ": " << id << " = '" << value.text << "'";
                }
            }
        }
        checked.insert(layout.form->id);
    }
    for (const char* form :
         {"legacy-project-targets", "municipal-project-targets", "shenzhen-l2-project"}) {
        EXPECT_EQ(checked.count(form), 1U) << form;
    }
}

} // namespace
} // namespace formpdf::testing
