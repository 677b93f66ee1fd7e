// A real spreadsheet program reads what `formpdf workbook` writes: LibreOffice Calc (Debian
// libreoffice-calc-nogui, scripts/install-deps) opens the workbook headless and saves each sheet
// as tab-separated text; every value is in its cell, and `formpdf import` reads the sheets back to
// the seed's declarations. Its own profile folder (a first start writes one) and a time limit
// keep the test independent of the machine's LibreOffice settings and of a hung soffice.

#include "load/declaration.h"
#include "support/command.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

namespace formpdf::testing {
namespace {

const std::filesystem::path kSource = FORMPDF_SOURCE_DIR;
const std::string kInspect = (kSource / "tests/workbook_writer/xlsx_inspect.py").string();

std::set<std::string> cells_of(const std::string& tab_text) {
    std::set<std::string> cells;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= tab_text.size(); ++i) {
        if (i == tab_text.size() || tab_text[i] == '\t' || tab_text[i] == '\n') {
            cells.insert(tab_text.substr(start, i - start));
            start = i + 1;
        }
    }
    return cells;
}

void collect(const std::vector<load::Group>& groups, std::vector<std::string>& values) {
    for (const load::Group& group : groups) {
        values.push_back(group.label.text);
        collect(group.groups, values);
        for (const load::Record& record : group.records) {
            for (const auto& [id, value] : record.fields) {
                values.push_back(value.text);
            }
        }
    }
}

std::string without_first_line(const std::string& text) {
    return text.substr(text.find('\n') + 1);
}

TEST(WorkbookLibreOffice, CalcFindsEveryValueInPlace) {
    TempDir dir;
    const std::vector<std::string> seed = {"440304221061500600011", "440304221061500600008"};
    const std::filesystem::path legacy = kSource / "inputs/family/legacy-project-targets.yaml";
    // Texts a spreadsheet would turn into something else if they were not text cells: spaces at
    // the ends, a formula, a date, a code point escape, leading zeros, separators, decimals.
    const std::vector<std::string> edge_values = {"  前后空格  ", "=1+1",     "1-2",  "_x0041_",
                                                  "007",          "1,866.00", "0.50", "3"};
    write_text(dir / "edge.yaml", "form: shenzhen-l2-project\nfields:\n"
                                  "  project_code: '440304221061500999999'\n"
                                  "  project_name: '  前后空格  '\n"
                                  "  applicant_unit: '=1+1'\n"
                                  "  budget_unit: '1-2'\n"
                                  "  project_type: '_x0041_'\n"
                                  "  allocation_method: '007'\n"
                                  "  total_amount: '1,866.00'\n"
                                  "  annual_amount: '0.50'\n"
                                  "  period_years: '3'\n");
    const std::filesystem::path xlsx = dir / "forms.xlsx";
    const CommandResult written =
        run_command({formpdf_binary(), "workbook",
                     (kSource / "inputs/declarations" / (seed[0] + ".yaml")).string(),
                     (kSource / "inputs/declarations" / (seed[1] + ".yaml")).string(),
                     legacy.string(), (dir / "edge.yaml").string(), "-o", xlsx.string()});
    ASSERT_EQ(written.exit_code, 0) << written.err;

    // Tab-separated, UTF-8, every sheet to its own file (forms-<sheet>.csv), text as shown.
    const CommandResult converted = run_command(
        {"timeout", "120", "soffice", "-env:UserInstallation=file://" + (dir / "profile").string(),
         "--headless", "--convert-to",
         "csv:Text - txt - csv (StarCalc):9,34,76,1,,0,false,true,false,false,false,-1", "--outdir",
         (dir / "csv").string(), xlsx.string()});
    ASSERT_EQ(converted.exit_code, 0) << converted.out << converted.err;

    // The two seed forms, as LibreOffice shows them, import to their declarations exactly.
    const CommandResult tab = run_command({"/usr/bin/python3", kInspect, "csv2tab",
                                           (dir / "csv" / ("forms-" + seed[0] + ".csv")).string(),
                                           (dir / "csv" / ("forms-" + seed[1] + ".csv")).string()});
    ASSERT_EQ(tab.exit_code, 0) << tab.err;
    write_text(dir / "sheets.txt", tab.out);
    const CommandResult imported =
        run_command({formpdf_binary(), "import", (dir / "sheets.txt").string(), "-o",
                     (dir / "imported").string()});
    EXPECT_EQ(imported.exit_code, 3) << imported.err; // 440304221061500600008: its 备注 typo
    EXPECT_NE(imported.err.find("the footer differs"), std::string::npos);
    for (const std::string& code : seed) {
        EXPECT_EQ(without_first_line(read_text(dir / "imported" / (code + ".yaml"))),
                  without_first_line(read_text(kSource / "inputs/declarations" / (code + ".yaml"))))
            << code;
    }
    EXPECT_NE(read_text(dir / "csv" / ("forms-" + seed[0] + ".csv")).find("\t849.00\t"),
              std::string::npos);

    // The older form (which `formpdf import` does not read): every value is a cell of its sheet.
    const load::Declaration declaration = load::load_declarations_file(legacy).at(0);
    const std::set<std::string> cells =
        cells_of(read_text(dir / "csv" / "forms-2020年桃溪县农村公路养护及危桥改造工程.csv"));
    std::vector<std::string> values;
    for (const auto& [id, value] : declaration.fields) {
        values.push_back(value.text);
    }
    collect(declaration.trees.at(0).second, values);
    EXPECT_EQ(values.size(), 10U + 2 + 8 + 3 * 15);
    for (const std::string& value : values) {
        EXPECT_EQ(cells.count(value), 1U) << value;
    }

    const std::set<std::string> edge_cells =
        cells_of(read_text(dir / "csv" / "forms-440304221061500999999.csv"));
    for (const std::string& value : edge_values) {
        EXPECT_EQ(edge_cells.count(value), 1U) << value;
    }
}

} // namespace
} // namespace formpdf::testing
