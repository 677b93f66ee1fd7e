#pragma once

#include <cstddef>

namespace formpdf::workbook {

// What a workbook may cost before it is refused (docs/security.md, "Hostile workbooks"). An export
// of 4,100 forms is an 8 MB workbook whose sheet inflates to ~60 MB and holds ~0.5 M cells; the
// caps leave room for several times that and stop a crafted file long before memory runs out.
struct WorkbookLimits {
    std::size_t max_members = 10'000;                         // entries of the zip archive
    std::size_t max_member_bytes = 256u * 1024 * 1024;        // one inflated member
    std::size_t max_total_bytes = 1024u * 1024 * 1024;        // all members read, inflated
    std::size_t max_ratio = 1'000;                            // inflated / compressed, per member
    std::size_t ratio_exempt_bytes = 1024 * 1024;             // small members may compress better
    std::size_t max_shared_strings = 2'000'000;               // entries of the shared-string table
    std::size_t max_shared_string_bytes = 128u * 1024 * 1024; // their text, together
    std::size_t max_cell_bytes = 1024 * 1024;                 // one cell's text
    std::size_t max_cells = 8'000'000;                        // cells of the grid (rows padded)
    std::size_t max_merges = 1'000'000;                       // merged ranges of a sheet
    std::size_t max_merge_checks = 50'000'000;                // cell x merge comparisons
    std::size_t max_sheets = 1'000;
    int max_xml_depth = 64;  // nesting of XML elements
    int max_row = 1'048'576; // Excel's own limits
    int max_col = 16'384;
};

} // namespace formpdf::workbook
