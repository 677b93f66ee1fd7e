// The import of the budget system's export, on the 41 real forms of the seed and on broken exports.

#include "load/export_import.h"

#include "core/file_io.h"
#include "load/declaration_writer.h"
#include "load/layout_loader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

namespace formpdf::load {
namespace {

const std::string kSeed =
    std::string(FORMPDF_SOURCE_DIR) + "/tests/data/seed/futian-l2-project-forms.txt";

const FormDefinition& shenzhen() {
    static const FormDefinition form = [] {
        LayoutSpec layout =
            load_layout_file(std::string(FORMPDF_SOURCE_DIR) + "/layouts/shenzhen-l2-project.yaml");
        return *layout.form;
    }();
    return form;
}

const std::string& seed_text() {
    static const std::string text = read_file(kSeed, 1 << 24);
    return text;
}

const ExportImport& seed() {
    static const ExportImport imported = import_export_text(seed_text(), "seed.txt", shenzhen());
    return imported;
}

const ImportedForm& form_with_code(const std::string& code) {
    for (const ImportedForm& form : seed().forms) {
        if (form.declaration.field("project_code")->text == code) {
            return form;
        }
    }
    throw std::runtime_error("no form " + code);
}

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, separator)) {
        parts.push_back(part);
    }
    if (!text.empty() && text.back() == separator) {
        parts.emplace_back();
    }
    return parts;
}

// Every text of the declaration, with where it was read.
void collect(const std::vector<Group>& groups, std::vector<TextValue>& out) {
    for (const Group& group : groups) {
        out.push_back(group.label);
        collect(group.groups, out);
        for (const Record& record : group.records) {
            for (const auto& [id, value] : record.fields) {
                out.push_back(value);
            }
        }
    }
}

std::vector<TextValue> texts_of(const Declaration& declaration) {
    std::vector<TextValue> out;
    for (const auto& [id, value] : declaration.fields) {
        out.push_back(value);
    }
    for (const auto& [id, groups] : declaration.trees) {
        collect(groups, out);
    }
    return out;
}

// The texts the form definition prints itself: labels, table header, standard title and footer.
std::set<std::string> definition_texts() {
    std::set<std::string> texts = {shenzhen().title, shenzhen().footer};
    for (const FieldDefinition& field : shenzhen().fields) {
        texts.insert(field.label);
    }
    for (const TreeDefinition& tree : shenzhen().trees) {
        for (const LevelDefinition& level : tree.levels) {
            texts.insert(level.label);
        }
        for (const RowFieldDefinition& field : tree.row_fields) {
            texts.insert(field.label);
        }
    }
    return texts;
}

TEST(ExportImport, ReadsTheFortyOneFormsOfTheSeed) {
    ASSERT_FALSE(seed().diagnostics.has_errors());
    ASSERT_EQ(seed().forms.size(), 41u);
    std::set<std::string> names;
    for (const ImportedForm& form : seed().forms) {
        names.insert(form.file_name);
        EXPECT_EQ(form.declaration.form.text, "shenzhen-l2-project");
        ASSERT_NE(form.declaration.tree("indicators"), nullptr) << form.first_line;
        EXPECT_EQ(form.declaration.tree("indicators")->size(), 3u) << form.first_line;
    }
    EXPECT_EQ(names.size(), 41u) << "one file per form";
    EXPECT_EQ(seed().forms.front().file_name, "440304221061500500012.yaml");
    EXPECT_EQ(seed().forms.front().first_line, 3);
    EXPECT_EQ(seed().forms.front().last_line, 25);
}

