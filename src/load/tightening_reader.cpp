#include "load/tightening_reader.h"

#include "core/messages.h"

namespace formpdf::load {

TighteningSpec read_tightening(const ValueReader& value) {
    TighteningSpec tightening;
    tightening.loc = value.loc();
    const MapReader map = value.map({"last-page-rows", "padding", "line-spacing", "row-height"});
    if (const auto rows = map.find("last-page-rows")) {
        tightening.last_page_rows = rows->integer(0, 1000000);
    }
    if (const auto padding = map.find("padding")) {
        tightening.padding_pt = padding->length_pt();
    }
    if (const auto spacing = map.find("line-spacing")) {
        tightening.line_spacing = spacing->number(0.5, 10);
    }
    if (const auto height = map.find("row-height")) {
        tightening.row_height_pt = height->length_pt();
    }
    if (!tightening.padding_pt && !tightening.line_spacing && !tightening.row_height_pt) {
        value.fail(tr("'tighten' sets no limit, so nothing could be tightened"),
                   tr("give the least values spacing may shrink to, e.g. `tighten: {padding: "
                      "0.8mm, line-spacing: 1.2, row-height: 7mm}`"));
    }
    tightening.enabled = true;
    return tightening;
}

} // namespace formpdf::load
