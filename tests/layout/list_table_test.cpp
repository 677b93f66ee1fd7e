// List tables (docs/layout-format.md, "List rows"): one table row per record of a declaration's
// list, cells merged over adjacent records of equal value in the `merge-by` columns, and what a
// merged cell cut by a page break shows on the next page.

#include "check/check.h"
#include "core/diagnostic.h"
#include "layout/document_layouter.h"
#include "load/declaration.h"
#include "load/declaration_writer.h"
#include "load/layout_loader.h"
#include "resolve/form_resolver.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

namespace formpdf {
namespace {

const std::string kData = std::string(FORMPDF_SOURCE_DIR) + "/tests/data/lists/";

text::FontLibrary& fonts() {
    static text::FontLibrary library({}, true);
    return library;
}

struct UnitTargets {
    load::LayoutSpec layout = load::load_layout_file(kData + "unit-targets.yaml");
    std::vector<load::Declaration> declarations =
        load::load_declarations_file(kData + "unit-targets.declaration.yaml");
};

// The list's cells of one field, in row order: (first row, rowspan, text).
struct Span {
    int row;
    int rowspan;
    std::string text;
    bool operator==(const Span&) const = default;
};

std::vector<Span> spans_of(const resolve::ResolvedTable& table, const std::string& field) {
    std::vector<Span> spans;
    for (const resolve::ResolvedCell& cell : table.cells) {
        if (cell.field == field) {
            spans.push_back({cell.row, cell.rowspan, cell.text});
        }
    }
    return spans;
}

const resolve::ResolvedTable& table_of(const resolve::ResolvedForm& form) {
    for (const resolve::ResolvedBlock& block : form.blocks) {
        if (block.table) {
            return *block.table;
        }
    }
    throw std::runtime_error("no table");
}

TEST(ListTable, MergeByColumnsSpanEqualAdjacentValuesNestedLeftToRight) {
    const UnitTargets data;
    const resolve::ResolvedForm form = resolve::resolve_form(data.layout, &data.declarations[0]);
    const resolve::ResolvedTable& table = table_of(form);
    ASSERT_EQ(table.rows.size(), 1u + 28u); // the header and one row per record

    const std::string unit = "市机关事务服务中心";
    EXPECT_EQ(spans_of(table, "unit"),
              (std::vector<Span>{{1, 27, unit}, {28, 1, "市接待服务中心"}}));
    EXPECT_EQ(spans_of(table, "project"),
              (std::vector<Span>{
                  {1, 24, "办公大楼运行保障"}, {25, 3, "公务用车运行维护"}, {28, 1, "接待保障"}}));
    // Both projects of the first unit have the budget 3,309,840.00: the budget still breaks where
    // the project (a merged column to its left) breaks.
    EXPECT_EQ(spans_of(table, "budget"),
              (std::vector<Span>{
                  {1, 24, "3,309,840.00"}, {25, 3, "3,309,840.00"}, {28, 1, "120,000.00"}}));
    EXPECT_EQ(spans_of(table, "goal").size(), 3u);
    // Not merged: 一级指标 is printed on every row, equal neighbours or not.
    const std::vector<Span> level1 = spans_of(table, "level1");
    ASSERT_EQ(level1.size(), 28u);
    for (const Span& span : level1) {
        EXPECT_EQ(span.rowspan, 1);
    }
}

TEST(ListTable, BlankTemplatePrintsItsBlankRowsUnmerged) {
    const UnitTargets data;
    const resolve::ResolvedForm form = resolve::resolve_form(data.layout, nullptr);
    const resolve::ResolvedTable& table = table_of(form);
    ASSERT_EQ(table.rows.size(), 1u + 5u);
    EXPECT_EQ(spans_of(table, "unit").size(), 5u);
}

std::vector<std::string> page_texts(const layout::Page& page) {
    std::vector<std::string> out;
    for (const layout::PageItem& item : page.items) {
        if (const auto* text = std::get_if<layout::TextItem>(&item)) {
            out.push_back(text->text);
        }
    }
    return out;
}

TEST(ListTable, APageBreakRepeatsMergedLabelsButNeverMarksAnAmount) {
    const UnitTargets data;
    const layout::Document document =
        layout::layout_forms(data.layout, {&data.declarations[0]}, fonts());
    ASSERT_GE(document.pages.size(), 2u);
    const std::vector<std::string> second = page_texts(document.pages[1]);
    std::string all;
    for (const std::string& text : second) {
        all += text;
    }
    // The labels cut by the break are printed again with the table's `continued` text...
    EXPECT_NE(all.find("市机关事务服务中心（续）"), std::string::npos) << all;
    EXPECT_NE(all.find("办公大楼运行保障（续）"), std::string::npos) << all;
    // ...the amount again, bare.
    EXPECT_NE(all.find("3,309,840.00"), std::string::npos) << all;
    for (const layout::Page& page : document.pages) {
        std::string text;
        for (const std::string& line : page_texts(page)) {
            text += line;
        }
        EXPECT_FALSE(std::regex_search(text, std::regex("[0-9%]（续）"))) << text;
    }
}

// A small page and a table of one merged column per `continued` mode.
std::string modes_layout(const std::string& continued) {
    return R"(formpdf-layout: 1
page: {size: [120mm, 100mm], margins: 10mm}
styles:
  cell: {font: body, size: 10, padding: 1mm, line-spacing: 1.4}
form:
  id: modes
  lists:
    items:
      label: 项目
      fields: [{id: group, label: 分组}, {id: name, label: 名称}]
blocks:
  - table:
      columns: [40mm, 1fr]
      style: cell
      min-row-height: 10mm
      continued: （续）
      rows:
        - list: items
          merge-by: [group]
          cells: [{field: group)" +
           continued + R"(}, {field: name}]
)";
}

std::string modes_declaration() {
    std::string yaml = "form: modes\nitems:\n";
    for (int i = 1; i <= 12; ++i) {
        yaml += "  - {group: 办公经费, name: 第" + std::to_string(i) + "项}\n";
    }
    return yaml;
}

std::string second_page_text(const std::string& continued) {
    const load::LayoutSpec layout = load::load_layout_text(modes_layout(continued), "modes.yaml");
    const std::vector<load::Declaration> declarations =
        load::load_declarations_text(modes_declaration(), "modes-data.yaml");
    const layout::Document document = layout::layout_forms(layout, {&declarations[0]}, fonts());
    EXPECT_GE(document.pages.size(), 2u);
    std::string text;
    for (const std::string& line : page_texts(document.pages.at(1))) {
        text += line + "|";
    }
    return text;
}

TEST(ListTable, ContinuedSaysWhatACutMergedCellShowsOnTheNextPage) {
    EXPECT_NE(second_page_text("").find("办公经费（续）|"), std::string::npos); // mark: the default
    EXPECT_NE(second_page_text(", continued: mark").find("办公经费（续）|"), std::string::npos);
    const std::string repeated = second_page_text(", continued: repeat");
    EXPECT_NE(repeated.find("办公经费|"), std::string::npos) << repeated;
    EXPECT_EQ(repeated.find("（续）"), std::string::npos) << repeated;
    EXPECT_EQ(second_page_text(", continued: none").find("办公经费"), std::string::npos);
}

TEST(ListTable, ATreeLabelThatIsAnAmountIsRepeatedWithoutTheMarkerToo) {
    // The shape a unit-level table took before list rows: the 预算数 as a tree level.
    const load::LayoutSpec layout = load::load_layout_text(R"(formpdf-layout: 1
page: {size: [120mm, 100mm], margins: 10mm}
blocks:
  - table:
      columns: [42mm, 30mm, 1fr]
      min-row-height: 10mm
      continued: （续）
      rows:
        - group: items
          levels: [{}, {}]
          cells: [{field: name}]
)",
                                                           "tree.yaml");
    std::string yaml = "form: tree\nitems:\n  - level1: 办公大楼运行保障\n    groups:\n"
                       "      - level2: '3,309,840.00'\n        rows:\n";
    for (int i = 1; i <= 12; ++i) {
        yaml += "          - {name: 第" + std::to_string(i) + "项}\n";
    }
    const auto declarations = load::load_declarations_text(yaml, "tree-data.yaml");
    const layout::Document document = layout::layout_forms(layout, {&declarations[0]}, fonts());
    ASSERT_GE(document.pages.size(), 2u);
    std::string text;
    for (const std::string& line : page_texts(document.pages[1])) {
        text += line + "|";
    }
    EXPECT_NE(text.find("办公大楼运行保障（续）|"), std::string::npos) << text;
    EXPECT_NE(text.find("|3,309,840.00|"), std::string::npos) << text;
    EXPECT_EQ(text.find("0（续）"), std::string::npos) << text;
}

TEST(ListTable, AListDeclarationIsCheckedAgainstTheFormsListFields) {
    const load::LayoutSpec layout = load::load_layout_text(modes_layout(""), "modes.yaml");
    const std::vector<load::Declaration> declarations = load::load_declarations_text(
        "form: modes\nitems:\n  - {group: 办公经费, name: 第1项}\n  - {group: 办公经费, nmae: x}\n",
        "modes-data.yaml");
    Diagnostics found;
    check::check_declaration(declarations[0], *layout.form, found);
    std::string messages;
    for (const Diagnostic& diagnostic : found.items()) {
        messages += diagnostic.message + "\n";
    }
    EXPECT_NE(messages.find("unknown row field 'nmae'"), std::string::npos) << messages;
    EXPECT_NE(messages.find("名称"), std::string::npos) << messages; // the record without a name
}

TEST(ListTable, AListOfRecordsIsReadAsRecordsAndWrittenBackInTheSameShape) {
    const std::string yaml = "form: modes\nitems:\n  - {group: 办公经费, name: 第1项}\n"
                             "  - {group: '0.50', name: ~}\n";
    const std::vector<load::Declaration> declarations =
        load::load_declarations_text(yaml, "modes-data.yaml");
    std::vector<load::Record> one_field_records;
    const auto records = load::list_records(*declarations[0].tree("items"), one_field_records);
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[1]->find("group")->text, "0.50"); // as written
    EXPECT_EQ(records[1]->find("name")->text, "~");
    const std::string written = load::write_declarations(declarations);
    EXPECT_NE(written.find("items:\n  - group: 办公经费\n    name: 第1项\n"), std::string::npos)
        << written;
    const auto again = load::load_declarations_text(written, "again.yaml");
    EXPECT_EQ(load::write_declarations(again), written);

