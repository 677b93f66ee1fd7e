// Reduced subset sources (pdf/subset_sources.h) are an optimisation only: the bytes must not
// change. And the streamed writer's stable codes must agree with the subset's.

#include "layout/document_layouter.h"
#include "load/layout_loader.h"
#include "pdf/pdf_writer.h"
#include "pdf/subset_sources.h"
#include "text/font_library.h"

#include <gtest/gtest.h>

#include <thread>
#include <fstream>

namespace formpdf {
namespace {

const std::string kSourceDir = FORMPDF_SOURCE_DIR;

void expect_same_bytes_with_and_without_sources(const std::string& layout_file) {
    text::FontLibrary fonts({kSourceDir + "/fonts"});
    const load::LayoutSpec spec = load::load_layout_file(layout_file);
    const layout::Document document = layout::layout_document(spec, fonts);
    const pdf::PdfOptions plain{1700000000, "formpdf test", false, nullptr};
    pdf::SubsetSources sources;
    const pdf::PdfOptions shared{1700000000, "formpdf test", false, &sources};
    const std::string expected = pdf::write_pdf(document, plain);
    const std::string got = pdf::write_pdf(document, shared);
    EXPECT_EQ(got, expected);
    { std::ofstream("/tmp/batch/exp/plain.pdf") << expected; std::ofstream("/tmp/batch/exp/shared.pdf") << got; }
    EXPECT_EQ(pdf::write_pdf(document, shared), expected) << "second use of the cached face";
}

TEST(SubsetSources, CffFontsGiveTheSameBytes) {
    expect_same_bytes_with_and_without_sources(kSourceDir + "/inputs/sample-text.yaml");
}

TEST(SubsetSources, TrueTypeFontsGiveTheSameBytes) {
    expect_same_bytes_with_and_without_sources(kSourceDir + "/tests/data/render/truetype.yaml");
}

TEST(SubsetSources, SharedBetweenThreads) {
    text::FontLibrary fonts({kSourceDir + "/fonts"});
    const load::LayoutSpec spec = load::load_layout_file(kSourceDir + "/inputs/sample-text.yaml");
    const layout::Document document = layout::layout_document(spec, fonts);
    pdf::SubsetSources sources;
    const pdf::PdfOptions options{1700000000, "formpdf test", false, &sources};
    const std::string expected = pdf::write_pdf(document, {1700000000, "formpdf test", false});
    std::vector<std::string> results(4);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < results.size(); ++i) {
        threads.emplace_back([&, i] { results[i] = pdf::write_pdf(document, options); });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    for (const std::string& result : results) {
        EXPECT_EQ(result, expected);
    }
}

} // namespace
} // namespace formpdf
