// The scored self-evaluation form (layouts/project-self-evaluation.yaml) through `formpdf
// workbook` and back through `formpdf import`, which reads it by the positions of its layout's
// cells (docs/import.md, "Forms read by position"): its budget block and two-row indicator header
// are not label/value pairs.

#include "load/declaration.h"
#include "support/command.h"
#include "support/workbook_fill_in.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

namespace formpdf::testing {
namespace {

const std::filesystem::path kSource = FORMPDF_SOURCE_DIR;
const std::filesystem::path kDeclaration = kSource / "inputs/family/project-self-evaluation.yaml";
// The form has no code field: its declaration is named by the row its form starts on.
constexpr const char* kImportedName = "form-row-1.yaml";

// "indicators/level1=产出/level2=数量: name=… actual=…" lines. An empty value is left out: the
// import writes an empty cell as '' where the source leaves the key out, and both print the same.
void flatten(const std::vector<load::Group>& groups, const std::string& path,
             std::vector<std::string>& lines) {
    for (const load::Group& group : groups) {
        const std::string here = path + "/" + group.level + "=" + group.label.text;
        lines.push_back(here);
        flatten(group.groups, here, lines);
        for (const load::Record& record : group.records) {
            std::string line = here + ":";
            for (const auto& [id, value] : record.fields) {
                if (!value.text.empty()) {
                    line += " " + id + "=" + value.text;
                }
            }
            lines.push_back(line);
        }
    }
}

std::vector<std::string> values_of(const load::Declaration& declaration) {
    std::vector<std::string> lines{"form=" + declaration.form.text};
    for (const auto& [id, value] : declaration.fields) {
        if (!value.text.empty()) {
            lines.push_back(id + "=" + value.text);
        }
    }
    for (const auto& [id, groups] : declaration.trees) {
        flatten(groups, id, lines);
    }
    return lines;
}

load::Declaration load_one(const std::filesystem::path& path) {
    std::vector<load::Declaration> declarations = load::load_declarations_file(path);
    EXPECT_EQ(declarations.size(), 1U) << path;
    return declarations.at(0);
}

std::string without_first_line(const std::string& text) {
    return text.substr(text.find('\n') + 1);
}

class SelfEvaluationRoundTrip : public ::testing::Test {
protected:
    // The declaration's workbook, then the import of `xlsx` into dir/imported.
    void write_workbook(const std::filesystem::path& declaration = kDeclaration) {
        const CommandResult written = run_command(
            {formpdf_binary(), "workbook", declaration.string(), "-o", xlsx().string()});
        ASSERT_EQ(written.exit_code, 0) << written.err;
    }
    // Types the cells into the workbook as a person does (support/workbook_fill_in.h).
    void fill_in(const std::vector<std::string>& cells) { fill_in_workbook(xlsx(), cells); }
    CommandResult run_import(const std::string& into = "imported") {
        return run_command({formpdf_binary(), "import", xlsx().string(), "-o",
                            (dir_ / into).string(), "--warning-exit-0"});
    }
    std::filesystem::path xlsx() const { return dir_ / "self.xlsx"; }
    std::filesystem::path imported_file(const std::string& into = "imported") const {
        return dir_ / into / kImportedName;
    }

