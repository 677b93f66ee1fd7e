#include "load/layout_loader.h"

#include "core/diagnostic.h"
#include "core/file_io.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace formpdf::load {
namespace {

const std::string kLayoutDir = std::string(FORMPDF_SOURCE_DIR) + "/tests/data/layouts";

LayoutSpec load(const std::string& yaml) {
    return load_layout_text(yaml, "forms/in.yaml");
}

// The diagnostic the loader throws for the input; a test failure when it accepts it.
Diagnostic layout_error(const std::string& yaml) {
    try {
        load_layout_text(yaml, "in.yaml");
    } catch (const DiagnosticError& error) {
        return error.diagnostic();
    }
    ADD_FAILURE() << "the loader accepted:\n" << yaml;
    return {};
}

// A layout with the version line, then the given lines (so they start at line 2).
Diagnostic body_error(const std::string& lines) {
    return layout_error("formpdf-layout: 1\n" + lines);
}

void expect_at(const Diagnostic& diagnostic, int line, int col) {
    EXPECT_EQ(diagnostic.loc.file, "in.yaml");
    EXPECT_EQ(diagnostic.loc.line, line) << diagnostic.message;
    EXPECT_EQ(diagnostic.loc.col, col) << diagnostic.message;
}

void expect_color(const Color& color, double r, double g, double b) {
    EXPECT_DOUBLE_EQ(color.r, r);
    EXPECT_DOUBLE_EQ(color.g, g);
    EXPECT_DOUBLE_EQ(color.b, b);
}

TEST(LayoutLoader, LoadsTheFullExampleToExactValues) {
    const LayoutSpec spec = load_layout_file(kLayoutDir + "/full-example.yaml");
    EXPECT_EQ(spec.file, kLayoutDir + "/full-example.yaml");
    EXPECT_EQ(spec.directory, std::filesystem::path(kLayoutDir));
    EXPECT_EQ(spec.title, "二级项目支出绩效目标申报表（样例）");

    // A4 landscape: the long side is the width.
    EXPECT_DOUBLE_EQ(spec.page.width_pt, mm_to_pt(297));
    EXPECT_DOUBLE_EQ(spec.page.height_pt, mm_to_pt(210));
    EXPECT_DOUBLE_EQ(spec.page.margins.top, mm_to_pt(15));
    EXPECT_DOUBLE_EQ(spec.page.margins.bottom, mm_to_pt(10));
    EXPECT_DOUBLE_EQ(spec.page.margins.left, mm_to_pt(20)); // default
    EXPECT_DOUBLE_EQ(spec.page.margins.right, mm_to_pt(20));

    ASSERT_EQ(spec.fonts.size(), 3u);
    EXPECT_EQ(spec.fonts[0].name, "body");
    EXPECT_EQ(spec.fonts[0].family, "Noto Serif CJK SC");
    EXPECT_EQ(spec.fonts[0].weight, 400);
    EXPECT_EQ(spec.fonts[1].name, "heavy");
    EXPECT_EQ(spec.fonts[1].weight, 700);
    EXPECT_EQ(spec.fonts[2].name, "label");
    EXPECT_EQ(spec.fonts[2].family, "Noto Sans CJK SC");
    EXPECT_EQ(spec.fonts[2].weight, 500);
    EXPECT_EQ(spec.fonts[2].loc.line, 11);
    EXPECT_EQ(spec.fallback, std::vector<std::string>{"heavy"});
    EXPECT_EQ(spec.fallback_loc.line, 12);

    ASSERT_EQ(spec.styles.size(), 3u);
    const StyleSpec* title = spec.find_style("title"); // built in, untouched
    ASSERT_NE(title, nullptr);
    EXPECT_EQ(title->font, "heavy");
    EXPECT_DOUBLE_EQ(title->size_pt, 18);
    EXPECT_EQ(title->align, HAlign::Center);
    const StyleSpec* body = spec.find_style("body");
    ASSERT_NE(body, nullptr);
    EXPECT_EQ(body->font, "body");
    EXPECT_DOUBLE_EQ(body->size_pt, 10.5);
    EXPECT_DOUBLE_EQ(body->line_spacing, 1.5);
    expect_color(body->color, 0, 0, 0);
    EXPECT_EQ(body->align, HAlign::Left);
    EXPECT_EQ(body->valign, VAlign::Top);
    EXPECT_DOUBLE_EQ(body->padding.top, mm_to_pt(1));
    EXPECT_DOUBLE_EQ(body->padding.left, mm_to_pt(1));
    const StyleSpec* note = spec.find_style("note");
    ASSERT_NE(note, nullptr);
    EXPECT_EQ(note->font, "label");
    EXPECT_EQ(note->font_loc.line, 15);
    EXPECT_DOUBLE_EQ(note->size_pt, 9);
    EXPECT_DOUBLE_EQ(note->line_spacing, 1.2);
    expect_color(note->color, 0x33 / 255.0, 0x33 / 255.0, 0x33 / 255.0);
    EXPECT_EQ(note->align, HAlign::Right);
    EXPECT_EQ(note->valign, VAlign::Bottom);
    EXPECT_DOUBLE_EQ(note->padding.left, mm_to_pt(2));
    EXPECT_DOUBLE_EQ(note->padding.right, mm_to_pt(2));
    EXPECT_DOUBLE_EQ(note->padding.top, 0);
    EXPECT_EQ(spec.find_style("nothing"), nullptr);
    EXPECT_EQ(spec.find_font("nothing"), nullptr);

    ASSERT_EQ(spec.blocks.size(), 4u);
    const BlockSpec& heading = spec.blocks[0];
    EXPECT_EQ(heading.kind, BlockKind::Title);
    EXPECT_EQ(heading.text, "二级项目支出绩效目标申报表");
    EXPECT_EQ(heading.style, "title");
    EXPECT_EQ(heading.loc.line, 18);
    EXPECT_EQ(heading.text_loc.line, 18);
    EXPECT_EQ(heading.text_loc.col, 12);

    const BlockSpec& spacer = spec.blocks[1];
    EXPECT_EQ(spacer.kind, BlockKind::Spacer);
    EXPECT_DOUBLE_EQ(spacer.height_pt, mm_to_pt(4));

    const BlockSpec& box = spec.blocks[2];
    EXPECT_EQ(box.kind, BlockKind::Paragraph);
    EXPECT_EQ(box.text, "项目概况：贯彻执行国家、省市和区关于做好疫情防控工作的精神。");
    EXPECT_EQ(box.style, "body");
    EXPECT_EQ(box.style_loc.line, 21);
    EXPECT_EQ(box.style_loc.col, 12);
    ASSERT_TRUE(box.width_pt.has_value());
    EXPECT_DOUBLE_EQ(*box.width_pt, mm_to_pt(60));
    EXPECT_EQ(box.box_align, HAlign::Center);
    EXPECT_TRUE(box.frame);
    ASSERT_TRUE(box.fill.has_value());
    expect_color(*box.fill, 0xD9 / 255.0, 0xD9 / 255.0, 0xD9 / 255.0);
    EXPECT_DOUBLE_EQ(box.space_before_pt, mm_to_pt(2));
    EXPECT_DOUBLE_EQ(box.space_after_pt, mm_to_pt(5));

    const BlockSpec& footer = spec.blocks[3];
    EXPECT_EQ(footer.style, "note");
    EXPECT_FALSE(footer.width_pt.has_value());
    EXPECT_FALSE(footer.box_align.has_value());
    EXPECT_FALSE(footer.frame);
    ASSERT_TRUE(footer.fill.has_value());
    expect_color(*footer.fill, 0.85, 0.85, 0.85);
}

TEST(LayoutLoader, FillsDefaultsForAMinimalLayout) {
    const LayoutSpec spec = load_layout_file(kLayoutDir + "/minimal.yaml");
    EXPECT_DOUBLE_EQ(spec.page.width_pt, mm_to_pt(210));
    EXPECT_DOUBLE_EQ(spec.page.height_pt, mm_to_pt(297));
    EXPECT_DOUBLE_EQ(spec.page.margins.top, mm_to_pt(25));
    EXPECT_DOUBLE_EQ(spec.page.margins.right, mm_to_pt(20));
    ASSERT_EQ(spec.fonts.size(), 2u);
    EXPECT_EQ(spec.find_font("body")->family, "Noto Serif CJK SC");
    EXPECT_EQ(spec.find_font("body")->weight, 400);
    EXPECT_EQ(spec.find_font("heavy")->family, "Noto Sans CJK SC");
    EXPECT_EQ(spec.find_font("heavy")->weight, 700);
    EXPECT_EQ(spec.fallback, (std::vector<std::string>{"body", "heavy"}));
    ASSERT_EQ(spec.styles.size(), 2u);
    EXPECT_EQ(spec.find_style("title")->font, "heavy");
    EXPECT_DOUBLE_EQ(spec.find_style("title")->size_pt, 18);
    EXPECT_EQ(spec.find_style("body")->font, "body");
    EXPECT_DOUBLE_EQ(spec.find_style("body")->size_pt, 10.5);
    // A block scalar keeps its line breaks; the derived document title joins the lines.
    ASSERT_EQ(spec.blocks.size(), 2u);
    EXPECT_EQ(spec.blocks[0].text, "二级项目支出绩效目标申报表\n（样表）\n");
    EXPECT_EQ(spec.title, "二级项目支出绩效目标申报表 （样表）");
    EXPECT_EQ(spec.blocks[1].style, "body");
}

TEST(LayoutLoader, KeepsScalarTextExactly) {
    const LayoutSpec spec = load("formpdf-layout: 1\n"
                                 "blocks:\n"
                                 "  - paragraph: 0.00\n"
                                 "  - paragraph: 3\n"
                                 "  - paragraph: yes\n"
                                 "  - paragraph: ≥ 90%\n"
                                 "  - paragraph: 否\n"
                                 "  - paragraph: 1,866.00\n"
                                 "  - paragraph: '*数量'\n"
                                 "  - paragraph: 440304221061500500012\n"
                                 "  - paragraph: >\n"
                                 "      folded\n"
                                 "      lines\n"
                                 "  - paragraph: \"\"\n");
    const std::vector<std::string> expected = {
        "0.00",           "3", "yes", "≥ 90%", "否", "1,866.00", "*数量", "440304221061500500012",
        "folded lines\n", ""};
    ASSERT_EQ(spec.blocks.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(spec.blocks[i].text, expected[i]);
    }
    EXPECT_EQ(spec.directory, std::filesystem::path("forms"));
}

TEST(LayoutLoader, ConvertsUnitsAndSwapsCustomSizes) {
    const LayoutSpec spec = load("formpdf-layout: 1\n"
                                 "page: {size: [100mm, 20cm], orientation: landscape,\n"
                                 "       margins: {top: 36pt, left: 0.5in, right: 10, bottom: 0}}\n"
                                 "blocks:\n"
                                 "  - spacer: 10.5pt\n");
    EXPECT_DOUBLE_EQ(spec.page.width_pt, mm_to_pt(200));
    EXPECT_DOUBLE_EQ(spec.page.height_pt, mm_to_pt(100));
    EXPECT_DOUBLE_EQ(spec.page.margins.top, 36);
    EXPECT_DOUBLE_EQ(spec.page.margins.left, 36);
    EXPECT_DOUBLE_EQ(spec.page.margins.right, mm_to_pt(10)); // a bare number is mm
    EXPECT_DOUBLE_EQ(spec.page.margins.bottom, 0);
    EXPECT_DOUBLE_EQ(spec.blocks[0].height_pt, 10.5);
}

TEST(LayoutLoader, RedefiningABuiltInStyleKeepsItsOtherValues) {
    const LayoutSpec spec = load("formpdf-layout: 1\n"
                                 "fonts: {heavy: {weight: 900}}\n"
                                 "styles: {title: {size: 22}, small: {size: 8}}\n");
    EXPECT_EQ(spec.find_font("heavy")->family, "Noto Sans CJK SC");
    EXPECT_EQ(spec.find_font("heavy")->weight, 900);
    EXPECT_DOUBLE_EQ(spec.find_style("title")->size_pt, 22);
    EXPECT_EQ(spec.find_style("title")->font, "heavy");
    EXPECT_EQ(spec.find_style("title")->align, HAlign::Center);
    EXPECT_EQ(spec.find_style("small")->font, "body");
    EXPECT_EQ(spec.styles.back().name, "small");
}

TEST(LayoutLoader, RefusesAnEmptyFileOrOneThatIsNotAMap) {
    const Diagnostic empty = layout_error("# only a comment\n");
    EXPECT_EQ(empty.message, "the layout file is empty");
    EXPECT_EQ(empty.loc.line, 0);
    const Diagnostic list = layout_error("- title: x\n");
    EXPECT_EQ(list.message, "the top level must be a map of keys (formpdf-layout, page, fonts, "
                            "styles, blocks, ...), not a list");
    expect_at(list, 1, 1);
}

TEST(LayoutLoader, RequiresFormatVersionOne) {
    const Diagnostic missing = layout_error("page: {size: A4}\n");
    EXPECT_EQ(missing.message,
              "this is not a formpdf layout file: the key 'formpdf-layout' is missing");
    EXPECT_EQ(missing.hint, "a layout file starts with the line `formpdf-layout: 1`");
    expect_at(missing, 1, 1);
    const Diagnostic other = layout_error("formpdf-layout: 2\n");
    EXPECT_EQ(other.message, "unsupported layout format version '2'");
    expect_at(other, 1, 17);
}

TEST(LayoutLoader, RefusesUnknownKeysWithASuggestion) {
    const Diagnostic top = body_error("pgae: {size: A4}\n");
    EXPECT_EQ(top.message, "unknown key 'pgae' at the top level");
    EXPECT_EQ(top.hint, "did you mean 'page'? allowed keys: formpdf-layout, title, page, fonts, "
                        "fallback, styles, blocks, page-numbers, bookmark, output, form, "
                        "tighten, batch");
    expect_at(top, 2, 1);

    const Diagnostic nested = body_error("page:\n  size: A4\n  margin: 10mm\n");
    EXPECT_EQ(nested.message, "unknown key 'margin' in 'page'");
    EXPECT_EQ(nested.hint, "did you mean 'margins'? allowed keys: size, orientation, margins");
    expect_at(nested, 4, 3);

    const Diagnostic style = body_error("styles:\n  body: {line_spacing: 2}\n");
    EXPECT_EQ(style.message, "unknown key 'line_spacing' in 'styles.body'");
    EXPECT_EQ(style.hint.substr(0, 30), "did you mean 'line-spacing'? a");
    expect_at(style, 3, 10);

    const Diagnostic block = body_error("blocks:\n  - paragraph: x\n    widht: 30mm\n");
    EXPECT_EQ(block.message, "unknown key 'widht' in 'blocks[1]'");
    EXPECT_EQ(block.hint.substr(0, 24), "did you mean 'width'? al");
    expect_at(block, 4, 5);

    const Diagnostic far = body_error("page: {colour: red}\n");
    EXPECT_EQ(far.hint, "allowed keys: size, orientation, margins");
}

TEST(LayoutLoader, RefusesDuplicateKeys) {
    const Diagnostic error = body_error("page:\n  size: A4\n  size: A3\n");
    EXPECT_EQ(error.message, "duplicate key 'size' in 'page'");
    EXPECT_EQ(error.hint, "it is already given at line 3; a key may appear only once in a map");
    expect_at(error, 4, 3);
}

TEST(LayoutLoader, NamesTheExpectedTypeOnAWrongType) {
    const Diagnostic page = body_error("page: [A4]\n");
    EXPECT_EQ(page.message, "'page' must be a map (keys with values), not a list");
    expect_at(page, 2, 7);

    const Diagnostic blocks = body_error("blocks: {title: x}\n");
    EXPECT_EQ(blocks.message, "'blocks' must be a list, not a map");

    const Diagnostic text = body_error("blocks:\n  - paragraph: [a, b]\n");
    EXPECT_EQ(text.message, "'blocks[1].paragraph' must be text, not a list");
    expect_at(text, 3, 16);

    const Diagnostic item = body_error("blocks:\n  - 项目概况\n");
    EXPECT_EQ(item.message,
              "'blocks[1]' must be a block such as `- paragraph: text`, not '项目概况'");
    expect_at(item, 3, 5);

    const Diagnostic size = body_error("styles: {body: {size: big}}\n");
    EXPECT_EQ(
        size.message,
        "'styles.body.size' must be a font size in points, such as 10.5 or 10.5pt, or a Chinese "
        "size such as 三号 or 小四, not 'big'");
    expect_at(size, 2, 23);
}

TEST(LayoutLoader, ChecksLengths) {
    const Diagnostic negative = body_error("blocks:\n  - spacer: -3mm\n");
    EXPECT_EQ(negative.message, "'blocks[1].spacer' must not be negative (it is '-3mm')");
    expect_at(negative, 3, 13);

    const Diagnostic absurd = body_error("page: {margins: 3000}\n");
    EXPECT_EQ(absurd.message, "'page.margins' is 3000mm, longer than the limit of 2000mm");
    expect_at(absurd, 2, 17);

    const Diagnostic unit = body_error("page: {margins: 2px}\n");
    EXPECT_EQ(unit.message, "'page.margins' must be a length such as 20mm, 1.5cm, 10pt or 1in, "
                            "not '2px'");
    EXPECT_EQ(unit.hint,
              "a length is a number followed by mm, cm, pt or in; a bare number means mm");

    const Diagnostic no_room = body_error("page: {size: A5, margins: {left: 80mm, right: 70mm}}\n");
    EXPECT_EQ(no_room.message, "the margins leave no room on the page (it is 148mm × 210mm; the "
                               "content needs at least 10mm each way)");
    // Room for a sliver is no room either.
    const Diagnostic sliver = body_error("page: {size: A5, margins: {left: 70mm, right: 70mm}}\n");
    EXPECT_EQ(sliver.message, "the margins leave no room on the page (it is 148mm × 210mm; the "
                              "content needs at least 10mm each way)");
    expect_at(sliver, 2, 27);

    const Diagnostic wide = body_error("blocks:\n  - paragraph: x\n    width: 171mm\n");
    EXPECT_EQ(wide.message, "the box is wider than the page's content width of 170mm");
    expect_at(wide, 4, 12);
    EXPECT_NO_THROW(load("formpdf-layout: 1\nblocks:\n  - paragraph: x\n    width: 170mm\n"));
}

TEST(LayoutLoader, ChecksColoursWeightsAndChoices) {
    // Unquoted, `#D9D9D9` is a comment and the key has no value.
    const Diagnostic comment = body_error("blocks:\n  - paragraph: x\n    fill: #D9D9D9\n");
    EXPECT_EQ(comment.message, "'blocks[1].fill' has no value; expected a colour");
    EXPECT_EQ(comment.hint, "an unquoted '#' starts a comment in YAML: put the value in quotes, "
                            "e.g. \"#D9D9D9\"");
    expect_at(comment, 4, 5);

    const Diagnostic grey = body_error("blocks:\n  - paragraph: x\n    fill: 1.5\n");
    EXPECT_EQ(grey.message, "'blocks[1].fill' must be a colour, not '1.5'");

    const Diagnostic weight = body_error("fonts: {body: {weight: heavy}}\n");
    EXPECT_EQ(weight.message, "'fonts.body.weight' must be a font weight: regular, normal, "
                              "medium, bold, or a number from 100 to 900, not 'heavy'");
    const Diagnostic weight_number = body_error("fonts: {body: {weight: 950}}\n");
    EXPECT_EQ(weight_number.message,
              "'fonts.body.weight' must be a whole number from 100 to 900, not '950'");

    const Diagnostic align = body_error("styles: {body: {align: centre}}\n");
    EXPECT_EQ(align.message, "'styles.body.align' cannot be 'centre'");
    EXPECT_EQ(align.hint, "did you mean 'center'? allowed values: left, center, right");
    expect_at(align, 2, 24);

    const Diagnostic paper = body_error("page: {size: A6}\n");
    EXPECT_EQ(paper.hint, "did you mean 'A4'? allowed values: A4, A3, A5, B5, Letter, Legal");

    const Diagnostic frame = body_error("blocks:\n  - paragraph: x\n    frame: 是\n");
    EXPECT_EQ(frame.message, "'blocks[1].frame' cannot be '是'");
    EXPECT_EQ(frame.hint, "allowed values: true, false, yes, no");
}

TEST(LayoutLoader, RefusesReferencesToUndefinedNames) {
    const Diagnostic font = body_error("styles:\n  body: {font: bdy}\n");
    EXPECT_EQ(font.message, "unknown font slot 'bdy'");
    EXPECT_EQ(font.hint, "did you mean 'body'? defined font slots: body, heavy");
    expect_at(font, 3, 16);

    const Diagnostic style = body_error("styles: {note: {size: 9}}\n"
                                        "blocks:\n  - paragraph: x\n    style: notes\n");
    EXPECT_EQ(style.message, "unknown style 'notes'");
    EXPECT_EQ(style.hint, "did you mean 'note'? defined styles: title, body, note");
    expect_at(style, 5, 12);

    const Diagnostic fallback = body_error("fonts: {mono: {family: Noto Sans Mono CJK SC}}\n"
                                           "fallback: [heavy, 宋体]\n");
    EXPECT_EQ(fallback.message, "unknown font slot '宋体'");
    EXPECT_EQ(fallback.hint, "defined font slots: body, heavy, mono");
    expect_at(fallback, 3, 19);

    const Diagnostic family = body_error("fonts:\n  mono: {weight: bold}\n");
    EXPECT_EQ(family.message, "missing key 'family' in 'fonts.mono'");
    expect_at(family, 3, 9);
}

TEST(LayoutLoader, ChecksTheShapeOfBlocks) {
    const Diagnostic none = body_error("blocks:\n  - style: body\n");
    EXPECT_EQ(none.message, "this block has no content");
    EXPECT_EQ(none.hint, "a block starts with one of title, paragraph, spacer, table, e.g. "
                         "`- paragraph: 项目概况`");
    expect_at(none, 3, 5);

    const Diagnostic two = body_error("blocks:\n  - title: a\n    paragraph: b\n");
    EXPECT_EQ(two.message, "this block has two content keys, 'title' and 'paragraph'");
    expect_at(two, 4, 5);

    const Diagnostic spacer = body_error("blocks:\n  - spacer: 2mm\n    style: body\n");
    EXPECT_EQ(spacer.message, "'style' does not apply to a spacer block");
    EXPECT_EQ(spacer.hint, "a spacer block takes no other keys");
    expect_at(spacer, 4, 5);

    const Diagnostic empty = body_error("blocks:\n  - paragraph:\n");
    EXPECT_EQ(empty.message, "'blocks[1].paragraph' has no value; expected text");
    expect_at(empty, 3, 5);
}

TEST(LayoutLoader, RefusesASecondDocumentAndHostileYaml) {
    const Diagnostic second = body_error("---\nformpdf-layout: 1\n");
    EXPECT_EQ(second.message, "a second YAML document starts here");
    expect_at(second, 3, 1);

    const Diagnostic alias = body_error("styles:\n  body: &b {size: 9}\n  note: *b\n");
    EXPECT_EQ(alias.message, "anchors and aliases are not allowed (found anchor '&b')");
    expect_at(alias, 3, 9);
}

TEST(LayoutLoader, ReportsAMissingFileAsIoError) {
    EXPECT_THROW(load_layout_file(kLayoutDir + "/no-such-layout.yaml"), IoError);
}

TEST(LayoutLoader, LoadsTheDemoSample) {
    const LayoutSpec spec =
        load_layout_file(std::string(FORMPDF_SOURCE_DIR) + "/inputs/sample-text.yaml");
    EXPECT_EQ(spec.title, "二级项目支出绩效目标申报表");
    ASSERT_FALSE(spec.blocks.empty());
    EXPECT_EQ(spec.blocks.front().kind, BlockKind::Title);
}

// A fuzz run in miniature: damaged layouts give a diagnostic (or load), never another exception or
// a crash. Deterministic: a fixed seed.
TEST(LayoutLoader, DamagedInputGivesDiagnosticsNotCrashes) {
    const std::string sample =
        read_file(std::string(FORMPDF_SOURCE_DIR) + "/inputs/sample-text.yaml", 1 << 20);
    const std::string alphabet = " \n\t:-[]{}&*#!|>'\"%@,?0123456789abz中\xE4";
    std::mt19937 random(20240101);
    int diagnostics = 0;
    for (int run = 0; run < 1500; ++run) {
        std::string yaml = sample;
        const int edits = 1 + static_cast<int>(random() % 4);
        for (int edit = 0; edit < edits; ++edit) {
            const std::size_t at = random() % yaml.size();
            const char c = alphabet[random() % alphabet.size()];
            switch (random() % 3) {
            case 0:
                yaml.erase(at, 1 + random() % 8);
                break;
            case 1:
                yaml.insert(at, 1, c);
                break;
            default:
                yaml[at] = c;
                break;
            }
        }
        try {
            load_layout_text(yaml, "fuzz.yaml");
        } catch (const DiagnosticError& error) {
            ++diagnostics;
            EXPECT_FALSE(error.diagnostic().message.empty());
        } catch (const std::exception& error) {
            ADD_FAILURE() << "not a diagnostic: " << error.what() << "\nfor input:\n" << yaml;
            return;
        }
    }
    EXPECT_GT(diagnostics, 0);
}

} // namespace
} // namespace formpdf::load