    // A tree whose groups have nothing under them stays a tree; as a list, each is a record of
    // one field.
    const auto tree = load::load_declarations_text(
        "form: modes\nitems:\n  - group: 办公经费\n  - group: 差旅费\n", "tree.yaml");
    EXPECT_EQ(tree[0].tree("items")->front().level, "group");
    const auto one_field = load::list_records(*tree[0].tree("items"), one_field_records);
    ASSERT_EQ(one_field.size(), 2u);
    EXPECT_EQ(one_field[1]->find("group")->text, "差旅费");
}

TEST(ListTable, AGroupWrittenWithTwoNamesInATreeIsAStructuralError) {
    const load::LayoutSpec layout = load::load_layout_file(std::string(FORMPDF_SOURCE_DIR) +
                                                           "/layouts/shenzhen-l2-project.yaml");
    const auto declarations = load::load_declarations_text(
        "form: shenzhen-l2-project\nindicators:\n  - {level1: 产出, level2: 数量}\n", "two.yaml");
    Diagnostics found;
    check::check_declaration(declarations[0], *layout.form, found);
    const auto it = std::find_if(found.items().begin(), found.items().end(), [](const auto& d) {
        return d.message.find("has the keys 'level1', 'level2'") != std::string::npos;
    });
    ASSERT_NE(it, found.items().end());
    EXPECT_EQ(it->loc.line, 3);
}

TEST(ListTable, LayoutMistakesAreReportedAtTheKey) {
    const auto error_of = [](const std::string& yaml) {
        try {
            load::load_layout_text(yaml, "modes.yaml");
        } catch (const DiagnosticError& error) {
            return error.diagnostic().message;
        }
        return std::string("(no error)");
    };
    std::string yaml = modes_layout("");
    yaml.replace(yaml.find("merge-by: [group]"), 17, "merge-by: [gruop]");
    EXPECT_EQ(error_of(yaml), "'gruop' is not the field of a cell of this row");
    yaml = modes_layout(", continued: maybe");
    EXPECT_NE(error_of(yaml).find("maybe"), std::string::npos);
    yaml = modes_layout("");
    yaml.replace(yaml.find("- list: items"), 13, "- group: items");
    yaml.replace(yaml.find("merge-by: [group]"), 17, "blank-rows: 1");
    EXPECT_EQ(error_of(yaml), "'items' is a list of form 'modes'");
}

} // namespace
} // namespace formpdf
