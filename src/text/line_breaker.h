#pragma once

#include "text/shaped_text.h"

#include <cstddef>
#include <string_view>
#include <vector>

namespace formpdf::text {

// A place where a line may end: the line ends before byte offset `offset` of the text.
struct BreakOpportunity {
    std::size_t offset = 0;
    bool mandatory = false; // after an explicit newline
};

// Line-break opportunities of a paragraph: ICU's line break iterator for "zh", tailored to the
// CLREQ 避头尾 rules (see docs/line-breaking.md):
//  - no line starts with a closing mark  ，。、；：？！）》」』】〕〉”’%‰·… and their half-width
//  forms;
//  - no line ends with an opening mark   （《「『【〔〈“‘ and half-width ( [ {;
//  - a comparison sign stays with the number after it, also across spaces (≥95%, ≤ 2%, > 90%,
//  >=90);
//  - a number stays with its unit (100%, 10人, 1,866.00万元, 2.0测评).
// The end of the text is always an opportunity (also for empty text: offset 0); it is mandatory
// only when the text ends with a newline. "\r\n" is one newline. Malformed UTF-8 bytes count as
// U+FFFD each. Thread-safe.
std::vector<BreakOpportunity> find_break_opportunities(std::string_view utf8);

// Breaks shaped text into lines no wider than max_width_pt, greedily, at the opportunities above.
// Explicit newlines end a line. A run with no opportunity that is wider than a whole line (a
// 21-digit code in a narrow cell, a long URL) is broken inside itself, between grapheme clusters,
// only when it cannot fit on a line of its own. Spaces at a wrap point are dropped. Every line is
// no wider than max_width_pt, except a single glyph wider than the line, which gets a line of its
// own. Lines and newlines: each newline ends a line, so "a\n\nb" gives "a", "", "b" (the blank line
// is kept); a newline at the very end adds no empty line ("a\n" is one line, like a YAML block
// scalar); empty text gives no lines. Spaces (U+0020, tab) at the end of every line are dropped,
// spaces at the start of the text or after a newline are kept. Expects glyph clusters that never
// decrease (HarfBuzz left-to-right output). O(n) in the text length; thread-safe.
std::vector<TextLine> break_lines(const ShapedText& shaped, double max_width_pt);

// The segments break_lines() has placed, the offsets it has tried for cuts inside a run and the
// lines it has made, over the process: a deterministic measure of its work, so that a test can
// check that it grows linearly with the text (a wall clock is too noisy on a shared machine).
std::size_t line_breaker_steps();

} // namespace formpdf::text
