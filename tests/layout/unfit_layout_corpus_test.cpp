// A generated corpus of degenerate layouts (tiny and huge page sizes, margins, column widths,
// paddings, font sizes, header heights), seeded so that every run sees the same ones. Each layout
// either is refused with a located error and a hint (what `formpdf render` turns into exit 2), or
// is laid out with every item inside its box and its page: never a PDF with text outside its cell.

#include "core/diagnostic.h"
#include "layout/document_layouter.h"
#include "load/declaration.h"
#include "load/layout_loader.h"

#include "support/command.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <iostream>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace formpdf::layout {
namespace {

text::FontLibrary& fonts() {
    static text::FontLibrary library({}, true);
    return library;
}

// Each value is an ordinary one, or (one time in kDegenerateOneIn) a degenerate one, so that most
// layouts have a few degenerate values among ordinary ones and both outcomes are common.
class LayoutGenerator {
public:
    explicit LayoutGenerator(unsigned seed) : random_(seed) {}

    std::string next() {
        std::ostringstream yaml;
        yaml << "formpdf-layout: 1\n";
        yaml << "page: {size: [" << pick({"105mm", "210mm"}, {"8mm", "15mm", "900mm"}) << ", "
             << pick({"148mm", "297mm"}, {"8mm", "30mm", "1500mm"})
             << "], margins: {top: " << margin() << ", right: " << margin()
             << ", bottom: " << margin() << ", left: " << margin() << "}}\n";
        yaml << "styles:\n";
        for (const char* name : {"cell", "label", "text"}) {
            yaml << "  " << name << ": {font: " << pick({"body", "heavy"}, {})
                 << ", size: " << pick({"9", "10.5", "14"}, {"0.5", "60", "300", "1000"})
                 << ", padding: {top: " << padding() << ", right: " << padding()
                 << ", bottom: " << padding() << ", left: " << padding()
                 << "}, valign: " << pick({"top", "middle", "bottom"}, {})
                 << ", align: " << pick({"left", "center", "right"}, {}) << "}\n";
        }
        yaml << "page-numbers: {format: \"第{page}页 共{pages}页\", style: "
             << pick({"cell", "text"}, {})
             << ", offset: " << pick({"5mm", "10mm"}, {"0mm", "400mm"}) << "}\n";
        yaml << "blocks:\n";
        yaml << "  - title: 绩效目标申报表\n    style: " << pick({"label", "text"}, {}) << "\n";
        yaml << "  - paragraph: " << text() << "\n    style: text\n    width: "
             << pick({"20mm", "40mm"}, {"0.0001mm", "1mm", "4mm"}) << "\n";
        // Half the tables print an indicator tree of the declaration: level labels spanning
        // their rows, repeated with the continued suffix when a page break cuts them.
        has_group_ = random_() % 2 == 0;
        const int columns = has_group_ ? 4 : 1 + static_cast<int>(random_() % 4);
        yaml << "  - table:\n      style: cell\n      continued: （续）\n      columns: [";
        for (int c = 0; c < columns; ++c) {
            yaml << (c ? ", " : "")
                 << pick({"20mm", "30mm", "1fr", "2fr"},
                         {"0.0001mm", "0.5mm", "1mm", "4mm", "300mm"});
        }
        yaml << "]\n      rows:\n";
        yaml << "        - {header: true, min-height: " << pick({"0mm", "8mm"}, {"100mm", "290mm"})
             << ", cells: [";
        for (int c = 0; c < columns; ++c) {
            yaml << (c ? ", " : "") << "{text: " << text() << ", style: label}";
        }
        yaml << "]}\n";
        if (has_group_) {
            yaml << "        - group: indicators\n          levels: [{style: label}, {style: "
                    "label"
                 << (random_() % 4 == 0 ? ", vertical: true" : "")
                 << "}]\n          cells: [{field: name}, {field: value}]\n";
            return yaml.str();
        }
        const int rows = 1 + static_cast<int>(random_() % 8);
        // With more than one column, the first column's cell of the first row spans every row: a
        // label that page breaks may cut and that is then shown again on the next page.
        const bool label = columns > 1;
        for (int r = 0; r < rows; ++r) {
            yaml << "        - [";
            if (label && r == 0) {
                yaml << "{text: " << text() << ", rowspan: " << rows
                     << (random_() % 4 == 0 ? ", vertical: true" : "") << "}, ";
            }
            for (int c = label ? 1 : 0; c < columns; ++c) {
                yaml << (c > (label ? 1 : 0) ? ", " : "") << cell();
            }
            yaml << "]\n";
        }
        return yaml.str();
    }

