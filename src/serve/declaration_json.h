#pragma once

// The JSON the web page and the server exchange: declarations, findings, form definitions and
// layouts. nlohmann/json stays inside the serve stage.

#include "core/diagnostic.h"
#include "load/declaration.h"
#include "load/form_definition.h"
#include "load/layout_spec.h"

#include <nlohmann/json.hpp>

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace formpdf::serve {

using Json = nlohmann::ordered_json;

// A request body that is not what the endpoint takes (HTTP 400).
class BadRequest : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Parses a request body, refusing nesting deeper than `max_depth` before it is built (a body of
// a million '[' would otherwise exhaust the stack). Throws BadRequest.
Json parse_json_body(std::string_view body, int max_depth = 32);

// A declaration as the page edits it:
//   {"form": id, "fields": {id: text, ...},
//    "trees": {tree id: [group, ...]}}, group = {"level": id, "label": text,
//                                                  "groups": [group...] | "rows": [{id: text}]}
Json declaration_to_json(const load::Declaration& declaration);

// Where each value of a declaration built from JSON stands on the page: the line of its
// SourceLoc (the file is kPageFile) → a path like "fields.project_code",
// "trees.indicators.0.1.label" or "trees.indicators.0.1.rows.2.value". Findings carry the loc of
// the value they are about, so the page can show each beside its cell.
using PagePaths = std::map<int, std::string>;
inline constexpr std::string_view kPageFile = "page";

// The declaration the page sent, every value located in `paths`. Throws BadRequest when the shape
// is wrong (a value that is not text, groups nested deeper than the form's levels allow).
load::Declaration declaration_from_json(const Json& json, PagePaths& paths, int max_tree_depth = 8);

// [{"severity": "error"|"warning"|"note", "message", "hint", "path"}], errors first, then
// warnings, then notes, each in the declaration's order. `path` is "" when the finding is about
// the whole declaration.
Json findings_to_json(const Diagnostics& findings, const PagePaths& paths);

// The form's fields (label, kind, required, choices) and trees (levels, row fields, vocabulary
// with mandatory markers), for the page's inputs and drop-downs.
Json form_definition_to_json(const load::FormDefinition& form);

// The layout's blocks as the page draws them: titles and paragraphs (their text or field), and
// tables (column widths in points; rows of cells with their text, field, span and fill; group rows
// with their levels and cells).
Json layout_to_json(const load::LayoutSpec& layout);

} // namespace formpdf::serve
