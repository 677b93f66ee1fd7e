// A libFuzzer target over reading a font file the way a render does: the bytes are written as the
// one font file of a folder, the font scan finds its families (font_catalog.h), FontLibrary loads
// the first one (with the damage checks of font_file_check.h), a layout set in it shapes a few Han
// and Latin characters the face has, and the PDF stage embeds it (the CFF checks of cff_check.h,
// our CID-keyed CFF subsetter or hb-subset) and writes the PDF, in memory and streamed as a batch's
// combined file is. The contract: for any bytes, a
// DiagnosticError (a damaged font is refused with its path) or a PDF, never a crash, a hang or
// another exception. Built with -fsanitize=fuzzer when FORMPDF_LIBFUZZER is on (clang), as
// fuzz_fonts; otherwise fuzz_fonts_corpus_runner replays tests/fuzz/font_corpus/ in ctest.

#include "core/diagnostic.h"
#include "core/utf8.h"
#include "layout/document_layouter.h"
#include "load/layout_loader.h"
#include "pdf/font_embedder.h"
#include "pdf/pdf_writer.h"
#include "pdf/streamed_pdf_writer.h"
#include "text/font_library.h"

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

namespace {

namespace fs = std::filesystem;

// One folder per process, holding the one font file each input is written to; removed when the
// process ends normally (a run's leftovers would otherwise pile up in the temporary folder, and a
// damaged font there is found by renders of files in that folder).
struct FontFolder {
    fs::path path;
    FontFolder()
        : path(fs::temp_directory_path() /
               ("formpdf-font-fuzz-" + std::to_string(static_cast<long>(::getpid())))) {
        fs::create_directories(path);
        // No font scan cache on disk (text/font_scan_cache.h): the one file is rewritten within
        // the file system's clock tick, and its stamp may not change.
        ::unsetenv("XDG_CACHE_HOME");
        ::unsetenv("HOME");
    }
    ~FontFolder() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

const fs::path& font_dir() {
    static const FontFolder folder;
    return folder.path;
}

// Characters a form sets: Han, full-width punctuation, Latin letters with a ligature pair, digits.
constexpr std::u32string_view kCandidates = U"项目编码申报表，（）《》ABCxyz fi 0123";

// A double-quoted YAML scalar, or empty when the name has a byte YAML would not take as is.
std::string yaml_quoted(const std::string& name) {
    std::string out = "\"";
    for (const char c : name) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            return {};
        }
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + "\"";
}

// FORMPDF_FUZZ_VERBOSE=1 says what each input came to, for a look at what the corpus reaches.
bool verbose() {
    static const bool on = std::getenv("FORMPDF_FUZZ_VERBOSE") != nullptr;
    return on;
}

void render_with(formpdf::text::FontLibrary& fonts, const std::string& family) {
    const std::string quoted = yaml_quoted(family);
    if (quoted.empty()) {
        return;
    }
    const formpdf::text::FontId id = fonts.load({family, 400, {"fuzz-layout.yaml", 1, 1}});
    std::string text;
    for (const char32_t c : kCandidates) {
        if (fonts.has_glyph(id, c)) {
            formpdf::append_utf8(text, c);
        }
    }
    if (text.find_first_not_of(' ') == std::string::npos) {
        return;
    }
    const std::string yaml = "formpdf-layout: 1\nfonts:\n  body: {family: " + quoted +
                             "}\n  heavy: {family: " + quoted + "}\nblocks:\n  - title: \"" + text +
                             "\"\n  - paragraph: \"" + text + text + "\"\n";
    const formpdf::load::LayoutSpec spec =
        formpdf::load::load_layout_text(yaml, "fuzz-layout.yaml");
    formpdf::Diagnostics diagnostics;
    const formpdf::layout::Document document =
        formpdf::layout::layout_forms(spec, {}, fonts, diagnostics);
    const std::string pdf = formpdf::pdf::write_pdf(document, {1700000000, "fuzz", false});
    if (pdf.empty()) {
        std::abort();
    }
    // The combined file of a batch: codes fixed before the glyph set is known (a name-keyed CFF
    // font subset with its gids retained), pages streamed to a file.
    formpdf::pdf::StreamedPdfWriter streamed(font_dir() / "combined.pdf", document.fonts,
                                             {1700000000, "fuzz", false});
    streamed.add_pages(streamed.prepare(document));
    streamed.finish({"fuzz", {}, {}});
    if (verbose()) {
        std::fprintf(stderr, "  %s: %zu-byte PDF of \"%s\"\n", family.c_str(), pdf.size(),
                     text.c_str());
    }
}

void fuzz_font(std::string_view bytes) {
    const fs::path file = font_dir() / "fuzz.ttc";
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    // The process caches what it read of a font file by path; every input is a new file.
    formpdf::text::FontLibrary::forget_cached_files();
    formpdf::pdf::FontEmbedder::forget_cached_files();
    // The first two families (a collection's second face is often another family), each set
    // with a library of its own, as two renders would.
    for (std::size_t which = 0; which < 2; ++which) {
        try {
            formpdf::text::FontLibrary fonts({font_dir()}, false);
            const std::vector<std::string> families = fonts.families();
            if (which < families.size()) {
                render_with(fonts, families[which]);
            }
        } catch (const formpdf::DiagnosticError& error) {
            if (error.diagnostic().message.empty()) {
                std::abort(); // a diagnostic says what is wrong
            }
            if (verbose()) {
                std::fprintf(stderr, "  %s\n",
                             formpdf::format_diagnostic(error.diagnostic()).c_str());
            }
        }
    }
    formpdf::pdf::FontEmbedder::forget_cached_files();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz_font(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