    // The declaration for the last layout: an indicator tree when its table has a group row.
    std::string declaration() {
        std::ostringstream yaml;
        yaml << "form: generated\n";
        if (!has_group_) {
            return yaml.str();
        }
        yaml << "indicators:\n";
        const int level1 = 1 + static_cast<int>(random_() % 3);
        for (int a = 0; a < level1; ++a) {
            yaml << "  - level1: " << text() << "\n    groups:\n";
            const int level2 = 1 + static_cast<int>(random_() % 3);
            for (int b = 0; b < level2; ++b) {
                yaml << "      - level2: " << text() << "\n        rows:\n";
                const int rows = 1 + static_cast<int>(random_() % 25);
                for (int r = 0; r < rows; ++r) {
                    yaml << "          - {name: " << text() << ", value: " << text() << "}\n";
                }
            }
        }
        return yaml.str();
    }

private:
    static constexpr unsigned kDegenerateOneIn = 14;

    const char* pick(std::initializer_list<const char*> ordinary,
                     std::initializer_list<const char*> degenerate) {
        if (degenerate.size() > 0 && random_() % kDegenerateOneIn == 0) {
            return degenerate.begin()[random_() % degenerate.size()];
        }
        return ordinary.begin()[random_() % ordinary.size()];
    }
    // A body cell: mostly plain text, else drawn by one of the cell-level keys.
    std::string cell() {
        switch (random_() % 10) {
        case 0:
            return std::string("{text: ") + text() + ", vertical: true}";
        case 1:
            return std::string("{texts: [") + text() + ", {text: " + text() +
                   ", align: right, valign: bottom}]}";
        case 2:
            return std::string("{field: remark, hint: ") + text() + "}";
        case 3:
            return std::string("{text: ") + text() + ", border: {right: 0, bottom: 2pt}}";
        default:
            return text();
        }
    }
    const char* margin() { return pick({"10mm", "20mm"}, {"0mm", "1mm", "60mm", "400mm"}); }
    const char* padding() { return pick({"0.5mm", "1mm", "2mm"}, {"0mm", "20mm", "150mm"}); }
    const char* text() {
        return pick(
            {"\"\"", "国", "项目概况", "'440304221061500500012'",
             "\"完成率≥95%，资金1,866.00万元（含税）。\""},
            {"本项目主要用于办公设备购置，维持本单位的日常办公设备购置，保障各项工作顺利开展。"
             "本项目主要用于办公设备购置，维持本单位的日常办公设备购置，保障各项工作顺利开展。"
             "本项目主要用于办公设备购置，维持本单位的日常办公设备购置，保障各项工作顺利开展。",
             "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW"});
    }

