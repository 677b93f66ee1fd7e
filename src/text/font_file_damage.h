#pragma once

// Why the font scan skipped a font file, or some faces of it, kept as facts (a kind, FreeType's
// error code, numbers) rather than words: the scan's cache on disk (font_scan_cache.h) keeps it
// between runs, and a run in Chinese and a later one in English share that cache. The words, in the
// user's language, are chosen when the reason is shown (describe()). Private to the text stage.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace formpdf::text {

struct FontFileDamage {
    enum class Kind {
        None,               // read whole
        CannotOpen,         // open(2) or fstat(2) failed
        NotRegularFile,     // a FIFO, a device, a folder
        TooLarge,           // `bytes` is its size, more than kMaxFontFileBytes
        FreeTypeNotStarted, // FT_Init_FreeType failed
        FreeTypeRefuses,    // FreeType cannot open the file, or its only face: `freetype_error`
        NoFaceOpens,        // FreeType opens none of the `face_count` faces; the first's error
        SomeFacesDoNotOpen, // FreeType cannot open `faces`; `freetype_error` is the first's
        NoFaceNamed,        // no face has a family name that can be read
        SomeFacesUnnamed,   // `faces` have no family name that can be read
    };
    Kind kind = Kind::None;
    int freetype_error = 0;           // FreeType's error code (FT_ERROR_BASE), 0 when none
    std::uint64_t bytes = 0;          // TooLarge: the file's size
    std::uint32_t face_count = 0;     // NoFaceOpens: the faces of the collection
    std::vector<std::uint32_t> faces; // SomeFacesDoNotOpen, SomeFacesUnnamed: their indices

    bool empty() const { return kind == Kind::None; }
    bool operator==(const FontFileDamage&) const = default;
};

// The damage in words, in the user's language: "FreeType cannot open it (broken table)",
// "FreeType 无法打开该文件（表已损坏）".
std::string describe(const FontFileDamage& damage);

// FreeType's English text for an error code (FT_ERRORS_H), "unknown error" for a code it does not
// define. Debian's FreeType is built without FT_Error_String's table, so it is made here.
const char* freetype_error_text(int error);

// FreeType's words for an error code in the user's language: its English text (FT_ERRORS_H),
// translated for the errors a damaged, cut-short or non-font file gives when FreeType opens it;
// the others stay in FreeType's English.
std::string freetype_error_words(int error);

// The kinds by name, for the scan's cache: "freetype-refuses"; false for a name of no kind.
const char* kind_name(FontFileDamage::Kind kind);
bool parse_kind_name(std::string_view name, FontFileDamage::Kind& kind);

} // namespace formpdf::text
