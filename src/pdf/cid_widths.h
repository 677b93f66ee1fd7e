#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace formpdf::pdf {

// Glyph widths of a CIDFont in 1/1000 em, keyed by the 2-byte code (= CID) the content uses.
using CidWidths = std::map<std::uint16_t, int>;

// The width most glyphs have (ties go to the smaller width), for /DW; 1000 when there are none.
int most_common_width(const CidWidths& widths);

// One `c [w1 w2 ...]` element of a /W array: consecutive codes starting at `first`.
struct WidthRun {
    std::uint16_t first = 0;
    std::vector<int> widths;

    bool operator==(const WidthRun&) const = default;
};

// The /W array (PDF 32000-1 9.7.4.3) as runs: only widths that differ from `default_width`,
// consecutive codes merged into one run.
std::vector<WidthRun> width_runs(const CidWidths& widths, int default_width);

// "[1 [500 600] 7 [300]]"; "[]" for no runs.
std::string width_array_text(const std::vector<WidthRun>& runs);

} // namespace formpdf::pdf
