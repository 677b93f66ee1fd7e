#pragma once

#include "text/shaped_text.h"
#include "text/shaper.h"

#include <cstddef>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace formpdf::text {

class FontLibrary;

// Lines of a paragraph as shaped and broken for one box: shared, never changed once made.
using SharedLines = std::shared_ptr<const std::vector<TextLine>>;

// A memo of shape_text + break_lines. Most of a form's text is the form's own (labels, column
// headers, group names, the 备注 footer) and comes back on every form of a batch: shaping it once
// per process instead of once per form halves the layout work of the 41 seed forms. Shaping is
// deterministic, so a hit gives exactly the lines a miss would. Thread-safe (the batch lays out
// forms on several threads). Bounded: when the cached lines pass max_bytes the cache is emptied
// and fills again with what comes next, so memory stays flat however many forms run.
class LineCache {
public:
    explicit LineCache(std::size_t max_bytes = 16u << 20) : max_bytes_(max_bytes) {}

    // The lines of `utf8` shaped along `chain` at size_pt and broken for max_width_pt, from the
    // cache or made now. Throws MissingGlyphError (and caches nothing) like shape_text.
    SharedLines lines(const FontLibrary& fonts, std::string_view utf8, const FontChain& chain,
                      double size_pt, double max_width_pt);

    std::size_t size() const;

private:
    std::size_t max_bytes_;
    mutable std::shared_mutex mutex_;
    std::unordered_map<std::string, SharedLines> entries_;
    std::size_t bytes_ = 0;
};

// The lines of `utf8` for a box max_width_pt wide, through the library's own cache.
SharedLines shape_and_break(const FontLibrary& fonts, std::string_view utf8, const FontChain& chain,
                            double size_pt, double max_width_pt);

} // namespace formpdf::text
