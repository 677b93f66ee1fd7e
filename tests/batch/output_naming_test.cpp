// File names of a batch's per-form PDFs come from data nobody vetted for the file system.

#include "app/output_naming.h"

#include <gtest/gtest.h>

namespace formpdf::app {
namespace {

load::Declaration declaration_with(std::vector<std::pair<std::string, std::string>> fields) {
    load::Declaration declaration;
    for (auto& [id, text] : fields) {
        declaration.fields.push_back({id, load::TextValue{text, {}}});
    }
    return declaration;
}

TEST(NamePattern, ReplacesFieldsAndKeepsTheRest) {
    const auto declaration =
        declaration_with({{"project_code", "440304221061500500012"}, {"project_name", "疫情防控"}});
    EXPECT_EQ(expand_name_pattern("{project_code}-{project_name}", declaration),
              "440304221061500500012-疫情防控");
    EXPECT_EQ(expand_name_pattern("表-{missing}-{project_code", declaration), "表--{project_code");
}

TEST(SafeFileName, PathSeparatorsAndDotsNeverSurvive) {
    EXPECT_EQ(safe_file_name("../../etc/x"), "_._.__etc_x");
    EXPECT_EQ(safe_file_name("a/b"), "a_b");
    EXPECT_EQ(safe_file_name("a\\b"), "a_b");
    EXPECT_EQ(safe_file_name(".."), "_"); // "_." then the trailing dot goes: never ".."
    EXPECT_EQ(safe_file_name("."), "_");
    EXPECT_EQ(safe_file_name(".hidden"), "_hidden");
    EXPECT_EQ(safe_file_name("a..b"), "a._b");
    EXPECT_EQ(safe_file_name("名称. "), "名称");
    EXPECT_EQ(safe_file_name(""), "form");
    for (const std::string hostile : {"../../etc/x", "..", "/", "a/../../b", "./.", "...."}) {
        const std::string name = safe_file_name(hostile);
        EXPECT_EQ(name.find('/'), std::string::npos) << hostile;
        EXPECT_EQ(name.find(".."), std::string::npos) << hostile;
        EXPECT_NE(name.front(), '.') << hostile;
    }
}

TEST(SafeFileName, ControlCharactersNulAndBadUtf8Become_) {
    EXPECT_EQ(safe_file_name(std::string("a\0b", 3)), "a_b");
    EXPECT_EQ(safe_file_name("a\nb\tc\x7f"), "a_b_c_");
    EXPECT_EQ(safe_file_name("a\xff\xfe"), "a__");
    EXPECT_EQ(safe_file_name("a:b*c?d\"e<f>g|h"), "a_b_c_d_e_f_g_h");
}

TEST(SafeFileName, LongNamesAreCutAtACharacterBoundary) {
    std::string long_name;
    for (int i = 0; i < 100; ++i) {
        long_name += "项"; // 3 bytes each: 300 bytes
    }
    const std::string name = safe_file_name(long_name);
    EXPECT_LE(name.size(), 200u);
    EXPECT_EQ(name.size() % 3, 0u); // whole characters only
    EXPECT_EQ(safe_file_name(std::string(300, 'x')).size(), 200u);
}

TEST(DistinctNames, RepeatsGetNumberedAndReservedNamesAreAvoided) {
    EXPECT_EQ(distinct_names({"a", "b", "a", "A", "a-2"}, {}),
              (std::vector<std::string>{"a", "b", "a-2", "A-3", "a-2-2"}));
    EXPECT_EQ(distinct_names({"all", "x"}, {"all"}), (std::vector<std::string>{"all-2", "x"}));
}

TEST(PathIn, StaysInTheFolderOrThrows) {
    EXPECT_EQ(path_in("/out", "a", ".pdf"), std::filesystem::path("/out/a.pdf"));
    EXPECT_THROW(path_in("/out", "../x", ".pdf"), std::logic_error);
    EXPECT_THROW(path_in("/out", "..", ""), std::logic_error);
    EXPECT_THROW(path_in("/out", "", ""), std::logic_error);
}

} // namespace
} // namespace formpdf::app
