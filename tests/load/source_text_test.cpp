// SourceText turns byte offsets into line:col (columns in characters) in bounded work per offset,
// and the readers built on it stay linear on a one-line flow-style file of 100,000 keys.

#include "load/declaration.h"
#include "load/source_text.h"

#include "core/diagnostic.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace formpdf::load {
namespace {

// The location by counting from the start of the text: what loc_at() must agree with.
SourceLoc counted(const std::string& text, std::size_t offset) {
    SourceLoc loc{"t.yaml", 1, 1};
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++loc.line;
            loc.col = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++loc.col;
        }
    }
    return loc;
}

std::string mixed_text(std::size_t bytes, unsigned seed) {
    std::mt19937 random(seed);
    const char* const pieces[] = {"a", " ", "项目", "：", "\n", "≥95%", "{k: v}, ", "\r\n", "𠀀"};
    std::string text;
    while (text.size() < bytes) {
        // Long lines mostly, so that the column marks are used, and some short ones.
        const auto piece = random() % 40 == 0 ? 4 : random() % std::size(pieces);
        text += pieces[piece == 4 && random() % 3 ? 0 : piece];
    }
    return text;
}

TEST(SourceText, LocationsMatchCountingFromTheStart) {
    const std::string text = mixed_text(20000, 7);
    const SourceText source("t.yaml", text);
    for (std::size_t offset = 0; offset <= text.size(); offset += 1 + offset % 37) {
        if (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) {
            continue; // offsets given by the parser are at the start of a character
        }
        const SourceLoc expected = counted(text, offset);
        const SourceLoc actual = source.loc_at(offset);
        ASSERT_EQ(actual.line, expected.line) << "offset " << offset;
        ASSERT_EQ(actual.col, expected.col) << "offset " << offset;
    }
    EXPECT_EQ(source.loc_at(text.size() + 100).line, counted(text, text.size()).line);
}

TEST(SourceText, LocatingEveryValueOfALongLineCostsBoundedWorkEach) {
    // One line of 7 MB, as a flow-style file of 100,000 keys is: counting from the line start
    // for each of them would be 100,000 × 3.5 MB on average.
    std::string text;
    for (int i = 0; text.size() < 7'000'000; ++i) {
        text += 'k'; // appended piece by piece: GCC 12 warns (-Wrestrict) of "k" + to_string
        text += std::to_string(i);
        text += ": 项目概况绩效目标, ";
    }
    const SourceText source("t.yaml", text);
    const std::size_t positions = 100'000;
    const std::size_t step = text.size() / positions;
    for (std::size_t offset = 0; offset < text.size(); offset += step) {
        source.loc_at(offset);
    }
    EXPECT_LE(source.counted_bytes(), positions * SourceText::kColumnStride);
    EXPECT_EQ(source.loc_at(text.size()).col, counted(text, text.size()).col);
}

TEST(SourceText, AOneLineDeclarationOfManyKeysLoadsWithItsLocations) {
    std::string yaml = "{form: f, fields: {";
    const int keys = 20000; // 40,000 tokens: under the guard's 100,000 in one flow collection
    for (int i = 0; i < keys; ++i) {
        yaml += 'k';
        yaml += std::to_string(i);
        yaml += ": 值, ";
    }
    yaml += "last: 末}}";
    const std::vector<Declaration> declarations = load_declarations_text(yaml, "one-line.yaml");
    ASSERT_EQ(declarations.size(), 1u);
    const auto& fields = declarations[0].fields;
    ASSERT_EQ(fields.size(), static_cast<std::size_t>(keys + 1));
    const std::size_t last_value = yaml.rfind("末");
    EXPECT_EQ(fields.back().second.loc.line, 1);
    EXPECT_EQ(fields.back().second.loc.col, counted(yaml, last_value).col);
}

TEST(SourceText, ADuplicateKeyInALargeMapIsFoundAtItsSecondPlace) {
    std::string yaml = "form: f\nfields:\n";
    for (int i = 0; i < 1000; ++i) {
        yaml += "  k" + std::to_string(i) + ": v\n";
    }
    yaml += "  k17: again\n";
    try {
        load_declarations_text(yaml, "dup.yaml");
        FAIL() << "a duplicate key was accepted";
    } catch (const DiagnosticError& error) {
        EXPECT_EQ(error.diagnostic().loc.line, 1003);
        EXPECT_NE(error.diagnostic().message.find("duplicate key 'k17'"), std::string::npos)
            << error.diagnostic().message;
        EXPECT_NE(error.diagnostic().hint.find("line 20"), std::string::npos)
            << error.diagnostic().hint;
    }
}

} // namespace
} // namespace formpdf::load