// Both ways, per form: every non-empty cell is a text of the declaration, at the cell's own line
// and column, or a text the form definition prints (label, header, standard title and footer);
// and every text of the declaration is a cell of the form. Nothing lost, nothing invented.
TEST(ExportImport, EveryNonEmptyCellIsInItsDeclarationExactly) {
    const std::vector<std::string> lines = split(seed_text(), '\n');
    const std::set<std::string> printed_by_form = definition_texts();
    for (const ImportedForm& form : seed().forms) {
        std::map<std::pair<int, int>, std::string> values; // (line, col) → text
        for (const TextValue& value : texts_of(form.declaration)) {
            if (!value.text.empty()) {
                EXPECT_TRUE(
                    values.emplace(std::pair(value.loc.line, value.loc.col), value.text).second)
                    << "two values from one cell at line " << value.loc.line;
            }
        }
        std::size_t matched = 0;
        for (int number = form.first_line; number <= form.last_line; ++number) {
            int col = 1;
            for (const std::string& cell : split(lines[number - 1], '\t')) {
                if (!cell.empty()) {
                    const auto it = values.find({number, col});
                    if (it != values.end()) {
                        EXPECT_EQ(it->second, cell) << "line " << number << " col " << col;
                        ++matched;
                    } else {
                        EXPECT_TRUE(printed_by_form.count(cell))
                            << "cell '" << cell << "' of line " << number
                            << " is neither in the declaration nor printed by the form";
                    }
                }
                col += static_cast<int>(std::count_if(
                           cell.begin(), cell.end(),
                           [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; })) +
                       1;
            }
        }
        EXPECT_EQ(matched, values.size()) << "the form at line " << form.first_line
                                          << " has texts that are no cell of the export";
    }
}

std::vector<std::string> labels(const std::vector<Group>& groups) {
    std::vector<std::string> out;
    for (const Group& group : groups) {
        out.push_back(group.label.text);
    }
    return out;
}

std::vector<std::string> row_names(const Group& group) {
    std::vector<std::string> out;
    for (const Record& record : group.records) {
        out.push_back(record.find("name")->text);
    }
    return out;
}

const Group& group_named(const std::vector<Group>& groups, const std::string& label) {
    for (const Group& group : groups) {
        if (group.label.text == label) {
            return group;
        }
    }
    throw std::runtime_error("no group " + label);
}

const std::vector<std::string> kStandardBenefit = {"经济效益", "*社会效益", "生态效益",
                                                   "可持续影响"};

TEST(ExportImport, PutsTheShiftedRowsOfTheFiveFormsBackUnderTheirIndicators) {
    for (const std::string code :
         {"440304221061500600011", "440304221061500600010", "440304221061500600008",
          "440304221061500000017", "440304221061500300035"}) {
        SCOPED_TRACE(code);
        const std::vector<Group>& tree = *form_with_code(code).declaration.tree("indicators");
        EXPECT_EQ(labels(tree), (std::vector<std::string>{"产出", "效益", "满意度"}));
        EXPECT_EQ(labels(tree[1].groups), kStandardBenefit);
        for (const Group& first : tree) {
            for (const Group& second : first.groups) {
                EXPECT_EQ(second.level, "level2");
                EXPECT_FALSE(second.records.empty());
                for (const Record& record : second.records) {
                    EXPECT_EQ(record.fields.size(), 3u);
                }
            }
        }
    }
    // 数据规划管理: the *社会效益 rows written one to three columns off, exactly as in the export.
    const Group& social = group_named(
        form_with_code("440304221061500600008").declaration.tree("indicators")->at(1).groups,
        "*社会效益");
    EXPECT_EQ(row_names(social), (std::vector<std::string>{
                                     "中心安全生产事故发生数", "保障福田区智慧城市指挥中心正常运营",
                                     "保障新型智慧城区系统的正常运行。", "中心信息安全事故发生数",
                                     "提升智慧福田宣传覆盖率"}));
    EXPECT_EQ(social.records[0].find("value")->text, "0起");
    EXPECT_EQ(social.records[4].find("value")->text, "有效");
    EXPECT_EQ(social.label.loc.line, 155);
    EXPECT_EQ(social.label.loc.col, 3);
    // 民意速办: 经济效益 lost its third 不适用 to the shift; it is kept empty, not invented.
    const Group& economic =
        form_with_code("440304221061500600011").declaration.tree("indicators")->at(1).groups[0];
    EXPECT_EQ(economic.records[0].find("value")->text, "不适用");
    EXPECT_EQ(economic.records[0].find("explanation")->text, "");
    // Its duplicated row stays: the export has it twice.
    EXPECT_EQ(row_names(group_named(form_with_code("440304221061500600011")
                                        .declaration.tree("indicators")
                                        ->at(1)
                                        .groups,
                                    "*社会效益"))
                  .size(),
              3u);
}