    std::mt19937 random_;
    bool has_group_ = false;
};

// Every text line lies inside its box; every box, rect and line inside its page.
void expect_inside(const Document& document, const std::string& yaml) {
    constexpr double kSlack = 0.01;
    for (std::size_t p = 0; p < document.pages.size(); ++p) {
        const Page& page = document.pages[p];
        const auto on_page = [&](double x, double y) {
            return x >= -kSlack && x <= page.width + kSlack && y >= -kSlack &&
                   y <= page.height + kSlack;
        };
        for (const PageItem& item : page.items) {
            if (const auto* text = std::get_if<TextItem>(&item)) {
                EXPECT_GE(text->baseline.x, text->box.left() - kSlack) << text->text << "\n"
                                                                       << yaml;
                EXPECT_LE(text->baseline.x + text->width, text->box.right() + kSlack)
                    << text->text << "\n"
                    << yaml;
                EXPECT_GE(text->baseline.y, text->box.bottom() - kSlack) << text->text << "\n"
                                                                         << yaml;
                EXPECT_LE(text->baseline.y, text->box.top() + kSlack) << text->text << "\n" << yaml;
                EXPECT_TRUE(on_page(text->box.left(), text->box.bottom()) &&
                            on_page(text->box.right(), text->box.top()))
                    << "page " << p + 1 << ": " << text->text << "\n"
                    << yaml;
            } else if (const auto* rect = std::get_if<FilledRect>(&item)) {
                EXPECT_TRUE(on_page(rect->rect.left(), rect->rect.bottom()) &&
                            on_page(rect->rect.right(), rect->rect.top()))
                    << yaml;
            } else if (const auto* line = std::get_if<StrokedLine>(&item)) {
                EXPECT_TRUE(on_page(line->from.x, line->from.y) && on_page(line->to.x, line->to.y))
                    << "page " << p + 1 << "\n"
                    << yaml;
            }
        }
    }
}

TEST(UnfitLayoutCorpus, EveryLayoutIsRefusedAtItsKeyOrLaidOutInsideItsBoxes) {
    const int kLayouts =
        std::getenv("FORMPDF_CORPUS_SIZE") ? std::atoi(std::getenv("FORMPDF_CORPUS_SIZE")) : 2000;
    const unsigned seed = std::getenv("FORMPDF_CORPUS_SEED")
                              ? static_cast<unsigned>(std::atoi(std::getenv("FORMPDF_CORPUS_SEED")))
                              : 20261207u;
    LayoutGenerator generator(seed);
    int refused = 0;
    int laid_out = 0;
    for (int i = 0; i < kLayouts; ++i) {
        const std::string layout = generator.next();
        const std::string data = generator.declaration();
        const std::string yaml = layout + "--- declaration ---\n" + data;
        try {
            const load::LayoutSpec spec = load::load_layout_text(layout, "gen.yaml");
            const std::vector<load::Declaration> declarations =
                load::load_declarations_text(data, "data.yaml");
            const Document document = layout_forms(spec, {&declarations.front()}, fonts());
            expect_inside(document, yaml);
            ++laid_out;
        } catch (const DiagnosticError& error) {
            const Diagnostic& diagnostic = error.diagnostic();
            EXPECT_EQ(diagnostic.loc.file, "gen.yaml") << diagnostic.message << "\n" << yaml;
            EXPECT_GT(diagnostic.loc.line, 0) << diagnostic.message << "\n" << yaml;
            EXPECT_GT(diagnostic.loc.col, 0) << diagnostic.message << "\n" << yaml;
            EXPECT_FALSE(diagnostic.hint.empty()) << diagnostic.message << "\n" << yaml;
            ++refused;
            if (std::getenv("FORMPDF_CORPUS_VERBOSE")) {
                std::cerr << diagnostic.message << "\n";
                if (std::string(std::getenv("FORMPDF_CORPUS_VERBOSE")) == "2") {
                    std::cerr << diagnostic.loc.line << ":" << diagnostic.loc.col << "\n"
                              << yaml << "\n";
                }
            }
        }
        if (::testing::Test::HasFailure()) {
            break; // one layout's failures say enough
        }
    }
    std::cout << refused << " refused, " << laid_out << " laid out\n";
    // Both outcomes occur, or the corpus tests nothing.
    EXPECT_GT(refused, 200);
    EXPECT_GT(laid_out, 200);
}

// The same corpus through the program, as a user runs it: `formpdf render data.yaml --layout
// gen.yaml --dump-layout`. Every run exits 2 with `gen.yaml:line:col: error:` and a hint and
// writes nothing, or exits 0 with a dump whose every text lies inside its box and its page.
TEST(UnfitLayoutCorpus, TheProgramExitsTwoWithALocatedErrorOrDumpsItemsInsideTheirBoxes) {
    LayoutGenerator generator(7);
    int refused = 0;
    int laid_out = 0;
    for (int i = 0; i < 40; ++i) {
        const std::string layout = generator.next();
        const std::string data = generator.declaration();
        testing::TempDir dir;
        testing::write_text(dir / "gen.yaml", layout);
        testing::write_text(dir / "data.yaml", data);
        const auto result = testing::run_command(
            {testing::formpdf_binary(), "render", (dir / "data.yaml").string(), "--layout",
             (dir / "gen.yaml").string(), "-o", (dir / "out.pdf").string(), "--dump-layout",
             (dir / "dump.json").string()},
            {"SOURCE_DATE_EPOCH=0"});
        if (result.exit_code == 2) {
            ++refused;
            EXPECT_TRUE(std::regex_search(
                result.err, std::regex(R"(gen\.yaml:\d+:\d+: error: [^\n]+\nhint: )")))
                << result.err << layout;
            EXPECT_FALSE(std::filesystem::exists(dir / "out.pdf")) << layout;
            continue;
        }
        ASSERT_EQ(result.exit_code, 0) << result.err << layout;
        ++laid_out;
        const nlohmann::json dump = nlohmann::json::parse(testing::read_text(dir / "dump.json"));
        for (const auto& page : dump["pages"]) {
            const double width = page["width"], height = page["height"];
            for (const auto& item : page["items"]) {
                if (item["type"] != "text") {
                    continue;
                }
                const double x = item["x"], y = item["y"], w = item["width"];
                const auto& box = item["box"];
                const double bx = box["x"], by = box["y"], bw = box["width"], bh = box["height"];
                constexpr double kSlack = 0.02; // the dump rounds to 2 decimals
                EXPECT_TRUE(x >= bx - kSlack && x + w <= bx + bw + kSlack && y >= by - kSlack &&
                            y <= by + bh + kSlack)
                    << item.dump() << "\n"
                    << layout;
                EXPECT_TRUE(bx >= -kSlack && by >= -kSlack && bx + bw <= width + kSlack &&
                            by + bh <= height + kSlack)
                    << item.dump() << "\n"
                    << layout;
            }
        }
    }
    EXPECT_GT(refused, 5);
    EXPECT_GT(laid_out, 5);
}

} // namespace
} // namespace formpdf::layout
