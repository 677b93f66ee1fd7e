// `formpdf check inputs/declarations`: the findings for the 41 real forms, compared with the
// committed golden file so that a change to the rules shows up in review. To accept a change, run
// with FORMPDF_UPDATE_GOLDEN=1 (or scripts/import-inputs) and review the diff.

#include "support/command.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace formpdf {
namespace {

const std::string kSource = FORMPDF_SOURCE_DIR;
const std::string kGolden = kSource + "/tests/check/golden/check-inputs.txt";

// The output as `formpdf check inputs/declarations` prints it from the checkout.
std::string relative_to_checkout(std::string text) {
    const std::string prefix = kSource + "/";
    for (std::size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at)) {
        text.erase(at, prefix.size());
    }
    return text;
}

TEST(CheckGolden, TheFindingsForTheFortyOneRealFormsAreTheCommittedOnes) {
    const auto result = testing::run_command(
        {testing::formpdf_binary(), "check", kSource + "/inputs/declarations"});
    EXPECT_EQ(result.exit_code, 2) << "the real forms have errors (网格信息管理's empty 项目概况)";
    EXPECT_EQ(result.err, "");
    const std::string output = relative_to_checkout(result.out);
    if (const char* update = std::getenv("FORMPDF_UPDATE_GOLDEN"); update && *update == '1') {
        testing::write_text(kGolden, output);
    }
    EXPECT_EQ(output, testing::read_text(kGolden))
        << "the findings changed: review them, then update the golden file with "
           "FORMPDF_UPDATE_GOLDEN=1";
}

} // namespace
} // namespace formpdf
