#include "load/source_text.h"

#include <algorithm>

namespace formpdf::load {

namespace {

// UTF-8 lead bytes (and ASCII) start a code point; continuation bytes (10xxxxxx) do not.
bool starts_code_point(char byte) {
    return (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
}

} // namespace

std::string_view strip_utf8_bom(std::string_view text) {
    if (text.starts_with(kUtf8Bom)) {
        text.remove_prefix(kUtf8Bom.size());
    }
    return text;
}

SourceText::SourceText(std::string file, std::string text)
    : file_(std::move(file)), text_(std::move(text)) {
    line_starts_.push_back(0);
    column_marks_.reserve(text_.size() / kColumnStride + 1);
    std::uint32_t column = 0; // code points since the start of the line
    for (std::size_t i = 0; i < text_.size(); ++i) {
        if (i % kColumnStride == 0) {
            column_marks_.push_back(column);
        }
        if (text_[i] == '\n') {
            line_starts_.push_back(i + 1);
            column = 0;
        } else if (starts_code_point(text_[i])) {
            ++column;
        }
    }
}

std::size_t SourceText::line_index(std::size_t offset) const {
    const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    return static_cast<std::size_t>(next - line_starts_.begin()) - 1;
}

SourceLoc SourceText::loc_at(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    const std::size_t line = line_index(offset);
    std::size_t from = line_starts_[line];
    std::size_t column = 0;
    const std::size_t mark = offset / kColumnStride;
    if (mark < column_marks_.size() && mark * kColumnStride > from) {
        // The line started before the mark: count on from it.
        from = mark * kColumnStride;
        column = column_marks_[mark];
    }
    for (std::size_t i = from; i < offset; ++i) {
        if (starts_code_point(text_[i])) {
            ++column;
        }
    }
    counted_bytes_.fetch_add(offset - from, std::memory_order_relaxed);
    return SourceLoc{file_, static_cast<int>(line) + 1, static_cast<int>(column) + 1};
}

std::string_view SourceText::line_at(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    const std::size_t line = line_index(offset);
    const std::size_t start = line_starts_[line];
    std::size_t end = line + 1 < line_starts_.size() ? line_starts_[line + 1] - 1 : text_.size();
    std::string_view result = std::string_view(text_).substr(start, end - start);
    if (result.ends_with('\r')) {
        result.remove_suffix(1);
    }
    return result;
}

} // namespace formpdf::load
