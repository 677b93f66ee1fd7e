// Which rows a header block heads (`heads:`): it repeats on a new page only above the rows it
// heads. By default those are the rows down to the end of the group (the indicators); the static
// rows after it (合计, 评价结论, approval rows) are not headed.

#include "core/diagnostic.h"
#include "layout/document_layouter.h"
#include "load/declaration.h"
#include "load/layout_loader.h"

#include "support/laid_out.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace formpdf::layout {
namespace {

const std::string kHead = R"(formpdf-layout: 1
page: {size: [120mm, 160mm], margins: 10mm}
styles:
  cell: {font: body, size: 10, padding: 1mm, line-spacing: 1.4}
  label: {font: heavy, size: 10, padding: 1mm, align: center, valign: middle}
)";

load::TextValue value(std::string text) {
    return {std::move(text), {"data.yaml", 1, 1}};
}

load::Declaration declaration_with(int records) {
    load::Declaration declaration;
    declaration.file = "data.yaml";
    load::Group output;
    output.label = value("产出");
    load::Group quantity;
    quantity.label = value("*数量");
    for (int i = 1; i <= records; ++i) {
        load::Record record;
        record.fields.push_back({"name", value("指标" + std::to_string(i))});
        record.fields.push_back({"value", value("≥10人")});
        quantity.records.push_back(record);
    }
    output.groups.push_back(quantity);
    declaration.trees.push_back({"indicators", {output}});
    return declaration;
}

// An indicator table with `after` static rows (评价结论1, 评价结论2, ...) below the group; `heads`
// is written into the header row when not empty.
std::string table(int after, const std::string& heads = "") {
    std::string yaml = kHead + R"(blocks:
  - table:
      columns: [18mm, 22mm, 1fr, 25mm]
      style: cell
      continued: （续）
      rows:
        - header: true
)";
    if (!heads.empty()) {
        yaml += "          heads: " + heads + "\n";
    }
    yaml +=
        R"(          cells: [{text: 一级指标, style: label}, {text: 二级指标, style: label}, {text: 三级指标, style: label}, {text: 指标值, style: label}]
        - group: indicators
          levels: [{style: label}, {style: label}]
          cells: [{field: name}, {field: value}]
)";
    for (int i = 1; i <= after; ++i) {
        yaml += "        - [{text: 评价结论" + std::to_string(i) +
                ", colspan: 2}, {text: 改进措施" + std::to_string(i) + ", colspan: 2}]\n";
    }
    return yaml;
}

const TextItem* top_text(const Page& page) {
    const auto items = testing::texts_of(page);
    return *std::max_element(items.begin(), items.end(), [](const auto* a, const auto* b) {
        return a->baseline.y < b->baseline.y;
    });
}

bool has_text(const Page& page, const std::string& text) {
    const auto items = testing::texts_of(page);
    return std::any_of(items.begin(), items.end(), [&](const auto* t) { return t->text == text; });
}

Document lay(const std::string& yaml, const load::Declaration& declaration) {
    const load::LayoutSpec spec = load::load_layout_text(yaml, "test.yaml");
    return layout_forms(spec, {&declaration}, testing::system_fonts());
}

// The number of records that fill page 1 with the group, so that the first static row after it
// is the first row of page 2: the page break falls exactly between the group and the static rows.
int records_filling_page_one() {
    for (int records = 5; records < 80; ++records) {
        const load::Declaration declaration = declaration_with(records);
        const Document document = lay(table(1, "table"), declaration);
        if (document.pages.size() == 2 &&
            has_text(document.pages[0], "指标" + std::to_string(records)) &&
            has_text(document.pages[1], "评价结论1")) {
            return records;
        }
    }
    ADD_FAILURE() << "no number of records puts the break between the group and the static row";
    return 0;
}

TEST(HeaderScope, StaticRowsAfterTheGroupDoNotGetTheHeaderOnANewPage) {
    const int records = records_filling_page_one();
    const load::Declaration declaration = declaration_with(records);
    const Document document = lay(table(3), declaration);
    ASSERT_EQ(document.pages.size(), 2u);
    EXPECT_EQ(top_text(document.pages[0])->text, "一级指标");
    EXPECT_FALSE(has_text(document.pages[1], "一级指标"))
        << "the indicator header heads the indicators, not the rows after them";
    EXPECT_EQ(top_text(document.pages[1])->text, "评价结论1");
    EXPECT_TRUE(has_text(document.pages[1], "改进措施3"));
}

TEST(HeaderScope, HeadsTableRepeatsTheHeaderAboveEveryLaterRowAsBefore) {
    const int records = records_filling_page_one();
    const load::Declaration declaration = declaration_with(records);
    const Document document = lay(table(3, "table"), declaration);
    ASSERT_EQ(document.pages.size(), 2u);
    EXPECT_EQ(top_text(document.pages[1])->text, "一级指标");
    EXPECT_TRUE(has_text(document.pages[1], "评价结论1"));
}

TEST(HeaderScope, APageThatStartsInsideTheGroupStillGetsTheHeader) {
    const load::Declaration declaration = declaration_with(60);
    const Document document = lay(table(2), declaration);
    ASSERT_GE(document.pages.size(), 3u);
    for (std::size_t p = 0; p < document.pages.size(); ++p) {
        const bool has_indicator = [&] {
            for (const TextItem* t : testing::texts_of(document.pages[p])) {
                if (t->text.rfind("指标", 0) == 0 && t->text.size() > 6) {
                    return true; // 指标1, 指标2, ...
                }
            }
            return false;
        }();
        EXPECT_EQ(has_text(document.pages[p], "一级指标"), has_indicator) << "page " << p + 1;
    }
    // The group's labels are printed again below the repeated header.
    const auto page_two = testing::texts_of(document.pages[1]);
    EXPECT_TRUE(std::any_of(page_two.begin(), page_two.end(),
                            [](const auto* t) { return t->text.rfind("产出", 0) == 0; }));
}

TEST(HeaderScope, HeadsOnARowThatIsNotAHeaderIsAnError) {
    const std::string yaml = kHead + R"(blocks:
  - table:
      columns: [1fr]
      rows:
        - cells: [名称]
          heads: table
)";
    try {
        load::load_layout_text(yaml, "test.yaml");
        FAIL() << "accepted";
    } catch (const DiagnosticError& error) {
        EXPECT_EQ(error.diagnostic().loc.line, 11);
        EXPECT_NE(error.diagnostic().message.find("not a header row"), std::string::npos);
    }
}

TEST(HeaderScope, AnUnknownScopeIsAnErrorListingTheChoices) {
    const std::string yaml = kHead + R"(blocks:
  - table:
      columns: [1fr]
      rows:
        - cells: [名称]
          header: true
          heads: rows
)";
    try {
        load::load_layout_text(yaml, "test.yaml");
        FAIL() << "accepted";
    } catch (const DiagnosticError& error) {
        EXPECT_EQ(error.diagnostic().loc.line, 12);
        EXPECT_NE(error.diagnostic().hint.find("group"), std::string::npos);
        EXPECT_NE(error.diagnostic().hint.find("table"), std::string::npos);
    }
}

} // namespace
} // namespace formpdf::layout