TEST(ExportImport, WarnsOnEveryRepairedLineAndTheFooterTypo) {
    std::vector<int> warned;
    for (const Diagnostic& diagnostic : seed().diagnostics.items()) {
        EXPECT_EQ(diagnostic.severity, Severity::Warning) << diagnostic.message;
        EXPECT_EQ(diagnostic.loc.file, "seed.txt");
        warned.push_back(diagnostic.loc.line);
    }
    EXPECT_EQ(warned, (std::vector<int>{46, 47, 50, 51, 86, 154, 155, 156, 157, 158, 159, 160, 161,
                                        167, 567, 846, 847, 849, 850}));
    const Diagnostic& footer = seed().diagnostics.items()[13];
    EXPECT_NE(footer.message.find("'友' instead of '灰'"), std::string::npos) << footer.message;
    const Diagnostic& missing = seed().diagnostics.items()[0];
    EXPECT_NE(missing.message.find("no cell left for 指标解释"), std::string::npos);
}

TEST(ExportImport, KeepsAFooterThatDiffersAndOnlyThatOne) {
    int overridden = 0;
    for (const ImportedForm& form : seed().forms) {
        if (const TextValue* footer = form.declaration.field("footer")) {
            ++overridden;
            EXPECT_EQ(footer->text,
                      "备注：作为导入模板，置友信息无需录入，作为导出模板，置友信息系统自动带出。");
            EXPECT_EQ(form.declaration.field("project_name")->text, "数据规划管理");
        }
        EXPECT_EQ(form.declaration.field("title"), nullptr);
    }
    EXPECT_EQ(overridden, 1);
}

TEST(ExportImport, CopiesTextExactly) {
    const Declaration& grid = form_with_code("440304221061500600010").declaration;
    EXPECT_EQ(grid.field("overview")->text, "") << "网格信息管理 has an empty 项目概况";
    EXPECT_EQ(grid.field("total_amount")->text, "1,866.00");
    EXPECT_EQ(grid.field("period_years")->text, "3");
    EXPECT_EQ(grid.field("new_project")->text, "否");
    EXPECT_EQ(grid.field("total_amount")->loc.line, 62);
    EXPECT_EQ(grid.field("total_amount")->loc.col,
              17); // after 项目总金额（中期规划，万元）： and a tab
    const Declaration& reserve = form_with_code("440304221061500100028").declaration;
    EXPECT_EQ(reserve.tree("indicators")->at(0).groups[0].label.text, "•数量");
    EXPECT_NE(reserve.field("overview")->text.find("开支； 2."), std::string::npos)
        << "spaces inside long texts stay";
}

ExportImport import(const std::string& text) {
    return import_export_text(text, "x.txt", shenzhen());
}

// The first form of the seed, as its own export.
std::string first_form() {
    const std::vector<std::string> lines = split(seed_text(), '\n');
    std::string text;
    for (int i = 2; i < 25; ++i) {
        text += lines[i] + "\n";
    }
    return text;
}

std::string replace_line(const std::string& text, int line, const std::string& replacement) {
    std::vector<std::string> lines = split(text, '\n');
    lines[line - 1] = replacement;
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        out += lines[i] + (i + 1 < lines.size() ? "\n" : "");
    }
    return out;
}

TEST(ExportImport, TwoFormsWithTheSameCodeGetTwoFiles) {
    const ExportImport result = import(first_form() + "\n" + first_form());
    ASSERT_EQ(result.forms.size(), 2u);
    EXPECT_EQ(result.forms[0].file_name, "440304221061500500012.yaml");
    EXPECT_EQ(result.forms[1].file_name, "440304221061500500012-2.yaml");
    ASSERT_EQ(result.diagnostics.items().size(), 1u);
    EXPECT_EQ(result.diagnostics.items()[0].loc.line, 26); // the second form's code
    EXPECT_EQ(result.diagnostics.items()[0].severity, Severity::Warning);
}

