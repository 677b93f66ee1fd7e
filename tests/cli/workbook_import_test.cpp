// `formpdf import` of the export as a workbook (.xlsx, .xls) and as text in other encodings and as
// CSV: every form is made at test time from the committed tab export (tests/support/
// make_export_workbook.py, iconv), and the import must give the committed declarations byte for
// byte, but for the first line's comment naming the source.

#include "support/command.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <regex>

namespace formpdf {
namespace {

using testing::run_command;
using testing::TempDir;

namespace fs = std::filesystem;

const std::string kSource = FORMPDF_SOURCE_DIR;
const std::string kExport = kSource + "/inputs/export/futian-l2-project-forms.txt";
const std::string kDeclarations = kSource + "/inputs/declarations";
const std::string kMaker = kSource + "/tests/support/make_export_workbook.py";
const std::string kPython = "/usr/bin/python3"; // Debian's, with python3-openpyxl and -xlwt

void make(const std::string& kind, const fs::path& out, std::vector<std::string> options = {}) {
    std::vector<std::string> argv = {kPython, kMaker, kind, kExport, out.string()};
    argv.insert(argv.end(), options.begin(), options.end());
    const auto result = run_command(argv);
    ASSERT_EQ(result.exit_code, 0) << result.err;
}

void shell(const std::string& command) {
    const auto result = run_command({"/bin/sh", "-c", command});
    ASSERT_EQ(result.exit_code, 0) << command << "\n" << result.err;
}

std::string first_line(const std::string& text) {
    return text.substr(0, text.find('\n') + 1);
}

std::string after_first_line(const std::string& text) {
    return text.substr(text.find('\n') + 1);
}

testing::CommandResult import(const fs::path& input, const fs::path& out) {
    return run_command({testing::formpdf_binary(), "import", input.string(), "-o", out.string()});
}

// The import wrote the 41 committed declarations; `origin(the committed first line, the imported
// one)` is the first line expected (the comment naming the source).
void expect_the_committed_declarations(
    const fs::path& out,
    const std::function<std::string(const std::string&, const std::string&)>& origin) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(kDeclarations)) {
        names.push_back(entry.path().filename().string());
    }
    ASSERT_EQ(names.size(), 41u);
    for (const std::string& name : names) {
        ASSERT_TRUE(fs::exists(out / name)) << name;
        const std::string committed = testing::read_text(kDeclarations + "/" + name);
        const std::string imported = testing::read_text(out / name);
        EXPECT_EQ(after_first_line(imported), after_first_line(committed)) << name;
        EXPECT_EQ(first_line(imported), origin(first_line(committed), first_line(imported)))
            << name;
    }
}

// "…from futian-l2-project-forms.txt, lines 3-25" -> "…from NAME, lines 3-25"
std::string renamed(const std::string& line, const std::string& name) {
    std::string result = line;
    const std::string seed = "futian-l2-project-forms.txt";
    result.replace(result.find(seed), seed.size(), name);
    return result;
}

// "…from futian-l2-project-forms.txt, lines 3-25" -> "…from NAME, sheet Sheet1, rows 3-25"
std::string as_sheet_rows(const std::string& line, const std::string& name) {
    std::string result = renamed(line, name);
    result.replace(result.find(", lines "), 8, ", sheet Sheet1, rows ");
    return result;
}

TEST(WorkbookImport, AnXlsxOfTheStackedExportGivesTheSameDeclarations) {
    TempDir dir;
    make("xlsx", dir / "forms.xlsx");
    const auto result = import(dir / "forms.xlsx", dir / "out");
    EXPECT_EQ(result.exit_code, 3) << result.err; // the export's repairs, as from the text
    EXPECT_EQ(result.out, "formpdf import: 41 written, 0 unchanged, 0 kept because edited, 0 no "
                          "longer in the export\n");
    EXPECT_NE(result.err.find("forms.xlsx: note: read as an .xlsx workbook (1 sheet)"),
              std::string::npos)
        << result.err;
    // The repairs are reported at the cell: line 46 column 2 of the text is row 46, column B.
    EXPECT_NE(result.err.find("forms.xlsx:Sheet1!B46: warning: cells shifted by the export"),
              std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("forms.xlsx:Sheet1!A167: warning: the footer differs"),
              std::string::npos)
        << result.err;
    expect_the_committed_declarations(dir / "out", [](const std::string& line, const std::string&) {
        return as_sheet_rows(line, "forms.xlsx");
    });
}

