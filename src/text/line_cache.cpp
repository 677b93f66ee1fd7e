#include "text/line_cache.h"

#include "text/line_breaker.h"

#include <cstring>
#include <mutex>

namespace formpdf::text {

namespace {

// Everything the lines depend on, as bytes: the faces of the chain, the size, the width, the text.
std::string cache_key(std::string_view utf8, const FontChain& chain, double size_pt,
                      double max_width_pt) {
    std::string key;
    key.reserve(utf8.size() + 2 * sizeof(double) + (chain.fonts.size() + 1) * sizeof(FontId));
    const auto append_bytes = [&key](const auto& value) {
        char bytes[sizeof value];
        std::memcpy(bytes, &value, sizeof value);
        key.append(bytes, sizeof value);
    };
    append_bytes(chain.fonts.size());
    for (const FontId id : chain.fonts) {
        append_bytes(id);
    }
    append_bytes(size_pt);
    append_bytes(max_width_pt);
    key.append(utf8);
    return key;
}

std::size_t footprint(const std::string& key, const std::vector<TextLine>& lines) {
    std::size_t bytes = key.size() + sizeof(std::vector<TextLine>) + 64; // + node overhead
    for (const TextLine& line : lines) {
        bytes += sizeof(TextLine) + line.text.size() + line.glyphs.size() * sizeof(ShapedGlyph);
    }
    return bytes;
}

} // namespace

SharedLines LineCache::lines(const FontLibrary& fonts, std::string_view utf8,
                             const FontChain& chain, double size_pt, double max_width_pt) {
    std::string key = cache_key(utf8, chain, size_pt, max_width_pt);
    {
        const std::shared_lock lock(mutex_);
        if (const auto found = entries_.find(key); found != entries_.end()) {
            return found->second;
        }
    }
    auto made = std::make_shared<const std::vector<TextLine>>(
        break_lines(shape_text(fonts, utf8, chain, size_pt), max_width_pt));
    const std::size_t bytes = footprint(key, *made);
    const std::unique_lock lock(mutex_);
    if (bytes_ + bytes > max_bytes_) {
        entries_.clear(); // whatever is common comes straight back
        bytes_ = 0;
    }
    if (bytes <= max_bytes_ && entries_.emplace(std::move(key), made).second) {
        bytes_ += bytes;
    }
    return made;
}

SharedLines shape_and_break(const FontLibrary& fonts, std::string_view utf8, const FontChain& chain,
                            double size_pt, double max_width_pt) {
    return fonts.line_cache().lines(fonts, utf8, chain, size_pt, max_width_pt);
}

std::size_t LineCache::size() const {
    const std::shared_lock lock(mutex_);
    return entries_.size();
}

} // namespace formpdf::text