namespace formpdf::load {
namespace {

// What a layout alone says cannot fit (docs/layout-format.md, "What must fit") is refused when it
// is loaded, at the key at fault, with a hint.
TEST(LayoutFit, RefusesBoxesThatCannotFitAtTheKeyAtFault) {
    const Diagnostic tiny_page = body_error("page: {size: [15mm, 300mm]}\n");
    EXPECT_NE(tiny_page.message.find("less than the minimum of 10mm each way"), std::string::npos)
        << tiny_page.message;
    expect_at(tiny_page, 2, 7);
    EXPECT_FALSE(tiny_page.hint.empty());

    const Diagnostic share = body_error("blocks:\n  - table:\n      columns: [169.5mm, 1fr]\n"
                                        "      rows: [[a, b]]\n");
    EXPECT_EQ(share.message, "column 2 (a share of 1fr) gets 0.5mm, narrower than the minimum of "
                             "1mm: the fixed columns leave 0.5mm for the shares");
    expect_at(share, 4, 26);

    const Diagnostic block = body_error("styles:\n  wide: {padding: {left: 15mm, right: 5mm}}\n"
                                        "blocks:\n  - paragraph: x\n    style: wide\n"
                                        "    width: 20mm\n");
    EXPECT_EQ(block.message, "the padding of style 'wide' (15mm left, 5mm right) leaves no room "
                             "for text in this block, which is 20mm wide");
    expect_at(block, 5, 5);
    EXPECT_EQ(block.hint, "make the style's left and right padding smaller or the block wider "
                          "(style 'wide' is at line 3)");

    const Diagnostic sliver = body_error("blocks:\n  - paragraph: x\n    width: 0.0001mm\n");
    EXPECT_EQ(sliver.message, "the box is 0.0001mm wide, narrower than the minimum of 1mm");
    expect_at(sliver, 4, 12);

    const Diagnostic padded_line = body_error("styles:\n  tall: {padding: {top: 250mm}}\n");
    EXPECT_NE(padded_line.message.find("one line of style 'tall' is 255.56mm tall"),
              std::string::npos)
        << padded_line.message;
    expect_at(padded_line, 3, 3); // no size written: the style

    const Diagnostic row_height =
        body_error("blocks:\n  - table:\n      columns: [1fr]\n      min-row-height: 250mm\n"
                   "      rows: [[a]]\n");
    EXPECT_EQ(row_height.message,
              "'min-row-height' 250mm is more than the page's content height of 247mm");
    expect_at(row_height, 5, 23);

    const Diagnostic header =
        body_error("blocks:\n  - table:\n      columns: [1fr]\n      rows:\n"
                   "        - {cells: [a], header: true, min-height: 200mm}\n"
                   "        - {cells: [b], header: true, min-height: 50mm}\n        - [c]\n");
    EXPECT_EQ(header.message, "the header rows starting here are at least 250mm tall, more than "
                              "the page's content height of 247mm");
    expect_at(header, 6, 11);

    const Diagnostic numbers = body_error("page-numbers: {format: \"{page}\", offset: 295mm}\n");
    EXPECT_NE(numbers.message.find("runs off the 297mm page"), std::string::npos)
        << numbers.message;
    expect_at(numbers, 2, 15);
}

TEST(LayoutFit, AcceptsWhatJustFits) {
    EXPECT_NO_THROW(load("formpdf-layout: 1\npage: {size: [50mm, 50mm], margins: 20mm}\n"));
    EXPECT_NO_THROW(load("formpdf-layout: 1\nblocks:\n  - table:\n      columns: [169mm, 1fr]\n"
                         "      rows: [[a, b]]\n"));
    EXPECT_NO_THROW(load("formpdf-layout: 1\nstyles:\n  wide: {padding: {left: 15mm, right: 4.9mm}}"
                         "\nblocks:\n  - paragraph: x\n    style: wide\n    width: 20mm\n"));
}

} // namespace
} // namespace formpdf::load