// Numbers stored as numbers with the format that shows them (849.00, 1,866.00, 100%, 3),
// the codes as text (@), merged titles, long texts and indicator names, shared strings as
// rich-text runs with phonetic runs, inline strings: what a person sees is what is imported.
TEST(WorkbookImport, NumbersMergesAndRichTextReadAsAPersonSeesThem) {
    TempDir dir;
    make("xlsx", dir / "forms.xlsx", {"--numbers", "--merges", "--rich"});
    const auto result = import(dir / "forms.xlsx", dir / "out");
    EXPECT_EQ(result.exit_code, 3) << result.err;
    EXPECT_EQ(result.err.find("error"), std::string::npos) << result.err;
    expect_the_committed_declarations(dir / "out", [](const std::string& line, const std::string&) {
        return as_sheet_rows(line, "forms.xlsx");
    });
}

TEST(WorkbookImport, OneFormPerSheetGivesTheSameDeclarations) {
    TempDir dir;
    make("xlsx", dir / "forms.xlsx", {"--per-sheet", "--numbers", "--merges"});
    const auto result = import(dir / "forms.xlsx", dir / "out");
    EXPECT_EQ(result.exit_code, 3) << result.err;
    EXPECT_NE(result.err.find("read as an .xlsx workbook (41 sheets)"), std::string::npos);
    EXPECT_NE(result.err.find("forms.xlsx:表2!B20: warning: cells shifted by the export"),
              std::string::npos)
        << result.err;
    EXPECT_EQ(first_line(testing::read_text(dir / "out" / "440304221061500500012.yaml")),
              "# 二级项目支出绩效目标申报表: imported by formpdf from forms.xlsx, sheet 表1, rows "
              "1-23\n");
    expect_the_committed_declarations(dir / "out", [](const std::string&,
                                                      const std::string& imported) {
        static const std::regex sheet_rows(
            "# 二级项目支出绩效目标申报表: imported by formpdf from forms.xlsx, sheet 表[0-9]+, "
            "rows 1-[0-9]+\n");
        return std::regex_match(imported, sheet_rows) ? imported : "sheet 表N, rows 1-M";
    });
}

TEST(WorkbookImport, AnXlsGivesTheSameDeclarations) {
    TempDir dir;
    make("xls", dir / "forms.xls");
    const auto result = import(dir / "forms.xls", dir / "out");
    EXPECT_EQ(result.exit_code, 3) << result.err;
    EXPECT_NE(result.err.find("forms.xls: note: read as an .xls workbook (1 sheet)"),
              std::string::npos)
        << result.err;
    expect_the_committed_declarations(dir / "out", [](const std::string& line, const std::string&) {
        return as_sheet_rows(line, "forms.xls");
    });
}

TEST(WorkbookImport, ACodeStoredAsANumberIsAnErrorNamingTheCell) {
    TempDir dir;
    make("xlsx", dir / "forms.xlsx", {"--code-as-number"});
    const auto result = import(dir / "forms.xlsx", dir / "out");
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_NE(result.err.find("forms.xlsx:Sheet1!B4: error: the cell holds the number "
                              "4.40304E+20 (4.403042210615005e+20): a spreadsheet number keeps "
                              "15 significant digits"),
              std::string::npos)
        << result.err;
    EXPECT_FALSE(fs::exists(dir / "out" / "440304221061500500012.yaml"));
}

