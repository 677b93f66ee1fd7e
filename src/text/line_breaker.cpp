#include "text/line_breaker.h"

#include "core/utf8.h"
#include "text/break_rules.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/ubrk.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace formpdf::text {

namespace {

namespace rules = break_rules;

std::atomic<std::size_t> breaker_steps{0}; // see line_breaker_steps()

// Float slack for width comparisons: advances are sums of doubles.
constexpr double width_epsilon = 1e-6;

// The paragraph as code points with their byte offsets, and as UTF-16 for ICU. Decoded by us (not
// UnicodeString::fromUTF8) so that every UTF-16 index maps back to an exact byte offset, also for
// malformed input (each bad byte becomes one U+FFFD).
struct DecodedText {
    std::vector<char32_t> code_points;
    std::vector<std::size_t> offsets; // byte offset of each code point, plus the text size
    icu::UnicodeString utf16;
    std::vector<std::uint32_t> code_point_of_unit; // code point index of each UTF-16 unit, plus end
};

DecodedText decode(std::string_view utf8) {
    DecodedText decoded;
    // Sized by the code points (a third of the bytes for Chinese), not by the bytes: for a
    // megabyte value the bytes would reserve three times the memory.
    const auto code_points =
        static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char byte) {
            return (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
        }));
    decoded.code_points.reserve(code_points);
    decoded.offsets.reserve(code_points + 1);
    decoded.code_point_of_unit.reserve(2 * code_points + 1);
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        const std::size_t start = pos;
        char32_t c = 0;
        if (!decode_utf8(utf8, pos, c)) {
            c = 0xFFFD;
        }
        const auto index = static_cast<std::uint32_t>(decoded.code_points.size());
        decoded.code_points.push_back(c);
        decoded.offsets.push_back(start);
        decoded.utf16.append(static_cast<UChar32>(c));
        decoded.code_point_of_unit.resize(static_cast<std::size_t>(decoded.utf16.length()), index);
    }
    decoded.offsets.push_back(utf8.size());
    decoded.code_point_of_unit.push_back(static_cast<std::uint32_t>(decoded.code_points.size()));
    return decoded;
}

using BreakIteratorPtr = std::unique_ptr<icu::BreakIterator>;

enum class IteratorKind { line, grapheme };

BreakIteratorPtr create_prototype(IteratorKind kind) {
    UErrorCode status = U_ZERO_ERROR;
    BreakIteratorPtr iterator(
        kind == IteratorKind::line
            ? icu::BreakIterator::createLineInstance(icu::Locale("zh"), status)
            : icu::BreakIterator::createCharacterInstance(icu::Locale("zh"), status));
    if (U_FAILURE(status) || !iterator) {
        throw std::runtime_error(std::string("ICU cannot create a break iterator: ") +
                                 u_errorName(status));
    }
    return iterator;
}

// Creating an ICU break iterator loads and compiles rules (about a millisecond); cloning the
// prototype is cheap. Each thread gets its own clone because iterators are not thread-safe.
icu::BreakIterator& line_iterator() {
    static const BreakIteratorPtr prototype = create_prototype(IteratorKind::line);
    thread_local const BreakIteratorPtr iterator(prototype->clone());
    return *iterator;
}

icu::BreakIterator& grapheme_iterator() {
    static const BreakIteratorPtr prototype = create_prototype(IteratorKind::grapheme);
    thread_local const BreakIteratorPtr iterator(prototype->clone());
    return *iterator;
}

// An iterator keeps a reference to its text: point it at a text that outlives it once done.
void detach_text(icu::BreakIterator& iterator) {
    static const icu::UnicodeString no_text;
    iterator.setText(no_text);
}

// Whether a break before code point `index` (0 < index < size) breaks a CLREQ or keep-together
// rule. Only ever used to remove an opportunity ICU offered, never to add one.
bool violates_tailoring(const std::vector<char32_t>& cps, std::size_t index) {
    const char32_t next = cps[index];
    const char32_t previous = cps[index - 1];
    // 行首禁则: a closing mark, pause mark, unit sign... never starts a line.
    if (rules::is_no_line_start(next)) {
        return true;
    }
    // The last visible character of the line that would end here (trailing spaces are dropped).
    std::size_t last = index;
    while (last > 0 && rules::is_blank(cps[last - 1])) {
        --last;
    }
    if (last > 0) {
        const char32_t visible = cps[last - 1];
        // 行尾禁则: an opening mark never ends a line.
        if (rules::is_no_line_end(visible)) {
            return true;
        }
        // "≥ 90%", "> 95%", ">= 90": the sign stays with its number, across spaces.
        if (rules::is_comparison_sign(visible) && rules::is_number_start(next)) {
            return true;
        }
    }
    // "10人", "100%", "2.0测评": a number stays with the first character of its unit.
    if (rules::is_digit(previous) && (rules::is_han(next) || rules::is_unit_symbol(next))) {
        return true;
    }
    // "1,866.00万元", "4小时": and with the second one when the first only begins a unit.
    if (index >= 2 && rules::is_digit(cps[index - 2]) && rules::is_unit_prefix(previous) &&
        rules::is_han(next)) {
        return true;
    }
    // "……", "——": a doubled mark is one mark.
    if (rules::is_paired_mark(previous) && previous == next) {
        return true;
    }
    return false;
}

