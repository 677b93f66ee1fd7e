// The streamed writer (pdf/streamed_pdf_writer.h) against the in-memory one: same pages, same
// text, fonts embedded once, front pages first, deterministic bytes.

#include "layout/document_layouter.h"
#include "load/layout_loader.h"
#include "pdf/pdf_writer.h"
#include "pdf/streamed_pdf_writer.h"
#include "support/command.h"
#include "text/font_library.h"

#include <gtest/gtest.h>

namespace formpdf {
namespace {

using testing::read_text;
using testing::run_command;
using testing::TempDir;

const std::string kSourceDir = FORMPDF_SOURCE_DIR;

struct Parts {
    text::FontLibrary fonts{{kSourceDir + "/fonts"}};
    layout::Document first;
    layout::Document second;
    layout::Document front;
    Parts() {
        const load::LayoutSpec text =
            load::load_layout_file(kSourceDir + "/inputs/sample-text.yaml");
        const load::LayoutSpec blank =
            load::load_layout_file(kSourceDir + "/layouts/batch-blank.yaml");
        first = layout::layout_document(text, fonts);
        second = layout::layout_document(text, fonts);
        front = layout::layout_document(blank, fonts);
    }
};

std::string write_streamed(Parts& parts, const std::filesystem::path& path) {
    pdf::StreamedPdfWriter writer(path, parts.fonts.resources(),
                                  {1700000000, "formpdf test", false});
    // Prepared out of order, added in order: what the batch's worker threads do.
    pdf::PreparedPart second = writer.prepare(parts.second);
    pdf::PreparedPart first = writer.prepare(parts.first);
    EXPECT_EQ(writer.add_pages(std::move(first)), 0);
    EXPECT_EQ(writer.add_pages(std::move(second)), static_cast<int>(parts.first.pages.size()));
    writer.add_front_pages(parts.front);
    pdf::StreamedFinish finish;
    finish.title = "测试";
    finish.outlines = {{"封面", 0, {}}, {"第一份", 1, {}}};
    finish.page_labels = {{0, "r", "", 1}, {1, "D", "", 1}};
    writer.finish(finish);
    return read_text(path);
}

TEST(StreamedPdfWriter, WritesEveryPageOnceWithFontsSubsetOnce) {
    Parts parts;
    TempDir dir;
    const std::string bytes = write_streamed(parts, dir / "a.pdf");
    std::vector<std::string> left;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        left.push_back(entry.path().filename().string());
    }
    EXPECT_EQ(left, std::vector<std::string>{"a.pdf"}) << "no temporary left";

    const auto check = run_command({"qpdf", "--check", (dir / "a.pdf").string()});
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
    const auto pages = run_command({"qpdf", "--show-npages", (dir / "a.pdf").string()});
    EXPECT_EQ(std::stoul(pages.out),
              parts.front.pages.size() + parts.first.pages.size() + parts.second.pages.size());

    // Each font once, though two parts use it.
    const auto fonts = run_command({"pdffonts", (dir / "a.pdf").string()});
    std::set<std::string> names;
    std::istringstream lines(fonts.out);
    std::string line;
    for (int i = 0; std::getline(lines, line); ++i) {
        if (i >= 2 && !line.empty()) {
            EXPECT_TRUE(names.insert(line.substr(line.find('+') + 1, 20)).second) << fonts.out;
        }
    }

    // Text of the first part's first page as the in-memory writer gives it.
    const std::string alone = pdf::write_pdf(parts.first, {1700000000, "formpdf test", false});
    testing::write_text(dir / "alone.pdf", alone);
    const auto expected =
        run_command({"pdftotext", "-f", "1", "-l", "1", (dir / "alone.pdf").string(), "-"});
    const auto got =
        run_command({"pdftotext", "-f", "2", "-l", "2", (dir / "a.pdf").string(), "-"});
    EXPECT_EQ(got.out, expected.out);
    const auto front =
        run_command({"pdftotext", "-f", "1", "-l", "1", (dir / "a.pdf").string(), "-"});
    EXPECT_NE(front.out.find("此页有意留空"), std::string::npos) << front.out;
}

TEST(StreamedPdfWriter, SameInputSameBytes) {
    Parts parts;
    TempDir dir;
    EXPECT_TRUE(write_streamed(parts, dir / "a.pdf") == write_streamed(parts, dir / "b.pdf"));
}

TEST(StreamedPdfWriter, AnUnfinishedFileIsRemoved) {
    Parts parts;
    TempDir dir;
    {
        pdf::StreamedPdfWriter writer(dir / "a.pdf", parts.fonts.resources(),
                                      {1700000000, "formpdf test", false});
        writer.add_pages(writer.prepare(parts.first));
    }
    EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

} // namespace
} // namespace formpdf
