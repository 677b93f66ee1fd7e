// The sheet of a form as plain data (workbook_writer/form_sheet.h), without libxlsxwriter: its
// cell grid is the budget system's tab export of the form, so `formpdf import` reads it back to
// the same declaration; locks, drop-downs and merges follow the layout.

#include "load/declaration.h"
#include "load/declaration_writer.h"
#include "load/export_import.h"
#include "load/layout_loader.h"
#include "workbook_writer/form_sheet.h"
#include "workbook_writer/sheet_names.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace formpdf::workbook_writer {
namespace {

const std::filesystem::path kSource = FORMPDF_SOURCE_DIR;

std::string read(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

const load::LayoutSpec& shenzhen() {
    static const load::LayoutSpec layout =
        load::load_layout_file(kSource / "layouts/shenzhen-l2-project.yaml");
    return layout;
}

// The sheet as the tab text a reader of the workbook gives the import: one line per row, a
// merged cell in its first row and column, the cells it covers empty.
std::string tab_text(const Sheet& sheet) {
    const int columns = static_cast<int>(sheet.column_widths_pt.size());
    std::vector<std::vector<std::string>> grid(sheet.row_heights_pt.size(),
                                               std::vector<std::string>(columns));
    for (const SheetCell& cell : sheet.cells) {
        grid.at(cell.row).at(cell.column) = cell.text;
    }
    std::string text;
    for (const auto& row : grid) {
        for (int c = 0; c < columns; ++c) {
            text += (c > 0 ? "\t" : "") + row[c];
        }
        text += '\n';
    }
    return text;
}

const SheetCell* cell_with_text(const Sheet& sheet, const std::string& text) {
    for (const SheetCell& cell : sheet.cells) {
        if (cell.text == text) {
            return &cell;
        }
    }
    return nullptr;
}

std::string without_first_line(const std::string& text) {
    return text.substr(text.find('\n') + 1);
}

TEST(FormSheet, EverySeedFormReadsBackToItsDeclaration) {
    int forms = 0;
    for (const auto& entry : std::filesystem::directory_iterator(kSource / "inputs/declarations")) {
        const std::vector<load::Declaration> declarations =
            load::load_declarations_file(entry.path());
        ASSERT_EQ(declarations.size(), 1U) << entry.path();
        const Sheet sheet = form_sheet(shenzhen(), &declarations[0]);
        const load::ExportImport imported =
            load::import_export_text(tab_text(sheet), "sheet.txt", *shenzhen().form);
        EXPECT_EQ(imported.diagnostics.count(Severity::Error), 0) << entry.path();
        EXPECT_EQ(imported.diagnostics.count(Severity::Warning),
                  declarations[0].field("footer") ? 1 : 0)
            << entry.path(); // a footer that differs is reported, and kept
        ASSERT_EQ(imported.forms.size(), 1U) << entry.path();
        EXPECT_EQ(load::write_declarations({imported.forms[0].declaration}, &*shenzhen().form),
                  without_first_line(read(entry.path())))
            << entry.path();
        ++forms;
    }
    EXPECT_EQ(forms, 41);
}

TEST(FormSheet, GridIsTheExportsFiveColumns) {
    const std::vector<load::Declaration> declarations =
        load::load_declarations_file(kSource / "inputs/declarations/440304221061500500012.yaml");
    const Sheet sheet = form_sheet(shenzhen(), &declarations[0]);
    ASSERT_EQ(sheet.column_widths_pt.size(), 5U); // the indicator table's columns
    const std::string text = tab_text(sheet);
    // Lines 3 and 4 of the export: the title alone, then label | value | (merged) | label | value.
    EXPECT_EQ(text.substr(0, text.find('\n')), "二级项目支出绩效目标申报表\t\t\t\t");
    EXPECT_NE(text.find("\n项目编码：\t440304221061500500012\t\t项目名称：\t疫情防控\n"),
              std::string::npos);
    EXPECT_NE(text.find("\n一级指标\t二级指标\t三级指标\t指标值\t指标解释\n"), std::string::npos);
    // 提升防疫人员工作效率 continues 效益 and *社会效益: two leading empty cells.
    EXPECT_NE(text.find("\n\t\t提升防疫人员工作效率\t有效\t"), std::string::npos);
    // An empty row, then the 备注 line ends the sheet.
    EXPECT_NE(text.find("\n\t\t\t\t\n备注：作为导入模板"), std::string::npos);

    const SheetCell* code = cell_with_text(sheet, "440304221061500500012");
    ASSERT_TRUE(code);
    EXPECT_EQ(code->column, 1);
    EXPECT_EQ(code->colspan, 2);
    EXPECT_TRUE(code->format.fill.has_value());
    EXPECT_TRUE(code->format.locked) << "a grey cell with the system's value is locked";
    const SheetCell* overview = cell_with_text(sheet, declarations[0].field("overview")->text);
    ASSERT_TRUE(overview);
    EXPECT_EQ(overview->colspan, 4);
    EXPECT_FALSE(overview->format.locked) << "a white field is filled in";
    EXPECT_TRUE(cell_with_text(sheet, "项目编码：")->format.locked);
    const SheetCell* output = cell_with_text(sheet, "产出");
    ASSERT_TRUE(output);
    EXPECT_EQ(output->rowspan, 4); // *数量, *质量, *时效, *成本
    EXPECT_TRUE(output->format.locked);
    EXPECT_FALSE(cell_with_text(sheet, "疫情防控补贴发放人数")->format.locked);
    // The long texts' rows are tall enough for their wrapped lines.
    EXPECT_GT(sheet.row_heights_pt.at(overview->row), 2 * 10.5 * 1.35);
    // The indicator header repeats on every printed page.
    EXPECT_EQ(sheet.repeat_first_row, cell_with_text(sheet, "一级指标")->row);
}

TEST(FormSheet, DropDownsForChoicesAndIndicatorNames) {
    const std::vector<load::Declaration> declarations =
        load::load_declarations_file(kSource / "inputs/declarations/440304221061500500012.yaml");
    const Sheet sheet = form_sheet(shenzhen(), &declarations[0]);
    ASSERT_EQ(sheet.drop_downs.size(), 3U);
    const SheetCell* new_project = cell_with_text(sheet, "是否新增项目：");
    EXPECT_EQ(sheet.drop_downs[0].first_row, new_project->row);
    EXPECT_EQ(sheet.drop_downs[0].first_column, 1);
    EXPECT_EQ(sheet.drop_downs[0].choices, (std::vector<std::string>{"是", "否"}));
    EXPECT_TRUE(sheet.drop_downs[0].strict);
    EXPECT_EQ(sheet.drop_downs[1].choices, (std::vector<std::string>{"产出", "效益", "满意度"}));
    EXPECT_EQ(sheet.drop_downs[1].first_column, 0);
    EXPECT_EQ(sheet.drop_downs[1].first_row, cell_with_text(sheet, "产出")->row);
    EXPECT_EQ(sheet.drop_downs[1].last_row, cell_with_text(sheet, "其他满意度")->row);
    EXPECT_FALSE(sheet.drop_downs[1].strict) << "a name outside the vocabulary is only warned of";
    EXPECT_EQ(sheet.drop_downs[2].first_column, 1);
    EXPECT_EQ(sheet.drop_downs[2].choices.front(), "*数量");
    EXPECT_EQ(sheet.drop_downs[2].choices.back(), "其他满意度");
    EXPECT_EQ(sheet.drop_downs[2].choices.size(), 10U);
}

TEST(FormSheet, BlankFormHasEmptyEditableRows) {
    const Sheet sheet = form_sheet(shenzhen(), nullptr);
    const SheetCell* header = cell_with_text(sheet, "一级指标");
    ASSERT_TRUE(header);
    int indicator_cells = 0;
    for (const SheetCell& cell : sheet.cells) {
        if (cell.row > header->row && cell.column <= 1 && cell.text.empty()) {
            EXPECT_FALSE(cell.format.locked) << "row " << cell.row;
            EXPECT_TRUE(cell.format.fill.has_value());
            ++indicator_cells;
        }
    }
    EXPECT_EQ(indicator_cells, 2 * 14); // blank-rows: 14, 一级 and 二级
    const SheetCell* code_label = cell_with_text(sheet, "项目编码：");
    for (const SheetCell& cell : sheet.cells) {
        if (cell.row == code_label->row && cell.column == 1) {
            EXPECT_FALSE(cell.format.locked) << "an empty grey cell is filled in";
        }
    }
    // The blank form reads back as one form with empty values (the import then has nothing to
    // place wrongly).
    const load::ExportImport imported =
        load::import_export_text(tab_text(sheet), "blank.txt", *shenzhen().form);
    EXPECT_EQ(imported.diagnostics.count(Severity::Error), 0);
    ASSERT_EQ(imported.forms.size(), 1U);
    EXPECT_EQ(imported.forms[0].declaration.field("project_code")->text, "");
}

TEST(FormSheet, FamilyFormsShowEveryValue) {
    for (const std::string name : {"legacy-project-targets", "project-self-evaluation"}) {
        const load::LayoutSpec layout =
            load::load_layout_file(kSource / "layouts" / (name + ".yaml"));
        const std::vector<load::Declaration> declarations =
            load::load_declarations_file(kSource / "inputs/family" / (name + ".yaml"));
        const Sheet sheet = form_sheet(layout, &declarations[0]);
        Diagnostics diagnostics;
        report_unplaced_values(sheet, declarations[0], name, diagnostics);
        EXPECT_EQ(diagnostics.count(Severity::Error), 0) << name;
    }
    const load::LayoutSpec legacy =
        load::load_layout_file(kSource / "layouts/legacy-project-targets.yaml");
    const std::vector<load::Declaration> declarations =
        load::load_declarations_file(kSource / "inputs/family/legacy-project-targets.yaml");
    const Sheet sheet = form_sheet(legacy, &declarations[0]);
    EXPECT_EQ(sheet.column_widths_pt.size(), 6U);
    // The year line is a paragraph bound to a field: filled in.
    EXPECT_FALSE(cell_with_text(sheet, "（2020年度）")->format.locked);
    // The borderless line above the table snaps to the table's columns: two halves.
    const SheetCell* stamp = cell_with_text(sheet, "填报单位：（盖章）");
    EXPECT_EQ(stamp->column, 0);
    EXPECT_FALSE(stamp->format.border);
    EXPECT_EQ(cell_with_text(sheet, "单位：万元")->column, stamp->colspan);
    EXPECT_EQ(cell_with_text(sheet, "本年度绩效指标")->rowspan, 1 + 15); // header + indicator rows
}

TEST(FormSheet, ValueTheLayoutDoesNotShowIsAnError) {
    const std::vector<load::Declaration> declarations = load::load_declarations_text(
        "form: shenzhen-l2-project\nfields:\n  project_code: '1'\n  remark: 多出的字段\n",
        "d.yaml");
    const Sheet sheet = form_sheet(shenzhen(), &declarations[0]);
    Diagnostics diagnostics;
    report_unplaced_values(sheet, declarations[0], "shenzhen-l2-project.yaml", diagnostics);
    ASSERT_EQ(diagnostics.count(Severity::Error), 1);
    const Diagnostic& error = diagnostics.items().front();
    EXPECT_EQ(error.loc.line, 4);
    EXPECT_NE(error.message.find("would lose it"), std::string::npos);
}

TEST(SheetNames, UniqueShortAndAllowed) {
    EXPECT_EQ(unique_sheet_names({"440304221061500500012", "440304221061500500012", "a/b:c", "",
                                  "History", "ABC", "abc"}),
              (std::vector<std::string>{"440304221061500500012", "440304221061500500012 (2)",
                                        "a_b_c", "Sheet", "History (2)", "ABC", "abc (2)"}));
    const std::string long_name(40, 'x');
    EXPECT_EQ(unique_sheet_names({long_name})[0], std::string(31, 'x'));
    EXPECT_EQ(unique_sheet_names({long_name, long_name})[1], std::string(27, 'x') + " (2)");
    // 31 characters, not bytes: a CJK name is cut after its 31st character.
    std::string cjk;
    for (int i = 0; i < 40; ++i) {
        cjk += "项";
    }
    EXPECT_EQ(unique_sheet_names({cjk})[0].size(), 31U * 3);
}

TEST(EstimatedTextHeight, CountsWrappedAndBrokenLines) {
    EXPECT_DOUBLE_EQ(estimated_text_height_pt("", 100, 10, 1.5), 15);
    EXPECT_DOUBLE_EQ(estimated_text_height_pt("项目项目项目项目项目", 100, 10, 1.5), 15);
    EXPECT_DOUBLE_EQ(estimated_text_height_pt("项目项目项目项目项目项", 100, 10, 1.5), 30);
    EXPECT_DOUBLE_EQ(estimated_text_height_pt("a\nb\nc", 100, 10, 1), 30);
}

} // namespace
} // namespace formpdf::workbook_writer
