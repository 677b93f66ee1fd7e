#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace formpdf::app {

// The document date: SOURCE_DATE_EPOCH (seconds since 1970, UTC) when set, for reproducible
// builds; else the current time. Throws DiagnosticError when the variable is not a whole number.
std::int64_t document_time(const char* source_date_epoch, std::int64_t now);

// Where fonts are searched before the system directories, in order: the directories given with
// --font-dir, then FORMPDF_FONT_PATH (colon-separated), then the layout's own folder and its
// fonts/ subfolder, then the project's fonts/ folder (./fonts, and fonts/ beside the directory
// that holds the formpdf binary, i.e. the checkout for build/formpdf), then the installed data
// folder's fonts/ (PREFIX/share/formpdf/fonts for PREFIX/bin/formpdf), then the configured data
// folder's fonts/ (FORMPDF_DATA_DIR). Missing folders are skipped.
std::vector<std::filesystem::path>
font_search_dirs(const std::vector<std::filesystem::path>& cli_dirs, const char* font_path_env,
                 const std::filesystem::path& layout_dir,
                 const std::filesystem::path& executable_dir);

// Where a declaration's layout (`form: shenzhen-l2-project` → shenzhen-l2-project.yaml) is
// searched, in order: the directories given with --layouts, then ./layouts, then layouts/ beside
// the directory that holds the formpdf binary (the checkout's layouts/ for build/formpdf), then
// the installed data folder's layouts/ (PREFIX/share/formpdf/layouts for PREFIX/bin/formpdf),
// then the configured data folder's layouts/ (FORMPDF_DATA_DIR, the checkout by default).
// Missing folders are skipped.
std::vector<std::filesystem::path>
layout_search_dirs(const std::vector<std::filesystem::path>& cli_dirs,
                   const std::filesystem::path& executable_dir);

// The data folder of an installation whose program is in `executable_dir`: PREFIX/share/formpdf
// for PREFIX/bin.
std::filesystem::path installed_data_dir(const std::filesystem::path& executable_dir);

// Where the message catalogs are (LOCALEDIR/zh_CN/LC_MESSAGES/formpdf.mo): `locale/` beside the
// program in a build tree (build/locale for build/formpdf), else PREFIX/share/locale for
// PREFIX/bin/formpdf.
std::filesystem::path locale_dir(const std::filesystem::path& executable_dir);

// The directory holding the running executable (from /proc/self/exe), or empty when unknown.
std::filesystem::path executable_dir();

} // namespace formpdf::app
