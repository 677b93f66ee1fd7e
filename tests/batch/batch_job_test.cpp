// The batch as a library: how it holds the declarations must never change what it prints.

#include "app/batch_job.h"
#include "load/yaml_guard.h"
#include "support/command.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>

namespace formpdf {
namespace {

namespace fs = std::filesystem;
using testing::read_text;
using testing::TempDir;
using testing::write_text;

const fs::path kSourceDir = FORMPDF_SOURCE_DIR;

// Every file the batch wrote, by name, with its bytes (and its manifest, .formpdf-batch).
std::map<std::string, std::string> outputs(const fs::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::directory_iterator(dir)) {
        files.emplace(entry.path().filename().string(), read_text(entry.path()));
    }
    return files;
}

app::BatchRequest request_for(const fs::path& input, const fs::path& output) {
    app::BatchRequest request;
    request.inputs = {input};
    request.output_dir = output;
    request.combined = "all.pdf";
    request.contents = true;
    request.jobs = 2;
    request.creation_time = 1700000000;
    request.layout_dirs = {kSourceDir / "layouts"};
    request.font_dirs = {kSourceDir / "fonts"};
    return request;
}

TEST(BatchJob, HoldingOrFreeingTheDeclarationsPrintsTheSameBytesAndParsesEachFileOnce) {
    // Small batches keep the parsed declarations; in large ones the worker that renders a file's
    // last form frees them. No file is read twice either way: 4 declaration files, the form's
    // layout and the contents page's.
    TempDir dir;
    const std::vector<fs::path> seeds = testing::seed_declaration_files();
    ASSERT_GE(seeds.size(), 6u);
    fs::create_directories(dir / "in");
    write_text(dir / "in" / "three.yaml", read_text(seeds[0]) + "\n---\n" + read_text(seeds[1]) +
                                              "\n---\n" + read_text(seeds[2]));
    for (std::size_t i = 3; i < 6; ++i) {
        write_text(dir / "in" / seeds[i].filename(), read_text(seeds[i]));
    }

    std::map<std::string, std::string> printed[2];
    const std::size_t by_default = app::BatchRequest{}.declarations_held;
    ASSERT_GE(by_default, 6u) << "the test expects the six forms to be held by default";
    for (std::size_t held : {std::size_t{0}, by_default}) {
        const fs::path out = dir / ("out-" + std::to_string(held));
        app::BatchRequest request = request_for(dir / "in", out);
        request.declarations_held = held;
        app::BatchSummary summary;
        std::ostringstream log;
        const std::size_t parsed_before = load::yaml_texts_parsed();
        const app::JobResult result = app::run_batch(request, summary, log);
        ASSERT_EQ(result.exit_code, ExitCode::Success) << result.diagnostics.items().size();
        EXPECT_EQ(load::yaml_texts_parsed() - parsed_before, 4u + 2u) << "held: " << held;
        EXPECT_EQ(summary.rendered, 6u);
        ASSERT_TRUE(summary.combined.has_value());
        printed[held == 0 ? 0 : 1] = outputs(out);
    }
    ASSERT_EQ(printed[0].size(), 8u); // 6 forms, the combined file and the manifest
    EXPECT_EQ(printed[0], printed[1]);
}

} // namespace
} // namespace formpdf
