#pragma once

#include "core/source_location.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace formpdf::load {

// The UTF-8 byte order mark, which editors on Windows put at the start of "UTF-8" files.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// The text without a leading UTF-8 byte order mark. The parser is given the text after the mark, so
// byte offsets in the tree count from the first byte after it.
std::string_view strip_utf8_bom(std::string_view text);

// A file's name and text, for turning byte offsets (such as YamlNode::pos) into
// file:line:col. Lines count '\n'; columns count code points, as editors do, so a column after
// Chinese text is not a byte column.
class SourceText {
public:
    SourceText(std::string file, std::string text);

    const std::string& file() const { return file_; }
    const std::string& text() const { return text_; }

    // 1-based line and column of the byte at offset; offset == text().size() is the end of the
    // file. Offsets past the end are clamped to it.
    SourceLoc loc_at(std::size_t offset) const;

    // The whole line that holds offset, without its line break.
    std::string_view line_at(std::size_t offset) const;

private:
    std::size_t line_index(std::size_t offset) const;

    std::string file_;
    std::string text_;
    std::vector<std::size_t> line_starts_; // byte offset of the first byte of every line
};

} // namespace formpdf::load
