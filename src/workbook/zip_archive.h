#pragma once

#include "workbook/workbook_limits.h"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace formpdf::workbook {

// A zip archive in memory (an .xlsx), read member by member with the caps of WorkbookLimits:
// member names with `..`, a leading `/` or a drive letter are refused when the archive is opened;
// a member whose header declares more than the size or ratio cap is refused before it is inflated,
// and one that inflates past what its header declared (or past a cap) is refused while inflating.
// Refusals throw DiagnosticError naming `file` and the member.
class ZipArchive {
public:
    ZipArchive(std::string_view bytes, std::string file, const WorkbookLimits& limits);
    ~ZipArchive();
    ZipArchive(const ZipArchive&) = delete;
    ZipArchive& operator=(const ZipArchive&) = delete;

    bool has(std::string_view name) const;
    const std::vector<std::string>& names() const { return names_; }

    // Inflates the member and hands its bytes to `sink` in chunks (never the whole member at once).
    void read(std::string_view name, const std::function<void(std::string_view)>& sink);
    std::string read_all(std::string_view name);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::string file_;
    const WorkbookLimits& limits_;
    std::vector<std::string> names_;
    std::size_t total_read_ = 0;
};

// True for bytes that start like a zip archive.
bool looks_like_zip(std::string_view bytes);

} // namespace formpdf::workbook
