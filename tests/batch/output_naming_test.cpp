// File names of a batch's per-form PDFs come from data nobody vetted for the file system.

#include "app/output_naming.h"
#include "core/windows_names.h"
#include "text/unicode_forms.h"

#include <gtest/gtest.h>

#include <set>

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

TEST(SafeFileName, WindowsDeviceNamesGetAnUnderscoreWhateverTheCaseAndExtension) {
    EXPECT_EQ(safe_file_name("CON"), "CON_");
    EXPECT_EQ(safe_file_name("nul"), "nul_");
    EXPECT_EQ(safe_file_name("Aux.tar"), "Aux_.tar");
    EXPECT_EQ(safe_file_name("com1"), "com1_");
    EXPECT_EQ(safe_file_name("LPT9.x"), "LPT9_.x");
    EXPECT_EQ(safe_file_name("prn. "), "prn_"); // the trailing dot and space go first
    EXPECT_EQ(safe_file_name("CONSOLE"), "CONSOLE");
    EXPECT_EQ(safe_file_name("COM10"), "COM10");
}

TEST(SafeFileName, BidiAndOtherFormatCharactersBecome_) {
    // U+202E RIGHT-TO-LEFT OVERRIDE would show "invoice\u202Efdp.exe" as "invoiceexe.pdf".
    EXPECT_EQ(safe_file_name("invoice\u202Efdp.exe"), "invoice_fdp.exe");
    EXPECT_EQ(safe_file_name("a\u200Bb\u2066c\uFEFFd\u00ADe"), "a_b_c_d_e");
    EXPECT_EQ(safe_file_name("a\u2028b"), "a_b");
    EXPECT_EQ(safe_file_name("疫情防控"), "疫情防控");
}

TEST(SafeFileName, NamesAreComposed) {
    EXPECT_EQ(safe_file_name("Cafe\u0301"), "Caf\u00e9");
    EXPECT_EQ(safe_file_name("Caf\u00e9"), "Caf\u00e9");
}

TEST(DistinctNames, NamesEqualIgnoringCaseOrNormalisationAreNumbered) {
    // macOS and Windows (and USB sticks) would open one file for each pair.
    EXPECT_EQ(distinct_names({"Caf\u00e9", "CAF\u00c9", "Cafe\u0301", "caf"}, {}),
              (std::vector<std::string>{"Caf\u00e9", "CAF\u00c9-2", "Cafe\u0301-3", "caf"}));
    EXPECT_EQ(distinct_names({"Stra\u00dfe", "STRASSE"}, {}),
              (std::vector<std::string>{"Stra\u00dfe", "STRASSE-2"}));
    EXPECT_EQ(distinct_names({"ALL"}, {"all"}), (std::vector<std::string>{"ALL-2"}));
}

TEST(SafeFileName, EveryHostileNameGivesADistinctSafeFileName) {
    const std::vector<std::string> hostile = {"CON",
                                              "con",
                                              "Con.pdf",
                                              "invoice\u202Efdp.exe",
                                              "Caf\u00e9",
                                              "Cafe\u0301",
                                              "x. . ",
                                              std::string(300, 'y'),
                                              std::string(300, 'y'),
                                              "a\tb",
                                              ""};
    std::vector<std::string> names;
    for (const std::string& name : hostile) {
        names.push_back(safe_file_name(name));
    }
    names = distinct_names(names, {});
    std::set<std::string> seen;
    for (const std::string& name : names) {
        const std::string file = name + ".pdf";
        EXPECT_LE(file.size(), 255u) << file;
        EXPECT_FALSE(is_windows_device_name(file)) << file;
        EXPECT_NE(file.front(), '.') << file;
        for (const char c : file) {
            EXPECT_GE(static_cast<unsigned char>(c), 0x20) << file;
        }
        EXPECT_EQ(file.find("\u202E"), std::string::npos) << file;
        EXPECT_TRUE(seen.insert(text::caseless_key(file)).second)
            << "two forms, one file: " << file;
    }
}

TEST(PathIn, StaysInTheFolderOrThrows) {
    EXPECT_EQ(path_in("/out", "a", ".pdf"), std::filesystem::path("/out/a.pdf"));
    EXPECT_THROW(path_in("/out", "../x", ".pdf"), std::logic_error);
    EXPECT_THROW(path_in("/out", "..", ""), std::logic_error);
    EXPECT_THROW(path_in("/out", "", ""), std::logic_error);
}

} // namespace
} // namespace formpdf::app
