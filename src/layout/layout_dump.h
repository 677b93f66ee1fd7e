#pragma once

#include "layout/document.h"

#include <string>

namespace formpdf::layout {

// The laid-out document as JSON (docs/layout-dump.md): every page and every item in PDF points,
// origin at the bottom-left of the page, y upwards, one item per line so that golden files diff
// well.
std::string dump_layout_json(const Document& document);

} // namespace formpdf::layout