TEST(WorkbookImport, HiddenSheetsAndRowsAreReportedAndRead) {
    TempDir dir;
    make("xlsx", dir / "forms.xlsx", {"--hidden-sheet", "--hidden-row"});
    const auto result = import(dir / "forms.xlsx", dir / "out");
    EXPECT_NE(result.err.find("forms.xlsx:Sheet1!A5: warning: row 5 of the sheet Sheet1 is "
                              "hidden in the workbook; its cells are imported"),
              std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("forms.xlsx:备用!A1: warning: the sheet 备用 is hidden in the "
                              "workbook; its cells are imported"),
              std::string::npos)
        << result.err;
    // The hidden sheet's text is read like any other: here a title without its form.
    EXPECT_NE(result.err.find("forms.xlsx:备用!A1: error: the form that starts here has no 备注 "
                              "line: the sheet ends before it"),
              std::string::npos)
        << result.err;
    EXPECT_EQ(result.exit_code, 2);
}

struct Encoding {
    const char* name;
    const char* command; // makes $OUT from $IN
    const char* note;    // empty: none
};

TEST(TextExportImport, EveryEncodingAndCsvGiveTheSameDeclarations) {
    const Encoding encodings[] = {
        {"utf8-bom.txt", "(printf '\\357\\273\\277'; cat \"$IN\") > \"$OUT\"", ""},
        {"gbk.txt", "iconv -f UTF-8 -t GB18030 \"$IN\" > \"$OUT\"",
         "note: read as tab-separated GB18030 (GBK) text"},
        {"utf16le.txt", "(printf '\\377\\376'; iconv -f UTF-8 -t UTF-16LE \"$IN\") > \"$OUT\"",
         "note: read as tab-separated UTF-16LE text"},
        {"utf16be.txt", "(printf '\\376\\377'; iconv -f UTF-8 -t UTF-16BE \"$IN\") > \"$OUT\"",
         "note: read as tab-separated UTF-16BE text"},
        {"crlf.txt", "sed 's/$/\\r/' \"$IN\" > \"$OUT\"", ""},
    };
    for (const Encoding& encoding : encodings) {
        TempDir dir;
        shell("IN='" + kExport + "' OUT='" + (dir / encoding.name).string() + "'; " +
              encoding.command);
        const auto result = import(dir / encoding.name, dir / "out");
        EXPECT_EQ(result.exit_code, 3) << encoding.name << "\n" << result.err;
        if (*encoding.note) {
            EXPECT_NE(result.err.find(std::string(encoding.name) + ": " + encoding.note),
                      std::string::npos)
                << result.err;
        } else {
            EXPECT_EQ(result.err.find("note: read as"), std::string::npos) << result.err;
        }
        // The repairs at the same line and column as in the UTF-8 export.
        EXPECT_NE(result.err.find(std::string(encoding.name) +
                                  ":46:2: warning: cells shifted by the export"),
                  std::string::npos)
            << result.err;
        const std::string name = encoding.name;
        expect_the_committed_declarations(
            dir / "out",
            [&](const std::string& line, const std::string&) { return renamed(line, name); });
    }
}

TEST(TextExportImport, CsvWithQuotedCellsGivesTheSameDeclarations) {
    TempDir dir;
    make("csv", dir / "forms.csv");
    // The export's 1,866.00 and texts with commas are quoted by the CSV writer.
    EXPECT_NE(testing::read_text(dir / "forms.csv").find("\"1,866.00\""), std::string::npos);
    const auto result = import(dir / "forms.csv", dir / "out");
    EXPECT_EQ(result.exit_code, 3) << result.err;
    EXPECT_NE(result.err.find("forms.csv: note: read as comma-separated UTF-8 text"),
              std::string::npos);
    expect_the_committed_declarations(dir / "out", [](const std::string& line, const std::string&) {
        return renamed(line, "forms.csv");
    });
}

