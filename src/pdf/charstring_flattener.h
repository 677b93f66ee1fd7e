#pragma once

#include "pdf/cff_table.h"

#include <optional>
#include <string>
#include <string_view>

namespace formpdf::pdf {

// A Type 2 charstring (Adobe TN #5177) with every subroutine call inlined: the glyph as a font
// without subroutines holds it. Operands and operators are copied byte for byte; callsubr,
// callgsubr, their subroutine number and return disappear. std::nullopt when the glyph uses what
// is not inlined here (the arithmetic, storage and conditional operators that Type 2 deprecates,
// the seac form of endchar, more than 10 nested calls) or does not hold together: the caller then
// leaves the font to hb-subset.
std::optional<std::string> flatten_charstring(std::string_view charstring,
                                              const cff::IndexView& local_subrs,
                                              const cff::IndexView& global_subrs);

} // namespace formpdf::pdf