    TempDir dir_;
};

TEST_F(SelfEvaluationRoundTrip, WorkbookReadsBackToEveryValueAndTheSamePdf) {
    write_workbook();
    const CommandResult imported = run_import();
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    ASSERT_TRUE(std::filesystem::exists(imported_file())) << imported.err;
    EXPECT_EQ(values_of(load_one(imported_file())), values_of(load_one(kDeclaration)));
    // Every value, the budget block's amounts too, in its place: the print is the same, byte for
    // byte.
    const std::vector<std::string> env = {"SOURCE_DATE_EPOCH=1700000000"};
    const auto source_pdf = dir_.path() / "source.pdf";
    const auto imported_pdf = dir_.path() / "imported.pdf";
    ASSERT_EQ(
        run_command({formpdf_binary(), "render", kDeclaration.string(), "-o", source_pdf.string()},
                    env)
            .exit_code,
        0);
    ASSERT_EQ(run_command({formpdf_binary(), "render", imported_file().string(), "-o",
                           imported_pdf.string()},
                          env)
                  .exit_code,
              0);
    EXPECT_TRUE(read_text(source_pdf) == read_text(imported_pdf));
}

TEST_F(SelfEvaluationRoundTrip, ImportedDeclarationComesBackByteForByte) {
    // What the import writes (every field of the layout, in the form definition's order, empty
    // cells as '') is a fixed point: its workbook imports to the same text but for the first line,
    // which names the source.
    write_workbook();
    ASSERT_EQ(run_import("first").exit_code, 0);
    write_workbook(imported_file("first"));
    const CommandResult again = run_import("second");
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(without_first_line(read_text(imported_file("second"))),
              without_first_line(read_text(imported_file("first"))));
}

TEST_F(SelfEvaluationRoundTrip, CellsAPersonFilledInAreImported) {
    write_workbook();
    // The budget block's first amount and score, one indicator's actual value, score and reason
    // (emptied), its name, and the sign-off line's 财务负责人.
    fill_in({"D8=1,300.00", "K8=9.5", "H18=2", "J18=3", "K18=", "D15=政务云主机租赁数量（台）",
             "F37=王立新"});
    const CommandResult imported = run_import();
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    load::Declaration expected = load_one(kDeclaration);
    const std::map<std::string, std::string> fields = {
        {"total_initial", "1,300.00"}, {"budget_score", "9.5"}, {"finance_leader", "王立新"}};
    for (auto& [id, value] : expected.fields) {
        if (const auto it = fields.find(id); it != fields.end()) {
            value.text = it->second;
        }
    }
    std::vector<load::Record>& quantity = expected.trees.at(0).second.at(0).groups.at(0).records;
    for (auto& [id, value] : quantity.at(0).fields) {
        if (id == "name") {
            value.text = "政务云主机租赁数量（台）";
        }
    }
    for (auto& [id, value] : quantity.at(3).fields) {
        value.text = id == "actual" ? "2" : id == "score" ? "3" : id == "reason" ? "" : value.text;
    }
    EXPECT_EQ(values_of(load_one(imported_file())), values_of(expected));
}

TEST_F(SelfEvaluationRoundTrip, BlankFormFilledInByAPersonIsImported) {
    // The blank form's 14 indicator rows: two filled in, the second continuing the group of the
    // first, the others left blank; the 合计 row below them ends the indicators.
    const CommandResult blank = run_command({formpdf_binary(), "workbook", "--blank",
                                             "project-self-evaluation", "-o", xlsx().string()});
    ASSERT_EQ(blank.exit_code, 0) << blank.err;
    fill_in({"A2=（2024年度）", "C3=青川区数据局", "C4=政务云项目", "C5=青川区政府办",
             "H5=青川区数据局", "C6=周慧敏",       "H6=0571-1234",  "D8=100.00",
             "E8=90.00",        "F8=80.00",        "H8=88.89%",     "J8=10",
             "K8=8.9",          "C12=租赁云主机",  "F12=已租赁",    "B15=产出",
             "C15=数量",        "D15=主机数量",    "E15=≥",         "F15=400",
             "G15=台",          "H15=436",         "I15=50",        "J15=50",
             "D16=存储容量",    "E16=≥",           "F16=800",       "G16=TB",
             "H16=700",         "I16=40",          "J16=30",        "K16=采购推迟",
             "I29=100",         "J29=88.9",        "F30=陈立新",    "J30=2025年1月5日"});
    const CommandResult imported = run_import();
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    const load::Declaration back = load_one(imported_file());
    EXPECT_EQ(values_of(back),
              (std::vector<std::string>{
                  "form=project-self-evaluation",
                  "subtitle=（2024年度）",
                  "reporting_unit=青川区数据局",
                  "project_name=政务云项目",
                  "department=青川区政府办",
                  "implementing_unit=青川区数据局",
                  "project_leader=周慧敏",
                  "phone=0571-1234",
                  "total_initial=100.00",
                  "total_adjusted=90.00",
                  "total_executed=80.00",
                  "total_rate=88.89%",
                  "budget_weight=10",
                  "budget_score=8.9",
                  "goal_expected=租赁云主机",
                  "goal_actual=已租赁",
                  "total_weight=100",
                  "total_score=88.9",
                  "finance_leader=陈立新",
                  "fill_date=2025年1月5日",
                  "indicators/level1=产出",
                  "indicators/level1=产出/level2=数量",
                  "indicators/level1=产出/level2=数量: name=主机数量 nature=≥ value=400 unit=台 "
                  "actual=436 weight=50 score=50",
                  "indicators/level1=产出/level2=数量: name=存储容量 nature=≥ value=800 unit=TB "
                  "actual=700 weight=40 score=30 reason=采购推迟"}));
}

TEST_F(SelfEvaluationRoundTrip, OneSheetPerDeclarationEachReadBack) {
    const CommandResult written = run_command({formpdf_binary(), "workbook", kDeclaration.string(),
                                               kDeclaration.string(), "-o", xlsx().string()});
    ASSERT_EQ(written.exit_code, 0) << written.err;
    const CommandResult imported = run_import();
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    for (const char* name : {"form-sheet-1-row-1.yaml", "form-sheet-2-row-1.yaml"}) {
        const auto back = dir_ / "imported" / name;
        ASSERT_TRUE(std::filesystem::exists(back)) << name << "\n" << imported.err;
        EXPECT_EQ(values_of(load_one(back)), values_of(load_one(kDeclaration))) << name;
    }
}

TEST_F(SelfEvaluationRoundTrip, TextWhereAnAmountBelongsIsAnErrorAtItsCell) {
    write_workbook();
    fill_in({"D8=一千三百"});
    const CommandResult imported = run_import();
    EXPECT_EQ(imported.exit_code, 2);
    EXPECT_NE(imported.err.find("!D8: error: 年度资金总额 年初预算数 must be an amount with 2 "
                                "decimals"),
              std::string::npos)
        << imported.err;
    EXPECT_FALSE(std::filesystem::exists(dir_ / "imported"));
}

TEST_F(SelfEvaluationRoundTrip, RequiredCellLeftEmptyIsAnErrorAtItsCell) {
    write_workbook();
    fill_in({"E8=", "J36="});
    const CommandResult imported = run_import();
    EXPECT_EQ(imported.exit_code, 2);
    EXPECT_NE(
        imported.err.find(
            "!E8: error: 年度资金总额 调整后预算数 (total_adjusted) is required, but it is empty"),
        std::string::npos)
        << imported.err;
    EXPECT_NE(
        imported.err.find("!J36: error: 合计 得分 (total_score) is required, but it is empty"),
        std::string::npos)
        << imported.err;
    EXPECT_FALSE(std::filesystem::exists(dir_ / "imported"));
}

TEST_F(SelfEvaluationRoundTrip, TextWhereTheLayoutHasNoCellIsAnErrorAtItsCell) {
    write_workbook();
    fill_in({"N8=备用金"});
    const CommandResult imported = run_import();
    EXPECT_EQ(imported.exit_code, 2);
    EXPECT_NE(imported.err.find("!N8: error: cannot place the cell '备用金' (column 14): the "
                                "layout of the form 'project-self-evaluation' has no cell there"),
              std::string::npos)
        << imported.err;
    EXPECT_FALSE(std::filesystem::exists(dir_ / "imported"));
}

TEST_F(SelfEvaluationRoundTrip, LayoutTextOutOfPlaceIsAnErrorAtItsCell) {
    // A row deleted above the budget block would move every amount up one row: the labels say so.
    write_workbook();
    fill_in({"C8=合计资金"});
    const CommandResult imported = run_import();
    EXPECT_EQ(imported.exit_code, 2);
    EXPECT_NE(imported.err.find("!C8: error: expected the layout's text '年度资金总额' here, "
                                "found '合计资金'"),
              std::string::npos)
        << imported.err;
    EXPECT_FALSE(std::filesystem::exists(dir_ / "imported"));
}

} // namespace
} // namespace formpdf::testing
