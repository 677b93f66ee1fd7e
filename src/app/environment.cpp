#include "app/environment.h"

#include "core/diagnostic.h"
#include "core/messages.h"

#include <formpdf/version.h>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace formpdf::app {

std::int64_t document_time(const char* source_date_epoch, std::int64_t now) {
    if (!source_date_epoch || !*source_date_epoch) {
        return now;
    }
    std::int64_t seconds = 0;
    const char* end = source_date_epoch + std::strlen(source_date_epoch);
    auto [ptr, ec] = std::from_chars(source_date_epoch, end, seconds);
    // 253402300799 is 9999-12-31T23:59:59Z, the last date a PDF date string can hold.
    if (ec != std::errc() || ptr != end || seconds < 0 || seconds > 253402300799) {
        throw DiagnosticError(make_error(
            {},
            tr("SOURCE_DATE_EPOCH is not a whole number of seconds: '{0}'", {source_date_epoch}),
            tr("set it to the output of `date +%s`, or unset it to use the current "
               "time")));
    }
    return seconds;
}

namespace {

std::vector<std::filesystem::path>
existing_unique_dirs(const std::vector<std::filesystem::path>& candidates) {
    std::vector<std::filesystem::path> dirs;
    for (const auto& candidate : candidates) {
        std::error_code ec;
        if (!std::filesystem::is_directory(candidate, ec)) {
            continue;
        }
        const auto canonical = std::filesystem::weakly_canonical(candidate, ec);
        if (std::find(dirs.begin(), dirs.end(), canonical) == dirs.end()) {
            dirs.push_back(canonical);
        }
    }
    return dirs;
}

} // namespace

std::filesystem::path installed_data_dir(const std::filesystem::path& executable_dir) {
    // PREFIX/bin/formpdf reads PREFIX/share/formpdf: the same for /usr, /usr/local, /opt/formpdf
    // or a DESTDIR staging tree, so an installed or copied installation needs no configured path.
    return executable_dir.parent_path() / "share" / "formpdf";
}

std::vector<std::filesystem::path>
font_search_dirs(const std::vector<std::filesystem::path>& cli_dirs, const char* font_path_env,
                 const std::filesystem::path& layout_dir,
                 const std::filesystem::path& executable_dir) {
    std::vector<std::filesystem::path> candidates = cli_dirs;
    if (font_path_env) {
        std::string_view rest = font_path_env;
        while (!rest.empty()) {
            const std::size_t colon = rest.find(':');
            const std::string_view part = rest.substr(0, colon);
            if (!part.empty()) {
                candidates.emplace_back(std::string(part));
            }
            rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
        }
    }
    if (!layout_dir.empty()) {
        candidates.push_back(layout_dir);
        candidates.push_back(layout_dir / "fonts");
    }
    candidates.emplace_back("fonts");
    if (!executable_dir.empty()) {
        candidates.push_back(executable_dir.parent_path() / "fonts");
        candidates.push_back(installed_data_dir(executable_dir) / "fonts");
    }
    candidates.push_back(std::filesystem::path(kDataDir) / "fonts");
    return existing_unique_dirs(candidates);
}

std::vector<std::filesystem::path>
layout_search_dirs(const std::vector<std::filesystem::path>& cli_dirs,
                   const std::filesystem::path& executable_dir) {
    std::vector<std::filesystem::path> candidates = cli_dirs;
    candidates.emplace_back("layouts");
    if (!executable_dir.empty()) {
        candidates.push_back(executable_dir.parent_path() / "layouts");
        candidates.push_back(installed_data_dir(executable_dir) / "layouts");
    }
    candidates.push_back(std::filesystem::path(kDataDir) / "layouts");
    return existing_unique_dirs(candidates);
}

std::filesystem::path locale_dir(const std::filesystem::path& executable_dir) {
    std::error_code ec;
    const std::filesystem::path beside = executable_dir / "locale";
    if (!executable_dir.empty() && std::filesystem::is_directory(beside, ec)) {
        return beside;
    }
    return executable_dir.parent_path() / "share" / "locale";
}

std::filesystem::path executable_dir() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path{} : exe.parent_path();
}

} // namespace formpdf::app
