#pragma once

#include "layout/document.h"
#include "pdf/pdf_writer.h"
#include "text/font_resource.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace formpdf::pdf {

// A run of pages numbered alike in a viewer (/PageLabels, PDF 32000-1 12.4.2): from first_page
// (0-based, in the final page order) on, style "D" (1, 2, 3), "r" (i, ii), "R", "a", "A" or ""
// (prefix only), starting at `start`.
struct PageLabelRange {
    int first_page = 0;
    std::string style = "D";
    std::string prefix;
    int start = 1;
};

struct StreamedFinish {
    std::string title;                     // Info /Title
    std::vector<layout::Outline> outlines; // page indexes in the final page order
    std::vector<PageLabelRange> page_labels;
};

// One PDF written while it is being made, for documents too large to hold in memory (a batch's
// combined file). Pages go to the file as they are added; each font is subset once, at the end,
// to the glyphs of all pages, and embedded once. Front pages (a table of contents, whose page
// numbers are known only at the end) are written last but come first in the page order.
//
// Glyph codes must be known before the glyph set is, so every font uses stable codes
// (FontEmbedder::use_stable_codes). Memory held: one small dictionary per page, the glyph sets,
// and nothing of the page contents once written.
//
// Use: construct with the whole font table of the parts (every part's fonts must be a prefix of
// it); prepare() from any number of threads; add_pages() for each part in order (it may run
// while other threads prepare); add_front_pages(); finish(). Throws PdfError (IoError when the
// file cannot be written). Output is deterministic: same parts, options and order, same bytes.
class StreamedPdfWriter {
public:
    StreamedPdfWriter(const std::filesystem::path& path, std::vector<text::FontResource> fonts,
                      const PdfOptions& options);
    ~StreamedPdfWriter(); // a file not finished is removed
    StreamedPdfWriter(const StreamedPdfWriter&) = delete;
    StreamedPdfWriter& operator=(const StreamedPdfWriter&) = delete;

    // The part's pages as compressed content streams, and the glyphs they draw; thread-safe,
    // reads only. The part itself is not needed afterwards.
    PreparedPart prepare(const layout::Document& part) const;

    // Records the part's glyphs and writes its prepared pages after the pages added before.
    // Returns the index of its first page among the added (not front) pages.
    int add_pages(PreparedPart part);
    int page_count() const; // pages added so far, front pages not counted

    // Pages placed before all others (call once, before finish()).
    void add_front_pages(const layout::Document& part);

    // Subsets and embeds the fonts, writes the page tree, bookmarks, labels and Info, closes the
    // file and moves it to `path`.
    void finish(const StreamedFinish& finish);

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

} // namespace formpdf::pdf