TEST(TextExportImport, WhatIsNotAnExportIsNamed) {
    TempDir dir;
    shell("cd '" + dir.path().string() +
          "' && mkdir word && echo '<w/>' > word/document.xml && /usr/bin/python3 -c \""
          "import zipfile; z = zipfile.ZipFile('letter.docx', 'w'); "
          "z.write('word/document.xml'); z.close(); "
          "z = zipfile.ZipFile('photos.zip', 'w'); z.writestr('a.txt', 'x'); z.close()\" && "
          "printf '%%PDF-1.7\\n' > form.pdf && iconv -f UTF-8 -t UTF-16LE '" +
          kExport +
          "' > nobom.txt && printf '\\001\\002\\000\\003' > data.bin && "
          "printf '\\377\\376\\000\\330' > lone.txt");
    const std::pair<const char*, const char*> cases[] = {
        {"letter.docx", "letter.docx: error: this is a Word document (.docx), not a workbook"},
        {"photos.zip", "photos.zip: error: this is a zip archive that is not a workbook"},
        {"form.pdf", "form.pdf: error: this is a PDF, not an export"},
        {"nobom.txt", "nobom.txt: error: this looks like UTF-16 text without a byte order mark"},
        {"data.bin", "data.bin: error: this is a binary file (it holds NUL bytes), not an export"},
        {"lone.txt", "lone.txt: error: the export starts with a UTF-16LE byte order mark but"},
    };
    for (const auto& [file, message] : cases) {
        const auto result = import(dir / file, dir / "out");
        EXPECT_EQ(result.exit_code, 2) << file << "\n" << result.err;
        EXPECT_NE(result.err.find(message), std::string::npos) << file << "\n" << result.err;
    }
    EXPECT_FALSE(fs::exists(dir / "out"));
}

} // namespace
} // namespace formpdf

namespace formpdf {
namespace {

// A folder given with --layouts is searched first, so its form of the same title is the one read:
// the import says so, naming the other layout, and --form chooses.
TEST(TextExportImport, AFormOfTheSameTitleElsewhereIsNamed) {
    TempDir dir;
    const fs::path layouts = dir.path() / "layouts";
    fs::create_directories(layouts);
    shell("sed 's/^  id: shenzhen-l2-project$/  id: my-l2/' '" + kSource +
          "/layouts/shenzhen-l2-project.yaml' > '" + (layouts / "my-l2.yaml").string() + "'");
    const auto chosen =
        run_command({testing::formpdf_binary(), "import", kExport, "-o",
                     (dir.path() / "mine").string(), "--layouts", layouts.string()});
    ASSERT_LE(chosen.exit_code, 3) << chosen.err;
    EXPECT_NE(chosen.err.find("note: read as the form 'my-l2' (" +
                              (layouts / "my-l2.yaml").string() + "); "),
              std::string::npos)
        << chosen.err;
    EXPECT_NE(chosen.err.find("/shenzhen-l2-project.yaml has a form of the same title"),
              std::string::npos)
        << chosen.err;
    EXPECT_NE(chosen.err.find("hint: name the form with --form ID"), std::string::npos);
    bool read_as_mine = false;
    for (const auto& entry : fs::directory_iterator(dir.path() / "mine")) {
        if (entry.path().extension() == ".yaml") {
            read_as_mine =
                testing::read_text(entry.path()).find("\nform: my-l2\n") != std::string::npos;
            break;
        }
    }
    EXPECT_TRUE(read_as_mine);

    const auto named = run_command({testing::formpdf_binary(), "import", kExport, "-o",
                                    (dir.path() / "bundled").string(), "--layouts",
                                    layouts.string(), "--form", "shenzhen-l2-project"});
    ASSERT_LE(named.exit_code, 3) << named.err;
    EXPECT_EQ(named.err.find("same title"), std::string::npos) << named.err;
}

} // namespace
} // namespace formpdf
