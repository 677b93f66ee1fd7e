#include "load/source_text.h"

#include <algorithm>

namespace formpdf::load {

std::string_view strip_utf8_bom(std::string_view text) {
    if (text.starts_with(kUtf8Bom)) {
        text.remove_prefix(kUtf8Bom.size());
    }
    return text;
}

SourceText::SourceText(std::string file, std::string text)
    : file_(std::move(file)), text_(std::move(text)) {
    line_starts_.push_back(0);
    for (std::size_t i = text_.find('\n'); i != std::string::npos; i = text_.find('\n', i + 1)) {
        line_starts_.push_back(i + 1);
    }
}

std::size_t SourceText::line_index(std::size_t offset) const {
    const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    return static_cast<std::size_t>(next - line_starts_.begin()) - 1;
}

SourceLoc SourceText::loc_at(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    const std::size_t line = line_index(offset);
    int col = 1;
    for (std::size_t i = line_starts_[line]; i < offset; ++i) {
        // Count lead bytes only: continuation bytes (10xxxxxx) belong to the previous character.
        if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) {
            ++col;
        }
    }
    return SourceLoc{file_, static_cast<int>(line) + 1, col};
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
