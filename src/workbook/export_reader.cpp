#include "workbook/export_reader.h"

#include "core/messages.h"

#include "core/utf8.h"
#include "workbook/text_decoding.h"
#include "workbook/xls_reader.h"
#include "workbook/xlsx_reader.h"
#include "workbook/zip_archive.h"

#include <algorithm>

namespace formpdf::workbook {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kOle2 = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

[[noreturn]] void refuse(const std::string& file, std::string message, std::string hint) {
    throw DiagnosticError(make_error(SourceLoc{file, 0, 0}, std::move(message), std::move(hint)));
}

// Translated with tr() where it is given.
constexpr const char* kFormatsHint =
    N_("formpdf import reads the export as an Excel workbook (.xlsx, .xls) or as text (tab- or "
       "comma-separated; UTF-8, GB18030 or UTF-16 with a byte order mark)");

// Files people pick by mistake, by their first bytes.
void refuse_known_binary(std::string_view bytes, const std::string& file) {
    struct Magic {
        std::string_view bytes;
        const char* what;
    };
    static constexpr Magic kMagic[] = {
        {"%PDF-", N_("a PDF")},
        {"\x1F\x8B", N_("a gzip-compressed file")},
        {"Rar!", N_("a RAR archive")},
        {"7z\xBC\xAF\x27\x1C", N_("a 7-Zip archive")},
        {"\x89PNG", N_("a PNG image")},
        {"\xFF\xD8\xFF", N_("a JPEG image")},
        {std::string_view("\xFF\xFE\x00\x00", 4), N_("UTF-32 text, which formpdf does not read")},
        {std::string_view("\x00\x00\xFE\xFF", 4), N_("UTF-32 text, which formpdf does not read")},
    };
    for (const Magic& magic : kMagic) {
        if (bytes.starts_with(magic.bytes)) {
            refuse(file, tr("this is {0}, not an export", {tr(magic.what)}), tr(kFormatsHint));
        }
    }
}

// Zero bytes nearly all at even or all at odd offsets in the start of the file: the high bytes of
// tabs, line breaks and digits of UTF-16 text without its mark.
bool looks_like_utf16_without_bom(std::string_view bytes) {
    const std::size_t n = std::min<std::size_t>(bytes.size(), 4096) & ~std::size_t{1};
    if (n < 4) {
        return false;
    }
    std::size_t even_zeros = 0;
    std::size_t odd_zeros = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (bytes[i] == '\0') {
            ++(i % 2 == 0 ? even_zeros : odd_zeros);
        }
    }
    const std::size_t more = std::max(even_zeros, odd_zeros);
    return more >= 4 && more >= 8 * std::min(even_zeros, odd_zeros);
}

// "file:3:7" of a byte offset in text whose line breaks are '\n' bytes.
SourceLoc byte_loc(const std::string& file, std::string_view bytes, std::size_t offset) {
    offset = std::min(offset, bytes.size());
    const std::string_view before = bytes.substr(0, offset);
    const std::size_t line_start = before.rfind('\n');
    const int line = static_cast<int>(std::count(before.begin(), before.end(), '\n')) + 1;
    const int col =
        static_cast<int>(offset - (line_start == std::string_view::npos ? 0 : line_start + 1)) + 1;
    return SourceLoc{file, line, col};
}

bool has_extension(const std::string& file, std::string_view extension) {
    if (file.size() < extension.size()) {
        return false;
    }
    std::string tail = file.substr(file.size() - extension.size());
    std::transform(tail.begin(), tail.end(), tail.begin(),
                   [](char c) { return static_cast<char>(std::tolower(c)); });
    return tail == extension;
}

ExportFile text_export(std::string_view utf8, const std::string& file, std::string encoding,
                       Diagnostics& diagnostics) {
    const bool csv = has_extension(file, ".csv") || (utf8.find('\t') == std::string_view::npos &&
                                                     utf8.find(',') != std::string_view::npos);
    ExportFile result;
    result.grid = csv ? grid_from_csv_text(utf8, file) : grid_from_tab_text(utf8, file);
    result.format =
        csv ? tr("comma-separated {0} text", {encoding}) : tr("tab-separated {0} text", {encoding});
    if (csv || encoding != "UTF-8") {
        diagnostics.note(SourceLoc{file, 0, 0}, tr("read as {0}", {result.format}));
    }
    return result;
}

} // namespace