TEST(ExportImport, FileNamesAreSafeAndDistinctIgnoringCase) {
    // "CON" opens a device on Windows; "ab" and "AB" are one file on Windows and macOS; a code
    // "ab-2" must not take the file of the second "ab".
    const auto with_code = [](const std::string& code) {
        std::string text = first_form();
        const std::size_t at = text.find("440304221061500500012");
        EXPECT_NE(at, std::string::npos);
        return text.replace(at, 21, code);
    };
    const ExportImport result =
        import(with_code("CON") + "\n" + with_code("ab") + "\n" + with_code("AB") + "\n" +
               with_code("ab") + "\n" + with_code("ab-2"));
    ASSERT_EQ(result.forms.size(), 5u);
    std::vector<std::string> names;
    for (const ImportedForm& form : result.forms) {
        names.push_back(form.file_name);
    }
    EXPECT_TRUE(names[0].starts_with("form-line-")) << names[0];
    EXPECT_EQ(std::vector<std::string>(names.begin() + 1, names.end()),
              (std::vector<std::string>{"ab.yaml", "AB-2.yaml", "ab-3.yaml", "ab-2-2.yaml"}));
    EXPECT_EQ(result.diagnostics.count(Severity::Warning), 4) << "CON, AB, ab and ab-2";
}

TEST(ExportImport, CrlfAndAByteOrderMarkReadTheSame) {
    std::string crlf = "\xEF\xBB\xBF";
    for (const std::string& line : split(first_form(), '\n')) {
        crlf += line + "\r\n";
    }
    const ExportImport lf = import(first_form());
    const ExportImport windows = import(crlf);
    ASSERT_EQ(windows.forms.size(), 1u);
    EXPECT_FALSE(windows.diagnostics.has_errors());
    const std::vector<TextValue> a = texts_of(lf.forms[0].declaration);
    const std::vector<TextValue> b = texts_of(windows.forms[0].declaration);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].text, b[i].text);
    }
}

void expect_error_at(const ExportImport& result, int line, const std::string& words) {
    ASSERT_TRUE(result.diagnostics.has_errors());
    for (const Diagnostic& diagnostic : result.diagnostics.items()) {
        if (diagnostic.severity == Severity::Error) {
            EXPECT_EQ(diagnostic.loc.line, line) << diagnostic.message;
            EXPECT_NE(diagnostic.message.find(words), std::string::npos) << diagnostic.message;
            return;
        }
    }
}

TEST(ExportImport, ACellItCannotPlaceIsAnErrorWithItsLine) {
    // A sixth value on an indicator row in place: there is no column for it.
    expect_error_at(import(replace_line(first_form(), 12,
                                        "\t*质量\t疫情防控补贴发放准确率\t100%\t考察\t多出来的")),
                    12, "cannot place the cell '多出来的'");
    // A header row with a cell that is no label.
    expect_error_at(import(replace_line(first_form(), 4, "实施期限：\t3\t\t项目负责人：\t张三")), 4,
                    "cannot place the cell '项目负责人：'");
    // A row that continues a group when there is none.
    expect_error_at(import(replace_line(first_form(), 11, "\t\t疫情防控补贴发放人数\t≥10人\t考察")),
                    11, "no 一级指标");
}

TEST(ExportImport, AFormWithoutItsFooterIsAnError) {
    const std::string text = first_form();
    const ExportImport result = import(text.substr(0, text.rfind("备注")));
    expect_error_at(result, 1, "has no 备注 line");
}

TEST(ExportImport, BytesThatAreNotUtf8AreAnErrorAtTheirPlace) {
    // "项目" in GBK.
    const ExportImport result = import("二级项目支出绩效目标申报表\n\xCF\xEE\xC4\xBF\n");
    ASSERT_TRUE(result.diagnostics.has_errors());
    EXPECT_EQ(result.diagnostics.items()[0].loc.line, 2);
    EXPECT_EQ(result.diagnostics.items()[0].loc.col, 1);
    EXPECT_NE(result.diagnostics.items()[0].hint.find("GB18030"), std::string::npos);
    EXPECT_TRUE(result.forms.empty());
}

TEST(ExportImport, FindsTheFirstTitle) {
    EXPECT_EQ(export_first_title(seed_text()), "二级项目支出绩效目标申报表");
    EXPECT_EQ(export_first_title("\n\t\n"), std::nullopt);
}

} // namespace
} // namespace formpdf::load

