#pragma once

#include "core/source_location.h"

#include <string>

namespace formpdf::load {

class ValueReader;

// `batch:` of a form's layout (docs/batch.md, "The fields a batch reads"): which of the form's
// fields `formpdf batch` takes as each form's code, name, unit and amount (the contents page, the
// file names' default, the bookmarks' units, `--sort code`), and the order a batch of this form
// takes by default. The defaults are the Shenzhen form's ids.
struct BatchFields {
    std::string code = "project_code";
    SourceLoc code_loc;
    std::string name = "project_name";
    SourceLoc name_loc;
    std::string unit = "applicant_unit";
    SourceLoc unit_loc;
    std::string amount = "annual_amount";
    SourceLoc amount_loc;
    // The batch's default order: code, name, unit, amount (the fields above), input, or any field
    // id; empty when not given (then code).
    std::string sort;
    SourceLoc sort_loc;
    // How texts compare: "text" (by code point) or "pinyin" (ICU's zh collator); empty when not
    // given (then text).
    std::string collation;
};

// Reads `batch: {code: …, name: …, unit: …, amount: …, sort: …, collation: …}`; throws
// DiagnosticError at a value that is not a field id or a known collation.
BatchFields read_batch_fields(const ValueReader& value);

} // namespace formpdf::load