std::vector<BreakOpportunity> find_opportunities(const DecodedText& decoded) {
    std::vector<BreakOpportunity> opportunities;
    const std::size_t count = decoded.code_points.size();
    if (count == 0) {
        opportunities.push_back({0, false});
        return opportunities;
    }
    icu::BreakIterator& iterator = line_iterator();
    iterator.setText(decoded.utf16);
    for (std::int32_t unit = iterator.next(); unit != icu::BreakIterator::DONE;
         unit = iterator.next()) {
        const std::int32_t status = iterator.getRuleStatus();
        const bool mandatory = status >= UBRK_LINE_HARD && status < UBRK_LINE_HARD_LIMIT;
        const std::size_t index = decoded.code_point_of_unit[static_cast<std::size_t>(unit)];
        if (!mandatory && index < count && violates_tailoring(decoded.code_points, index)) {
            continue;
        }
        opportunities.push_back({decoded.offsets[index], mandatory});
    }
    detach_text(iterator);
    if (opportunities.empty() || opportunities.back().offset != decoded.offsets[count]) {
        opportunities.push_back({decoded.offsets[count], false}); // ICU always ends at the end
    }
    return opportunities;
}

// Byte offsets (index = offset) where the text may be cut between two grapheme clusters.
std::vector<char> grapheme_boundaries(const DecodedText& decoded, std::size_t text_size) {
    std::vector<char> boundary(text_size + 1, 0);
    icu::BreakIterator& iterator = grapheme_iterator();
    iterator.setText(decoded.utf16);
    for (std::int32_t unit = iterator.first(); unit != icu::BreakIterator::DONE;
         unit = iterator.next()) {
        boundary[decoded.offsets[decoded.code_point_of_unit[static_cast<std::size_t>(unit)]]] = 1;
    }
    detach_text(iterator);
    return boundary;
}

// Greedy line filling over the segments between opportunities. Widths come from a prefix sum of
// glyph advances indexed by byte offset, so every width is O(1) and the whole pass is O(n).
class LineFiller {
public:
    LineFiller(const ShapedText& shaped, double max_width_pt, const DecodedText& decoded)
        : shaped_(shaped), text_(shaped.text), max_width_(max_width_pt + width_epsilon),
          decoded_(decoded), width_before_(text_.size() + 1, 0.0),
          cluster_start_(text_.size() + 1, 0) {
        const std::size_t size = text_.size();
        [[maybe_unused]] std::uint32_t previous_cluster = 0;
        // The advances of each cluster at the offset after it, then summed in place.
        for (const ShapedGlyph& glyph : shaped.glyphs) {
            assert(glyph.cluster < size && "glyph cluster outside the text");
            assert(glyph.cluster >= previous_cluster && "clusters must not decrease (LTR)");
            previous_cluster = glyph.cluster;
            const std::size_t cluster = std::min<std::size_t>(glyph.cluster, size - 1);
            width_before_[cluster + 1] += glyph.advance_pt;
            cluster_start_[cluster] = 1;
        }
        for (std::size_t i = 0; i < size; ++i) {
            width_before_[i + 1] += width_before_[i];
        }
        cluster_start_[0] = 1;
        cluster_start_[size] = 1;
        // Controls (newline, tab) have no glyph: both their sides are cluster boundaries.
        for (std::size_t i = 0; i < decoded.code_points.size(); ++i) {
            if (rules::is_control(decoded.code_points[i])) {
                cluster_start_[decoded.offsets[i]] = 1;
                cluster_start_[decoded.offsets[i + 1]] = 1;
            }
        }
    }

    // A break not at a glyph cluster boundary would cut a ligature or a mark from its base.
    bool is_cluster_boundary(std::size_t offset) const { return cluster_start_[offset] != 0; }

    // Adds the visible part [begin, end) of a segment (trailing spaces already removed).
    void place(std::size_t begin, std::size_t end) {
        ++steps_;
        if (end <= begin) {
            return; // only spaces: they are kept if more follows on the line, dropped otherwise
        }
        if (content_end_ > line_start_ && width(line_start_, end) > max_width_) {
            emit(line_start_, content_end_); // wrap: the spaces in [content_end_, begin) go
            line_start_ = begin;
            content_end_ = begin;
        }
        // The line holds nothing visible here, or the segment fits. If it is still too wide, it
        // is wider than a whole line: cut it between clusters.
        while (width(line_start_, end) > max_width_) {
            const std::size_t cut = emergency_cut(end);
            if (cut >= end) {
                break; // a single cluster wider than the line: it stays alone on its line
            }
            emit(line_start_, cut);
            line_start_ = cut;
            content_end_ = cut;
        }
        content_end_ = end;
    }

