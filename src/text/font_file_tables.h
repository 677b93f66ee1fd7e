#pragma once

// Private to the text stage (HarfBuzz types).

#include "text/font_face.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace formpdf::text {

// A font file read table by table with pread, for the font scan: the scan needs only the table
// directory and the name, OS/2 and head tables of every face of every system font. Mapping each
// file to read them cost ~40 us per file (the kernel maps 16 pages around every page touched,
// then unmaps them all), over a millisecond for the 27 files of a small Debian system, on the path
// of every command that prints.
class FontFileTables {
public:
    // The faces of an OpenType/TrueType file or collection (TTC/OTC). std::nullopt when the file
    // cannot be read, is not a regular file, is larger than kMaxFontFileBytes, or its directories
    // do not hold together; `why_not` then says which, for the note of the file skipped.
    static std::optional<FontFileTables> open(const std::string& path, std::string& why_not);

    unsigned face_count() const { return static_cast<unsigned>(faces_.size()); }
    // Whether the face's directory lists `tag` with a non-empty table; reads nothing.
    bool has_table(unsigned face, hb_tag_t tag) const;
    // A HarfBuzz face of face `index` whose tables are read from the file when HarfBuzz asks for
    // them. The file stays open while the face lives.
    HbFace face(unsigned index) const;

    struct File;
    struct TableRecord {
        hb_tag_t tag;
        std::uint32_t offset;
        std::uint32_t length;
    };

private:
    std::shared_ptr<File> file_;
    std::vector<std::vector<TableRecord>> faces_;
};

} // namespace formpdf::text
