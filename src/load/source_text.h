#pragma once

#include "core/source_location.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
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
//
// Every value of a file asks for its location, and a flow-style file may hold all of them on one
// line of megabytes: loc_at() must not count from the line start each time. The constructor notes
// the column at every kColumnStride-th byte, so loc_at() counts at most kColumnStride bytes: the
// whole file costs O(size + values), whatever its lines.
class SourceText {
public:
    static constexpr std::size_t kColumnStride = 256;

    SourceText(std::string file, std::string text);

    const std::string& file() const { return file_; }
    const std::string& text() const { return text_; }

    // 1-based line and column of the byte at offset; offset == text().size() is the end of the
    // file. Offsets past the end are clamped to it. Counts at most kColumnStride bytes.
    SourceLoc loc_at(std::size_t offset) const;

    // The whole line that holds offset, without its line break.
    std::string_view line_at(std::size_t offset) const;

    // The bytes loc_at() has counted so far, over all its calls: what the tests check the cost
    // bound on (a wall clock is too noisy on a shared machine).
    std::size_t counted_bytes() const { return counted_bytes_.load(std::memory_order_relaxed); }

private:
    std::size_t line_index(std::size_t offset) const;

    std::string file_;
    std::string text_;
    std::vector<std::size_t> line_starts_; // byte offset of the first byte of every line
    // The code points between the start of its line and byte i * kColumnStride, for every i.
    std::vector<std::uint32_t> column_marks_;
    mutable std::atomic<std::size_t> counted_bytes_{0};
};

} // namespace formpdf::load
