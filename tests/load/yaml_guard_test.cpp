#include "load/yaml_guard.h"
#include "load/yaml_tree.h"

#include "core/diagnostic.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace formpdf::load {
namespace {

// The diagnostic check_yaml() throws for the input; a test failure when it accepts it.
Diagnostic guard_error(const std::string& yaml, const YamlLimits& limits = {}) {
    try {
        check_yaml(yaml, "in.yaml", limits);
    } catch (const DiagnosticError& error) {
        return error.diagnostic();
    }
    ADD_FAILURE() << "check_yaml accepted:\n" << yaml.substr(0, 200);
    return {};
}

void expect_at(const Diagnostic& diagnostic, int line, int col) {
    EXPECT_EQ(diagnostic.loc.file, "in.yaml");
    EXPECT_EQ(diagnostic.loc.line, line) << diagnostic.message;
    EXPECT_EQ(diagnostic.loc.col, col) << diagnostic.message;
}

const std::string kAnchorMessage = "anchors and aliases are not allowed";

TEST(YamlGuard, AcceptsAnOrdinaryChineseDocument) {
    EXPECT_NO_THROW(check_yaml("formpdf-layout: 1\n"
                               "title: 二级项目支出绩效目标申报表\n"
                               "blocks:\n"
                               "  - paragraph: '≥ 90%'\n"
                               "  - paragraph: \"*数量\"\n",
                               "in.yaml"));
}

TEST(YamlGuard, RefusesBillionLaughsAtTheFirstAnchor) {
    std::string yaml = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (char name = 'b'; name <= 'j'; ++name) {
        const char previous = static_cast<char>(name - 1);
        yaml += std::string(1, name) + ": &" + name + " [";
        for (int i = 0; i < 9; ++i) {
            yaml += std::string(i ? ", *" : "*") + previous;
        }
        yaml += "]\n";
    }
    const Diagnostic error = guard_error(yaml);
    EXPECT_EQ(error.message, kAnchorMessage + " (found anchor '&a')");
    EXPECT_NE(error.hint.find("\"*数量\""), std::string::npos) << error.hint;
    expect_at(error, 1, 4);
}

TEST(YamlGuard, RefusesASelfReferencingAlias) {
    const Diagnostic error = guard_error("a: &x [1, *x]\n");
    EXPECT_EQ(error.message, kAnchorMessage + " (found anchor '&x')");
    expect_at(error, 1, 4);
}

TEST(YamlGuard, RefusesAnAliasWithoutAnchorAndSaysHowToWriteAStar) {
    // `*数量` is how the seed marks mandatory indicators; unquoted, YAML reads it as an alias.
    const Diagnostic error = guard_error("rows:\n  - 产出\n  - *数量\n");
    EXPECT_EQ(error.message, kAnchorMessage);
    EXPECT_NE(error.hint.find("put it in quotes"), std::string::npos) << error.hint;
    expect_at(error, 3, 5);
}

TEST(YamlGuard, RefusesHundredThousandOpenBracketsQuicklyWithALocation) {
    const auto start = std::chrono::steady_clock::now();
    const Diagnostic error = guard_error(std::string(100000, '['));
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_EQ(error.message, "the YAML nests deeper than 64 levels");
    // The 65th '[' is one level too deep; nothing past it is parsed.
    expect_at(error, 1, 65);
    EXPECT_LT(std::chrono::duration<double>(elapsed).count(), 2.0);
}

TEST(YamlGuard, RefusesBalancedBracketsPastTheDepthLimit) {
    const Diagnostic error = guard_error(std::string(100, '[') + std::string(100, ']'));
    EXPECT_EQ(error.message, "the YAML nests deeper than 64 levels");
    expect_at(error, 1, 65);
}

std::string nested_maps(int depth) {
    std::string yaml;
    for (int i = 0; i < depth; ++i) {
        yaml += std::string(2 * i, ' ') + "k" + std::to_string(i) + ":\n";
    }
    return yaml + std::string(2 * depth, ' ') + "leaf\n";
}

TEST(YamlGuard, AcceptsSixtyFourNestedMapsButNotSixtyFive) {
    EXPECT_NO_THROW(check_yaml(nested_maps(64), "in.yaml"));
    const Diagnostic error = guard_error(nested_maps(65));
    EXPECT_EQ(error.message, "the YAML nests deeper than 64 levels");
    expect_at(error, 65, 129); // the 65th map starts with its key k64
}

TEST(YamlGuard, CapsTheNumberOfNodes) {
    YamlLimits limits;
    limits.max_nodes = 10;
    // The top-level list is node 1, its items are nodes 2..: the 11th node is the 10th item.
    EXPECT_NO_THROW(check_yaml("[1, 2, 3, 4, 5, 6, 7, 8, 9]", "in.yaml", limits));
    const Diagnostic error = guard_error("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]", limits);
    EXPECT_EQ(error.message, "more than 10 values in one file");
    expect_at(error, 1, 29);
}

TEST(YamlGuard, RefusesAHugeFlowListBeforeTheParserQueuesIt) {
    // yaml-cpp queues every token of a '[…]' until it closes (it may be a key): 2,000,000 items
    // took 560 MB and 2 s before the first node was reported. Refused after ~100,000 tokens.
    std::string yaml = "[";
    for (int i = 0; i < 2000000; ++i) {
        yaml += "a, ";
    }
    yaml += "]\n";
    const auto start = std::chrono::steady_clock::now();
    const Diagnostic error = guard_error(yaml);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_EQ(error.message, "more than 100000 tokens (items, ':' and ',') in one '[…]' or '{…}'");
    expect_at(error, 1, 1);
    EXPECT_LT(std::chrono::duration<double>(elapsed).count(), 2.0);
    // 5,000 items, far more than a form's flow lists hold, are read whole.
    std::string long_list = "items: [";
    for (int i = 0; i < 5000; ++i) {
        long_list += "甲, ";
    }
    EXPECT_EQ(parse_yaml(long_list + "乙]\n", "in.yaml", {})[0].children[1].children.size(), 5001u);
}

TEST(YamlGuard, CapsTheNumberOfDocuments) {
    YamlLimits limits;
    limits.max_documents = 2;
    const Diagnostic error = guard_error("a: 1\n---\nb: 2\n---\nc: 3\n", limits);
    EXPECT_EQ(error.message, "more than 2 YAML documents in one file");
    expect_at(error, 4, 1); // the third document starts with its '---'
}

TEST(YamlGuard, ReportsAStrayCommaAtTheTopLevel) {
    const Diagnostic error = guard_error("# comment\n, stray\ntitle: x\n");
    EXPECT_EQ(error.message, "unexpected ',' here");
    expect_at(error, 2, 1);
}

TEST(YamlGuard, RefusesOversizeInputBeforeParsingIt) {
    YamlLimits limits;
    limits.max_bytes = 16;
    // Not even YAML: the size is checked first.
    const Diagnostic error = guard_error("[[[[[[[[[[[[[[[[[[[[", limits);
    EXPECT_EQ(error.message, "the input is 20 bytes, more than the limit of 16 bytes");
    EXPECT_EQ(error.loc.line, 0);
    EXPECT_NO_THROW(check_yaml("a: 1234567890123", "in.yaml", limits));
}

TEST(YamlGuard, RefusesGbkWithTheLocationOfTheFirstBadByte) {
    // 中文 in GBK is D6 D0 CE C4; the line before holds Chinese in UTF-8, so the column counts
    // characters, not bytes.
    const Diagnostic error = guard_error("标题: 表\nname: \xD6\xD0\xCE\xC4\n");
    EXPECT_EQ(error.message, "the file is not valid UTF-8 (byte 0xD6 here)");
    EXPECT_EQ(error.hint, "save the file as UTF-8; GBK/GB2312 files are not supported");
    expect_at(error, 2, 7);
}

TEST(YamlGuard, CountsColumnsInCharactersAfterChineseText) {
    const Diagnostic error = guard_error("项目: \xD6\xD0\n");
    expect_at(error, 1, 5);
}

TEST(YamlGuard, AcceptsAUtf8ByteOrderMarkAndCrlfLineEnds) {
    EXPECT_NO_THROW(check_yaml("\xEF\xBB\xBF"
                               "title: 申报表\r\npage:\r\n  size: A4\r\n",
                               "in.yaml"));
    // Locations after a BOM still start at column 1.
    const Diagnostic error = guard_error("\xEF\xBB\xBF&a x: 1\r\n");
    expect_at(error, 1, 1);
}

TEST(YamlGuard, RefusesUtf16) {
    const Diagnostic error = guard_error(std::string("\xFF\xFE"
                                                     "a\0:\0",
                                                     6));
    EXPECT_EQ(error.message, "the file is UTF-16, not UTF-8");
}

TEST(YamlGuard, RefusesControlCharacters) {
    const Diagnostic error = guard_error(std::string("a: 1\nb: x\0y\n", 11));
    EXPECT_EQ(error.message, "the file contains the control character U+0000");
    expect_at(error, 2, 5);
}

TEST(YamlGuard, ExplainsTabIndentation) {
    const Diagnostic error = guard_error("page:\n\tsize: A4\n");
    EXPECT_EQ(error.message, "a tab is used for indentation");
    EXPECT_NE(error.hint.find("spaces"), std::string::npos);
    expect_at(error, 2, 1);

    const Diagnostic in_list = guard_error("blocks:\n  - spacer: 1mm\n  \t- spacer: 2mm\n");
    EXPECT_EQ(in_list.message, "a tab is used for indentation");
    expect_at(in_list, 3, 3);
}

TEST(YamlGuard, ReportsAnUnclosedQuoteAtItsOpening) {
    // Reported at the opening quote, not at the end of the file where the parser notices.
    const Diagnostic error = guard_error("title: \"二级项目\nblocks:\n  - spacer: 1mm\n");
    EXPECT_EQ(error.message, "this quoted text is never closed");
    EXPECT_EQ(error.hint, "add the closing \" at the end of the text");
    expect_at(error, 1, 8);

    const Diagnostic single = guard_error("a: 1\nb: '≥ 90%\n");
    EXPECT_EQ(single.message, "this quoted text is never closed");
    expect_at(single, 2, 4);
}

TEST(YamlGuard, ReportsAnUnclosedQuoteWhereTheParserStopsAtIt) {
    // yaml-cpp stops at the quote, out of the list's indentation, before reading the text.
    const Diagnostic error = guard_error("rows:\n  - name: 甲\n    value: 乙\n \"  - name: 丙\n");
    EXPECT_EQ(error.message, "this quoted text is never closed");
    expect_at(error, 4, 2);
}

TEST(YamlGuard, AcceptsEscapedQuotesInsideQuotedText) {
    EXPECT_NO_THROW(check_yaml("a: \"say \\\"hi\\\"\"\nb: 'it''s'\n", "in.yaml"));
}

TEST(YamlGuard, ReportsTheFileEndingInsideQuotedTextAtTheOpeningQuote) {
    const Diagnostic error = guard_error("a: 1\nb: \"abc");
    EXPECT_EQ(error.message, "this quoted text is never closed");
    expect_at(error, 2, 4); // the opening quote, not the end of the file
}

TEST(YamlGuard, MakesParserMessagesReadable) {
    const Diagnostic bracket = guard_error("a: [1, 2\nb: 3\n");
    EXPECT_EQ(bracket.message, "a list opened with '[' is not closed with ']'");
    expect_at(bracket, 2, 2);

    const Diagnostic colon = guard_error("title: 备注: 置灰\n");
    EXPECT_EQ(colon.message, "unexpected ':' (a colon followed by a space starts a key)");
    expect_at(colon, 1, 10);

    const Diagnostic indent = guard_error("page:\n    size: A4\n  margins: 1mm\n");
    EXPECT_EQ(indent.message, "the indentation of this line does not match the lines above it");
    expect_at(indent, 3, 3);

    const Diagnostic escape = guard_error("a: \"C:\\q\"\n");
    EXPECT_EQ(escape.message, "unknown escape '\\q' in double-quoted text");

    // The parser's own wording ("found character that cannot start any token") is not shown.
    const Diagnostic reserved = guard_error("a: @home\n");
    EXPECT_EQ(reserved.message, "a value cannot start with '@' in YAML");
    expect_at(reserved, 1, 4);
}

TEST(YamlGuard, ReportsNestingPastTheParsersOwnLimitWhenOurLimitIsRaised) {
    // yaml-cpp's parser recurses once per level and stops itself (DeepRecursion) before its stack
    // runs out: with our cap lifted, 20,000 levels are still refused with our diagnostic, not a
    // crash. The cap, 64 by default, stops hostile nesting long before that.
    YamlLimits limits;
    limits.max_depth = 100000;
    limits.max_lookahead_items = 100000; // yaml-cpp reads the 40,000 brackets ahead
    const Diagnostic error = guard_error(std::string(20000, '[') + std::string(20000, ']'), limits);
    EXPECT_TRUE(error.message.starts_with("the YAML nests deeper than ")) << error.message;
    EXPECT_EQ(error.loc.line, 1);
    EXPECT_LT(error.loc.col, 1000);
}

TEST(YamlGuard, RefusesALoneCarriageReturn) {
    // YAML reads a lone CR as a line break, yaml-cpp as text: "b: x\ry" would be one value or two.
    const Diagnostic error = guard_error("a: 1\nb: 甲\r乙\n");
    EXPECT_EQ(error.message,
              "the file contains a carriage return (U+000D) that is not followed by a line feed");
    expect_at(error, 2, 5);
}

TEST(YamlGuard, RefusesTheLastLineOfAMapWithoutItsColon) {
    // yaml-cpp alone would read `remark` as a key with no value.
    const Diagnostic last = guard_error("fields:\n  name: 甲\n  remark\n");
    EXPECT_EQ(last.message, "a line without the ':' of a key where a key was expected");
    expect_at(last, 3, 3);
    const Diagnostic inner = guard_error("a: 1\nremark\nc: 2\n");
    EXPECT_EQ(inner.message, "a line without the ':' of a key where a key was expected");
    expect_at(inner, 2, 1);
    const Diagnostic item = guard_error("rows:\n  - name 甲\n    value: 乙\n");
    EXPECT_EQ(item.message, "a line without the ':' of a key where a key was expected");
    expect_at(item, 2, 5); // the key, after the list marker
    const Diagnostic middle =
        guard_error("fields:\n  a: 1\n  total_amount '4.80'  # 金额：\n  b: 2\n");
    EXPECT_EQ(middle.message, "a line without the ':' of a key where a key was expected");
    expect_at(middle, 3, 3);
}

TEST(YamlGuard, RefusesTextAfterTheDocumentWithoutADocumentStart) {
    // yaml-cpp alone would start a second document at `b`.
    const Diagnostic error = guard_error("'a' b\n");
    EXPECT_EQ(error.message, "the indentation of this line does not match the lines above it");
    expect_at(error, 1, 5);
    EXPECT_EQ(parse_yaml("a: 1\n---\nb: 2\n", "in.yaml", {}).size(), 2u);
}

TEST(YamlGuard, PeeksATopLevelValueWithoutReadingTheRest) {
    // The rest of the text is never scanned: the unclosed '[' after the value is not seen.
    const std::string text = "# 申报表\nform: 'shenzhen-l2-project'\nfields: [\n";
    const auto form = peek_top_level_scalar(text, "form");
    ASSERT_TRUE(form.has_value());
    EXPECT_EQ(form->first, "shenzhen-l2-project");
    EXPECT_EQ(form->second, text.find('\''));
    EXPECT_EQ(peek_top_level_scalar("\xEF\xBB\xBF"
                                    "a: 1\nform: x\n",
                                    "form")
                  ->second,
              11u);
    // Only the first document's top level, only text, only UTF-8.
    EXPECT_FALSE(peek_top_level_scalar("a:\n  form: x\n", "form"));
    EXPECT_FALSE(peek_top_level_scalar("- form: x\n", "form"));
    EXPECT_FALSE(peek_top_level_scalar("form: [x]\n", "form"));
    EXPECT_FALSE(peek_top_level_scalar("a: 1\n---\nform: x\n", "form"));
    EXPECT_FALSE(peek_top_level_scalar("a: \xD6\xD0\nform: x\n", "form"));
    EXPECT_FALSE(peek_top_level_scalar("a: [\nform: x\n", "form"));
}

TEST(YamlGuard, RefusesYaml11LineSeparatorsInsteadOfFoldingThem) {
    // YAML 1.1 reads U+2028 as a line break and would fold it into a space: the print would no
    // longer match the file.
    const Diagnostic error = guard_error("a: 1\nb: 甲\u2028乙\n");
    EXPECT_EQ(error.message, "the file contains U+2028, which YAML reads as a line break");
    expect_at(error, 2, 5);
}

TEST(YamlGuard, KeepsPlainNullsApartFromQuotedOnes) {
    const std::vector<YamlNode> documents =
        parse_yaml("a:\nb: ~\nc: null\nd: ''\ne: 'null'\nf: x\n", "in.yaml", {});
    ASSERT_EQ(documents.size(), 1u);
    const std::vector<YamlNode>& items = documents[0].children;
    ASSERT_EQ(items.size(), 12u);
    EXPECT_EQ(items[1].kind, YamlNode::Kind::Null);
    EXPECT_EQ(items[3].kind, YamlNode::Kind::Null);
    EXPECT_EQ(items[5].kind, YamlNode::Kind::Null);
    EXPECT_EQ(items[7].kind, YamlNode::Kind::Scalar);
    EXPECT_EQ(items[7].scalar, "");
    EXPECT_EQ(items[9].kind, YamlNode::Kind::Scalar);
    EXPECT_EQ(items[9].scalar, "null");
    EXPECT_EQ(items[11].scalar, "x");
}

TEST(YamlGuard, ReadsEveryScalarStyleAsYamlSays) {
    // What the YAML spec says; layout dumps of a declaration using these styles are identical
    // with libyaml, the parser formpdf used before yaml-cpp.
    const std::string text = "folded: >-\n"
                             "  第一行折叠\n"
                             "  第二行  继续\n"
                             "\n"
                             "  新段落 trailing   \n"
                             "literal: |+\n"
                             "  字面第一行\n"
                             "    缩进第二行\ttab\n"
                             "\n"
                             "double: \"双引号\\t制表\\u4e2d\\x41 \\\"引\\\" \\\\ 反斜杠\n"
                             "  续行  空格\"  # c\n"
                             "single: 'it''s 单引号#not comment'\n"
                             "plain: plain#hash and  multi\n"
                             "  line plain   # real comment\n";
    const std::vector<YamlNode> documents = parse_yaml(text, "in.yaml", {});
    ASSERT_EQ(documents.size(), 1u);
    const std::vector<YamlNode>& items = documents[0].children;
    ASSERT_EQ(items.size(), 10u);
    EXPECT_EQ(items[1].scalar, "第一行折叠 第二行  继续\n新段落 trailing   ");
    EXPECT_EQ(items[3].scalar, "字面第一行\n  缩进第二行\ttab\n\n");
    EXPECT_EQ(items[5].scalar, "双引号\t制表中A \"引\" \\ 反斜杠 续行  空格");
    EXPECT_EQ(items[7].scalar, "it's 单引号#not comment");
    EXPECT_EQ(items[9].scalar, "plain#hash and  multi line plain");
}

TEST(YamlGuard, LocatesNodesByByteOffsetAfterChineseTextAndCrlf) {
    // yaml-cpp's marks are byte offsets (its columns count bytes); the tree holds byte offsets.
    const std::string text = "项目: 甲乙\r\n名称: '丙'\r\n";
    const std::vector<YamlNode> documents = parse_yaml(text, "in.yaml", {});
    ASSERT_EQ(documents.size(), 1u);
    const std::vector<YamlNode>& items = documents[0].children;
    ASSERT_EQ(items.size(), 4u);
    EXPECT_EQ(items[0].pos, 0);
    EXPECT_EQ(static_cast<std::size_t>(items[1].pos), text.find("甲乙"));
    EXPECT_EQ(static_cast<std::size_t>(items[2].pos), text.find("名称"));
    EXPECT_EQ(static_cast<std::size_t>(items[3].pos), text.find("'丙'"));
}

} // namespace
} // namespace formpdf::load