namespace formpdf::load {
namespace {

// The first form of the seed as a workbook grid: `sheets` sheets, the form on each from `row`.
CellGrid workbook_grid(int sheets, int row) {
    const CellGrid text = grid_from_tab_text(first_form(), "forms.xlsx");
    CellGrid grid;
    grid.file = "forms.xlsx";
    grid.unit = GridUnit::SheetCells;
    for (int s = 1; s <= sheets; ++s) {
        GridSheet& sheet = grid.sheets.emplace_back();
        sheet.name = s == 1 ? "表1" : "My sheet";
        for (const GridRow& line : text.sheets[0].rows) {
            if (std::all_of(line.cells.begin(), line.cells.end(),
                            [](const GridCell& cell) { return cell.text.empty(); })) {
                continue; // a workbook reader leaves out rows without text
            }
            GridRow copy;
            copy.number = line.number + row - 1;
            int col = 1;
            for (const GridCell& cell : line.cells) {
                copy.cells.push_back(GridCell{cell.text, col++}); // a sheet's columns
            }
            sheet.rows.push_back(std::move(copy));
        }
    }
    return grid;
}

TEST(ExportImportGrid, AWorkbookGridGivesTheDeclarationsOfTheText) {
    const ExportImport from_text = import(first_form());
    const ExportImport from_grid = import_export_grid(workbook_grid(1, 1), shenzhen());
    ASSERT_EQ(from_grid.forms.size(), 1u);
    EXPECT_EQ(write_declarations({from_grid.forms[0].declaration}, &shenzhen()),
              write_declarations({from_text.forms[0].declaration}, &shenzhen()));
    EXPECT_EQ(from_grid.forms[0].sheet, "表1");
    EXPECT_EQ(from_grid.forms[0].first_line, 1);
}

TEST(ExportImportGrid, MessagesNameTheCellAsExcelDoes) {
    CellGrid grid = workbook_grid(2, 3);
    grid.sheets[1].rows.pop_back(); // the second sheet's form loses its footer
    // A header cell that is no label, in column C of row 4 of the first sheet.
    grid.sheets[0].rows[1].cells[2].text = "多余";
    const ExportImport imported = import_export_grid(grid, shenzhen());
    std::string messages;
    for (const Diagnostic& d : imported.diagnostics.items()) {
        messages += format_diagnostic(d) + "\n";
    }
    EXPECT_NE(messages.find("forms.xlsx:表1!C4: error: cannot place the cell '多余' (column 3): "
                            "'项目编码：' already has the value"),
              std::string::npos)
        << messages;
    EXPECT_NE(messages.find("forms.xlsx:'My sheet'!A3: error: the form that starts here has no "
                            "备注 line: the sheet ends before it"),
              std::string::npos)
        << messages;
}

TEST(ExportImportGrid, AFormWithoutACodeIsNamedByItsSheetAndRow) {
    CellGrid grid = workbook_grid(2, 5);
    for (GridSheet& sheet : grid.sheets) {
        sheet.rows[1].cells[1].text.clear(); // the 项目编码's value
    }
    const ExportImport imported = import_export_grid(grid, shenzhen());
    ASSERT_EQ(imported.forms.size(), 2u);
    EXPECT_EQ(imported.forms[0].file_name, "form-sheet-1-row-5.yaml");
    EXPECT_EQ(imported.forms[1].file_name, "form-sheet-2-row-5.yaml");
}

TEST(ExportImportGrid, RowsLeftOutOfTheGridAreBlankLines) {
    // Two forms on one sheet with the blank rows between them absent, as a workbook reader
    // gives them: the second form still starts at its title.
    CellGrid grid = workbook_grid(1, 1);
    const std::vector<GridRow> rows = grid.sheets[0].rows;
    for (GridRow row : rows) {
        row.number += 40;
        grid.sheets[0].rows.push_back(row);
    }
    const ExportImport imported = import_export_grid(grid, shenzhen());
    EXPECT_FALSE(imported.diagnostics.has_errors());
    ASSERT_EQ(imported.forms.size(), 2u);
    EXPECT_EQ(imported.forms[1].first_line, 41);
    EXPECT_EQ(imported.forms[1].file_name, "440304221061500500012-2.yaml");
}

} // namespace
} // namespace formpdf::load