    // Ends the line at a newline: the line is emitted even when empty (a blank line).
    void end_paragraph_line(std::size_t next_line_start) {
        emit(line_start_, content_end_);
        line_start_ = next_line_start;
        content_end_ = next_line_start;
    }

    std::vector<TextLine> take_lines() {
        breaker_steps.fetch_add(steps_ + lines_.size(), std::memory_order_relaxed);
        return std::move(lines_);
    }

private:
    double width(std::size_t begin, std::size_t end) const {
        return width_before_[end] - width_before_[begin];
    }

    // The farthest cut after line_start_ that fits, or the first one if none does.
    std::size_t emergency_cut(std::size_t end) {
        if (!graphemes_) {
            graphemes_ = grapheme_boundaries(decoded_, text_.size());
        }
        std::size_t best = end;
        for (std::size_t offset = line_start_ + 1; offset < end; ++offset) {
            ++steps_;
            if (!cluster_start_[offset] || !(*graphemes_)[offset]) {
                continue;
            }
            if (width(line_start_, offset) > max_width_) {
                return best == end ? offset : best;
            }
            best = offset;
        }
        return best;
    }

    void emit(std::size_t begin, std::size_t end) {
        TextLine line;
        line.text = text_.substr(begin, end - begin);
        const auto by_cluster = [](const ShapedGlyph& glyph, std::size_t offset) {
            return glyph.cluster < offset;
        };
        const auto first =
            std::lower_bound(shaped_.glyphs.begin(), shaped_.glyphs.end(), begin, by_cluster);
        const auto last = std::lower_bound(first, shaped_.glyphs.end(), end, by_cluster);
        line.glyphs.assign(first, last);
        for (ShapedGlyph& glyph : line.glyphs) {
            glyph.cluster -= static_cast<std::uint32_t>(begin);
            line.width_pt += glyph.advance_pt;
        }
        lines_.push_back(std::move(line));
    }

    const ShapedText& shaped_;
    const std::string& text_;
    double max_width_;
    const DecodedText& decoded_;
    std::vector<double> width_before_; // width of the glyphs of clusters before each byte offset
    std::vector<char> cluster_start_;  // byte offsets that are glyph cluster boundaries
    std::optional<std::vector<char>> graphemes_; // computed on the first emergency cut only
    std::size_t line_start_ = 0;
    std::size_t content_end_ = 0; // end of the visible text of the current line so far
    std::size_t steps_ = 0;       // segments placed and offsets tried for cuts (breaker_steps)
    std::vector<TextLine> lines_;
};

// The end of a segment without the newline sequence that ends it ("\r\n" counts once).
std::size_t strip_newline(std::string_view text, std::size_t begin, std::size_t end) {
    if (end - begin >= 2 && text.substr(end - 2, 2) == "\r\n") {
        return end - 2;
    }
    std::size_t start = end;
    while (start > begin && (static_cast<unsigned char>(text[start - 1]) & 0xC0) == 0x80) {
        --start;
    }
    if (start > begin) {
        --start;
    }
    std::size_t pos = start;
    char32_t c = 0;
    if (start < end && decode_utf8(text, pos, c) && pos == end && rules::is_newline(c)) {
        return start;
    }
    return end;
}

std::size_t strip_wrap_spaces(std::string_view text, std::size_t begin, std::size_t end) {
    while (end > begin && rules::is_wrap_space(static_cast<unsigned char>(text[end - 1]))) {
        --end;
    }
    return end;
}

} // namespace

std::size_t line_breaker_steps() {
    return breaker_steps.load(std::memory_order_relaxed);
}

std::vector<BreakOpportunity> find_break_opportunities(std::string_view utf8) {
    return find_opportunities(decode(utf8));
}

std::vector<TextLine> break_lines(const ShapedText& shaped, double max_width_pt) {
    const std::string& text = shaped.text;
    if (text.empty()) {
        return {};
    }
    const DecodedText decoded = decode(text);
    const std::vector<BreakOpportunity> opportunities = find_opportunities(decoded);
    LineFiller filler(shaped, max_width_pt, decoded);
    std::size_t segment_start = 0;
    for (const BreakOpportunity& opportunity : opportunities) {
        const std::size_t end = opportunity.offset;
        if (!opportunity.mandatory && end < text.size() && !filler.is_cluster_boundary(end)) {
            continue; // inside a glyph cluster: the segment goes on
        }
        const std::size_t visible_end =
            opportunity.mandatory ? strip_newline(text, segment_start, end) : end;
        filler.place(segment_start, strip_wrap_spaces(text, segment_start, visible_end));
        if (opportunity.mandatory || end == text.size()) {
            filler.end_paragraph_line(end);
        }
        segment_start = end;
    }
    return filler.take_lines();
}

} // namespace formpdf::text