ExportFile read_export(std::string_view bytes, const std::string& file, Diagnostics& diagnostics,
                       const std::filesystem::path* path, const WorkbookLimits& limits) {
    if (looks_like_zip(bytes)) {
        ExportFile result;
        result.grid = read_xlsx(bytes, file, diagnostics, limits);
        result.xlsx = true;
        const std::string sheets = std::to_string(result.grid.sheets.size());
        result.format = result.grid.sheets.size() == 1
                            ? tr("an .xlsx workbook ({0} sheet)", {sheets})
                            : tr("an .xlsx workbook ({0} sheets)", {sheets});
        diagnostics.note(SourceLoc{file, 0, 0}, tr("read as {0}", {result.format}));
        return result;
    }
    if (bytes.starts_with(kOle2)) {
        if (!path) {
            refuse(file, tr("an .xls workbook is read from a file"), tr(kFormatsHint));
        }
        ExportFile result;
        result.grid = read_xls(*path, file, diagnostics, limits);
        const std::string sheets = std::to_string(result.grid.sheets.size());
        result.format = result.grid.sheets.size() == 1
                            ? tr("an .xls workbook ({0} sheet)", {sheets})
                            : tr("an .xls workbook ({0} sheets)", {sheets});
        diagnostics.note(SourceLoc{file, 0, 0}, tr("read as {0}", {result.format}));
        return result;
    }
    refuse_known_binary(bytes, file);
    for (const auto& [bom, encoding] :
         {std::pair<std::string_view, const char*>{"\xFF\xFE", "UTF-16LE"},
          std::pair<std::string_view, const char*>{"\xFE\xFF", "UTF-16BE"}}) {
        if (bytes.starts_with(bom)) {
            std::size_t bad = 0;
            const std::optional<std::string> utf8 = decode_to_utf8(bytes.substr(2), encoding, &bad);
            if (!utf8) {
                refuse(file,
                       tr("the export starts with a {0} byte order mark but byte {1} is not {0} "
                          "text (a lone surrogate, or an odd length)",
                          {encoding, std::to_string(bad + 2)}),
                       tr("save the export again from Excel as Unicode text"));
            }
            return text_export(*utf8, file, encoding, diagnostics);
        }
    }
    const bool has_bom = bytes.starts_with(kUtf8Bom);
    const std::string_view body = has_bom ? bytes.substr(kUtf8Bom.size()) : bytes;
    if (body.find('\0') != std::string_view::npos) {
        if (looks_like_utf16_without_bom(body)) {
            refuse(file, tr("this looks like UTF-16 text without a byte order mark"),
                   tr("formpdf reads UTF-16 only with its mark (Excel's \"Unicode text\" has "
                      "it): convert it, e.g. `iconv -f UTF-16LE -t UTF-8`"));
        }
        refuse(file, tr("this is a binary file (it holds NUL bytes), not an export"),
               tr(kFormatsHint));
    }
    std::size_t bad = 0;
    if (is_valid_utf8(body, &bad)) {
        return text_export(body, file, "UTF-8", diagnostics);
    }
    if (has_bom) {
        throw DiagnosticError(make_error(byte_loc(file, body, bad),
                                         tr("the export starts with a UTF-8 byte order mark but "
                                            "this byte is not UTF-8"),
                                         tr("save the export again as UTF-8")));
    }
    std::size_t gb_bad = 0;
    if (const std::optional<std::string> utf8 = decode_to_utf8(body, "GB18030", &gb_bad)) {
        return text_export(*utf8, file, "GB18030 (GBK)", diagnostics);
    }
    throw DiagnosticError(make_error(
        byte_loc(file, body, std::max(bad, gb_bad)),
        tr("the export is neither UTF-8 nor GB18030 (GBK) text: this byte is not valid in either"),
        tr(kFormatsHint)));
}

} // namespace formpdf::workbook
