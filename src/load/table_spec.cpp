#include "load/table_spec.h"

#include <algorithm>

namespace formpdf::load {

std::vector<double> column_widths_pt(const std::vector<ColumnSpec>& columns,
                                     double content_width_pt) {
    double fixed = 0;
    double fractions = 0;
    for (const ColumnSpec& column : columns) {
        fixed += column.width_pt;
        fractions += column.fraction;
    }
    const double share = fractions > 0 ? std::max(0.0, content_width_pt - fixed) / fractions : 0;
    std::vector<double> widths;
    widths.reserve(columns.size());
    for (const ColumnSpec& column : columns) {
        widths.push_back(column.fraction > 0 ? column.fraction * share : column.width_pt);
    }
    return widths;
}

} // namespace formpdf::load
