#pragma once

// Types cells into a workbook written by `formpdf workbook` as a person does in Excel, through
// tests/workbook_writer/fill_in.py (openpyxl writes every part of the file anew, as another
// spreadsheet program would). `cells` are CELL=TEXT of the first sheet; an empty TEXT empties it.

#include "support/command.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace formpdf::testing {

inline void fill_in_workbook(const std::filesystem::path& xlsx,
                             const std::vector<std::string>& cells) {
    std::vector<std::string> argv = {
        "/usr/bin/python3",
        (std::filesystem::path(FORMPDF_SOURCE_DIR) / "tests/workbook_writer/fill_in.py").string(),
        xlsx.string(), xlsx.string()};
    argv.insert(argv.end(), cells.begin(), cells.end());
    const CommandResult filled = run_command(argv);
    ASSERT_EQ(filled.exit_code, 0) << filled.err;
}

} // namespace formpdf::testing
