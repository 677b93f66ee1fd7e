#pragma once

#include "load/declaration.h"

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace formpdf::app {

// File names for a batch's per-form PDFs (docs/batch.md, "File names"). The names come from the
// declarations' data, which nobody has vetted for file-system use: every rule here is about never
// writing outside the output folder and never writing two forms to one file.

// `pattern` with each {field_id} replaced by the declaration's value of that field ("" when it
// has none), e.g. "{project_code}-{project_name}". Text outside braces is kept.
std::string expand_name_pattern(std::string_view pattern, const load::Declaration& declaration);

// Makes `name` a safe single file name (without extension): '/', '\\', control characters
// (NUL included), format characters (Unicode Cf: bidi overrides such as U+202E, zero-width
// characters), bytes that are not UTF-8 and the characters Windows refuses (: * ? " < > |)
// become '_'; a leading dot and the second dot of every ".." become '_', so the name is never
// ".", ".." nor hidden; the name is composed (NFC); it is cut to max_bytes at a character
// boundary; trailing dots and spaces are dropped; a Windows device name (CON, PRN, AUX, NUL,
// COM0-9, LPT0-9, any case, any extension) gets '_' after its base ("CON_", "nul_.x"); an empty
// result is "form".
std::string safe_file_name(std::string_view name, std::size_t max_bytes = 200);

// Distinct names, in order: a name already given or in `reserved` gets "-2", "-3", ... Names are
// compared as case-insensitive, normalisation-insensitive file systems (macOS, Windows, USB
// sticks) compare them: ignoring case and Unicode normalisation (text::caseless_key). The same
// input always gives the same names.
std::vector<std::string> distinct_names(const std::vector<std::string>& names,
                                        const std::vector<std::string>& reserved);

// dir / (name + extension), after checking that the result is a direct child of dir (a bug
// otherwise: names pass safe_file_name first).
std::filesystem::path path_in(const std::filesystem::path& dir, const std::string& name,
                              std::string_view extension);

} // namespace formpdf::app
