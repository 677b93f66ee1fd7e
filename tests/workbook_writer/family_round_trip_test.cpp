// `formpdf workbook` then `formpdf import` (docs/workbook.md "What round-trips"): the 41 seed
// forms come back byte for byte but for the line naming the source; the older targets form holds
// the same values, compared value by value through the loader. The self-evaluation form, read by
// position: self_evaluation_round_trip_test.cpp.

#include "load/declaration.h"
#include "support/command.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

namespace formpdf::testing {
namespace {

const std::filesystem::path kSource = FORMPDF_SOURCE_DIR;

// "indicators/产出/数量: name=…, value=…" lines: every text of a tree, in order.
void flatten(const std::vector<load::Group>& groups, const std::string& path,
             std::vector<std::string>& lines) {
    for (const load::Group& group : groups) {
        const std::string here = path + "/" + group.level + "=" + group.label.text;
        lines.push_back(here);
        flatten(group.groups, here, lines);
        for (const load::Record& record : group.records) {
            std::string line = here + ":";
            for (const auto& [id, value] : record.fields) {
                line += " " + id + "=" + value.text;
            }
            lines.push_back(line);
        }
    }
}

std::vector<std::string> values_of(const load::Declaration& declaration) {
    std::vector<std::string> lines{"form=" + declaration.form.text};
    for (const auto& [id, value] : declaration.fields) {
        lines.push_back(id + "=" + value.text);
    }
    for (const auto& [id, groups] : declaration.trees) {
        flatten(groups, id, lines);
    }
    return lines;
}

TEST(SeedRoundTrip, TheFortyOneSeedFormsReadBackByteForByteThroughFormpdfImport) {
    // declarations -> formpdf workbook -> formpdf import (the workbook reader, src/workbook), no
    // other program between: the same declarations but for the first line, which names the source.
    TempDir dir;
    std::vector<std::string> argv = {formpdf_binary(), "workbook"};
    const std::vector<std::filesystem::path> seeds = seed_declaration_files();
    ASSERT_EQ(seeds.size(), 41u);
    for (const auto& seed : seeds) {
        argv.push_back(seed.string());
    }
    const auto xlsx = dir / "unit.xlsx";
    argv.insert(argv.end(), {"-o", xlsx.string()});
    const CommandResult written = run_command(argv);
    ASSERT_EQ(written.exit_code, 0) << written.err;
    const CommandResult imported = run_command({formpdf_binary(), "import", xlsx.string(), "-o",
                                                (dir / "back").string(), "--warning-exit-0"});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    const auto without_first_line = [](const std::string& text) {
        return text.substr(text.find('\n') + 1);
    };
    for (const auto& seed : seeds) {
        const auto back = dir / "back" / seed.filename();
        ASSERT_TRUE(std::filesystem::exists(back)) << back;
        EXPECT_EQ(without_first_line(testing::read_text(back)),
                  without_first_line(testing::read_text(seed)))
            << seed.filename();
    }
}

TEST(FamilyRoundTrip, OlderTargetsFormReadsBackToTheSameValues) {
    TempDir dir;
    const auto source = kSource / "inputs/family/legacy-project-targets.yaml";
    const auto xlsx = dir / "legacy.xlsx";
    const CommandResult written =
        run_command({formpdf_binary(), "workbook", source.string(), "-o", xlsx.string()});
    ASSERT_EQ(written.exit_code, 0) << written.err;
    const CommandResult imported = run_command({formpdf_binary(), "import", xlsx.string(), "-o",
                                                (dir / "imported").string(), "--warning-exit-0"});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    // The form has no code field: its declaration is named by the row its form starts on.
    const auto back = dir / "imported/form-row-1.yaml";
    ASSERT_TRUE(std::filesystem::exists(back)) << imported.err;
    const std::vector<load::Declaration> expected = load::load_declarations_file(source);
    const std::vector<load::Declaration> actual = load::load_declarations_file(back);
    ASSERT_EQ(expected.size(), 1U);
    ASSERT_EQ(actual.size(), 1U);
    EXPECT_EQ(values_of(actual[0]), values_of(expected[0]));
}

TEST(FamilyRoundTrip, FormsWithoutFooterEndAtTheNextTitleInATabExport) {
    // The same declaration twice, as the tab text of the workbook's two sheets with the blank
    // lines taken out: each form ends where the next title line starts.
    TempDir dir;
    const auto source = kSource / "inputs/family/legacy-project-targets.yaml";
    const auto xlsx = dir / "twice.xlsx";
    ASSERT_EQ(run_command({formpdf_binary(), "workbook", source.string(), source.string(), "-o",
                           xlsx.string()})
                  .exit_code,
              0);
    const CommandResult tab = run_command(
        {"/usr/bin/python3", (kSource / "tests/workbook_writer/xlsx_inspect.py").string(), "tab",
         xlsx.string()});
    ASSERT_EQ(tab.exit_code, 0) << tab.err;
    std::string packed;
    std::size_t lines = 0;
    for (std::size_t pos = 0; pos < tab.out.size();) {
        const std::size_t end = std::min(tab.out.find('\n', pos), tab.out.size());
        const std::string line = tab.out.substr(pos, end - pos);
        if (line.find_first_not_of('\t') != std::string::npos) {
            packed += line + "\n";
            ++lines;
        }
        pos = end + 1;
    }
    write_text(dir / "twice.txt", packed);
    const CommandResult imported =
        run_command({formpdf_binary(), "import", (dir / "twice.txt").string(), "-o",
                     (dir / "imported").string(), "--warning-exit-0"});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    const std::vector<load::Declaration> expected = load::load_declarations_file(source);
    const std::size_t second = lines / 2 + 1;
    for (const std::string& name :
         {std::string("form-line-1.yaml"), "form-line-" + std::to_string(second) + ".yaml"}) {
        const auto back = dir / "imported" / name;
        ASSERT_TRUE(std::filesystem::exists(back)) << name << "\n" << imported.err;
        EXPECT_EQ(values_of(load::load_declarations_file(back).at(0)), values_of(expected[0]))
            << name;
    }
}

} // namespace
} // namespace formpdf::testing
