#pragma once

#include "core/diagnostic.h"

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace formpdf::app {

// The record `formpdf import` keeps in its output folder of what it wrote there
// (docs/import.md, "The import record"): a content hash per declaration file. A later import
// compares a file's current hash with the recorded one to tell a declaration a person edited
// (kept) from one that is still what the import wrote (replaced).
inline constexpr std::string_view kImportManifestName = ".formpdf-import.json";
inline constexpr int kImportManifestFormat = 1;

struct ImportManifest {
    std::string export_name;                  // the export's file name, for a reader
    std::map<std::string, std::string> files; // file name in the folder → content_hash()
};

// "sha256:" and the lower-case hex SHA-256 of the bytes.
std::string content_hash(std::string_view bytes);

// The record in `dir`; an empty one when there is none. A record that cannot be read (not JSON,
// another format) gives a warning and an empty record: every existing file then counts as not
// written by the import, and is kept. Throws IoError when the file exists but cannot be read.
ImportManifest read_import_manifest(const std::filesystem::path& dir, Diagnostics& diagnostics);

// The record as written: JSON, files in name order, one per line, so that it diffs well.
std::string import_manifest_json(const ImportManifest& manifest);

} // namespace formpdf::app
