#include "pdf/cid_widths.h"

namespace formpdf::pdf {

int most_common_width(const CidWidths& widths) {
    std::map<int, int> counts; // ordered, so ties resolve to the smaller width
    for (const auto& [code, width] : widths) {
        ++counts[width];
    }
    int best = 1000;
    int best_count = 0;
    for (const auto& [width, count] : counts) {
        if (count > best_count) {
            best = width;
            best_count = count;
        }
    }
    return best;
}

std::vector<WidthRun> width_runs(const CidWidths& widths, int default_width) {
    std::vector<WidthRun> runs;
    for (const auto& [code, width] : widths) {
        if (width == default_width) {
            continue;
        }
        const bool extends_last =
            !runs.empty() && runs.back().first + runs.back().widths.size() == code;
        if (!extends_last) {
            runs.push_back(WidthRun{code, {}});
        }
        runs.back().widths.push_back(width);
    }
    return runs;
}

std::string width_array_text(const std::vector<WidthRun>& runs) {
    std::string out = "[";
    for (std::size_t i = 0; i < runs.size(); ++i) {
        if (i > 0) {
            out += ' ';
        }
        out += std::to_string(runs[i].first);
        out += " [";
        for (std::size_t j = 0; j < runs[i].widths.size(); ++j) {
            if (j > 0) {
                out += ' ';
            }
            out += std::to_string(runs[i].widths[j]);
        }
        out += ']';
    }
    out += ']';
    return out;
}

} // namespace formpdf::pdf
