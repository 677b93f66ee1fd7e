// Layout-dump golden tests: the laid-out document of a few representative forms, compared line by
// line with the files in tests/golden/. After an intended change, regenerate them with
//   FORMPDF_UPDATE_GOLDENS=1 ctest -R Golden     (or: make update-goldens)
// and review the diff like any other change.

#include "support/command.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace formpdf {
namespace {

using testing::read_text;
using testing::run_command;

const std::string kSource = FORMPDF_SOURCE_DIR;

struct Golden {
    const char* name;              // tests/golden/<name>.json
    std::vector<std::string> args; // render arguments after the input
    const char* input;             // relative to the checkout
};

void PrintTo(const Golden& golden, std::ostream* os) {
    *os << golden.name;
}

std::vector<Golden> goldens() {
    return {
        {"short-form", {}, "inputs/declarations/440304221061500500012.yaml"},
        {"long-form-shujuguihua", {}, "inputs/declarations/440304221061500600008.yaml"},
        {"blank-template", {"--blank"}, "layouts/shenzhen-l2-project.yaml"},
        {"family-legacy", {}, "inputs/family/legacy-project-targets.yaml"},
        {"family-self-evaluation", {}, "inputs/family/project-self-evaluation.yaml"},
        {"family-approval", {}, "inputs/family/project-targets-approval.yaml"},
        {"family-two-blocks", {}, "inputs/family/project-performance-targets.yaml"},
        {"family-cost-breakdown", {}, "inputs/family/municipal-project-targets.yaml"},
        {"family-department-overall", {}, "inputs/family/department-overall-targets.yaml"},
        {"family-fiscal", {}, "inputs/family/fiscal-project-targets.yaml"},
        {"family-fiscal-blank", {"--blank"}, "layouts/fiscal-project-targets.yaml"},
        {"text-blocks", {}, "tests/data/render/narrow-boxes.yaml"},
    };
}

// The first differing line, to make a failure readable without a diff tool.
std::string first_difference(const std::string& expected, const std::string& actual) {
    std::istringstream a(expected), b(actual);
    std::string la, lb;
    for (int line = 1;; ++line) {
        const bool more_a = static_cast<bool>(std::getline(a, la));
        const bool more_b = static_cast<bool>(std::getline(b, lb));
        if (!more_a && !more_b) {
            return "no difference";
        }
        if (la != lb || more_a != more_b) {
            return "line " + std::to_string(line) + ":\n  golden: " + la + "\n  now:    " + lb;
        }
    }
}

class GoldenTest : public ::testing::TestWithParam<Golden> {};

TEST_P(GoldenTest, LayoutDumpMatches) {
    const Golden& golden = GetParam();
    const std::string input = kSource + "/" + golden.input;
    if (!std::filesystem::exists(input)) {
        GTEST_FAIL() << "missing input " << golden.input;
    }
    testing::TempDir dir;
    std::vector<std::string> argv = {testing::formpdf_binary(),
                                     "render",
                                     input,
                                     "-o",
                                     (dir / "out.pdf").string(),
                                     "--dump-layout",
                                     (dir / "dump.json").string()};
    argv.insert(argv.end(), golden.args.begin(), golden.args.end());
    const auto result = run_command(argv, {"SOURCE_DATE_EPOCH=1700000000"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const std::string actual = read_text(dir / "dump.json");
    const std::filesystem::path golden_path = kSource + "/tests/golden/" + golden.name + ".json";
    const char* update = std::getenv("FORMPDF_UPDATE_GOLDENS");
    if (update && std::string(update) == "1") {
        testing::write_text(golden_path, actual);
        GTEST_SKIP() << "updated " << golden_path;
    }
    ASSERT_TRUE(std::filesystem::exists(golden_path))
        << "no golden yet: run with FORMPDF_UPDATE_GOLDENS=1 and review " << golden_path;
    const std::string expected = read_text(golden_path);
    EXPECT_TRUE(expected == actual) << golden.name << ": " << first_difference(expected, actual)
                                    << "\n(if intended: FORMPDF_UPDATE_GOLDENS=1 ctest -R Golden)";
}

INSTANTIATE_TEST_SUITE_P(Forms, GoldenTest, ::testing::ValuesIn(goldens()), [](const auto& info) {
    std::string name = info.param.name;
    std::replace(name.begin(), name.end(), '-', '_');
    return name;
});

} // namespace
} // namespace formpdf
