// The forms print a half-width ':' after their labels ("预算单位:", "金额单位:万元"), and a label
// copied into a YAML value ends it where YAML reads a key's colon: before a space, ',', '}', ']' or
// the line's end. The message says so at the colon, and the hint says to quote the value
// (docs/declaration-format.md, "Input-method slips").

#include "load/declaration.h"
#include "load/layout_loader.h"

#include "core/diagnostic.h"

#include <gtest/gtest.h>

#include <string>

namespace formpdf::load {
namespace {

std::string layout_error(const std::string& form_section) {
    try {
        load_layout_text("formpdf-layout: 1\nform:\n  id: f\n" + form_section, "l.yaml");
    } catch (const DiagnosticError& error) {
        return format_diagnostic(error.diagnostic());
    }
    return "accepted";
}

std::string declaration_error(const std::string& yaml) {
    try {
        load_declarations_text(yaml, "d.yaml");
    } catch (const DiagnosticError& error) {
        return format_diagnostic(error.diagnostic());
    }
    return "accepted";
}

const std::string kHint = "hint: the ':' belongs to the text (the forms print a half-width ':' "
                          "after a label): put the value in quotes, ";

TEST(HalfWidthColon, BeforeTheCommaOfAFlowMap) {
    EXPECT_EQ(layout_error("  fields:\n    unit: {label: 预算单位:, required: true}\n"),
              "l.yaml:5:23: error: YAML reads the half-width ':' in '预算单位:' as the colon of "
              "a key\n" +
                  kHint + "'预算单位:', or write a full-width '：'");
}

TEST(HalfWidthColon, BeforeTheBraceThatClosesAFlowMap) {
    EXPECT_EQ(declaration_error("form: f\nindicators:\n  - level1: 产出\n    groups:\n"
                                "      - level2: 数量\n        rows:\n"
                                "          - {name: 面积, value: 金额单位:}\n"),
              "d.yaml:7:35: error: YAML reads the half-width ':' in '金额单位:' as the colon of "
              "a key\n" +
                  kHint + "'金额单位:', or write a full-width '：'");
}

TEST(HalfWidthColon, BeforeASpaceInsideAFlowMap) {
    EXPECT_EQ(layout_error("  fields:\n    unit: {label: 预算单位: 奉节县, required: true}\n"),
              "l.yaml:5:23: error: YAML reads the half-width ':' in '预算单位: 奉节县' as the "
              "colon of a key\n" +
                  kHint + "'预算单位: 奉节县', or write a full-width '：'");
}

TEST(HalfWidthColon, AtTheEndOfALine) {
    EXPECT_EQ(declaration_error("form: f\nfields:\n  budget_unit: 预算单位:\n"),
              "d.yaml:3:20: error: YAML reads the half-width ':' in '预算单位:' as the colon of "
              "a key\n" +
                  kHint + "'预算单位:', or write a full-width '：'");
}

TEST(HalfWidthColon, AListItemThatBecameAKey) {
    // `[新增项目:, 延续项目]` parses: the first item is a map with one empty key.
    EXPECT_EQ(layout_error("  fields:\n    kind: {label: 项目属性, kind: choice, choices: "
                           "[新增项目:, 延续项目]}\n"),
              "l.yaml:5:49: error: 'form.fields.kind.choices[1]' must be text, not a map\nhint: "
              "if '新增项目:' is meant as text, its half-width ':' made it a key: put it in "
              "quotes, '新增项目:'");
}

TEST(HalfWidthColon, AColonInsideTheTextIsText) {
    // Followed by another character, the ':' is text even in a flow map.
    EXPECT_EQ(layout_error("  fields:\n    unit: {label: 金额单位:万元}\n"), "accepted");
    // Quoted, it is text anywhere.
    EXPECT_EQ(layout_error("  fields:\n    unit: {label: '预算单位:', required: true}\n"),
              "accepted");
    // Other syntax errors keep their own words.
    EXPECT_EQ(layout_error("  fields:\n    unit: {label: 预算单位\n").find("YAML reads"),
              std::string::npos);
}

} // namespace
} // namespace formpdf::load
