#pragma once

#include "core/diagnostic.h"

#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace formpdf::app {

// What batches wrote in an output folder, so that a batch never leaves an earlier batch's file
// where it could pass for its own (docs/batch.md, "Stale outputs"). The manifest is
// OUTDIR/.formpdf-batch, UTF-8 text:
//
//     # formpdf batch manifest 1
//     440304221061500500012-疫情防控.pdf
//     all.pdf
//
// one file name per line (names inside OUTDIR; no path, never hidden), in byte order. It lists the
// files the last batch wrote, and the earlier ones it could not remove.
inline constexpr const char* kBatchManifestName = ".formpdf-batch";

// The names the manifest in `dir` lists; none when there is no manifest (or something else than
// a regular file has its name: a symlink is never followed). A file that is not a
// manifest (no first line as above) or a line that is not a plain file name is ignored with a
// warning in `diagnostics`: only names that a batch could have written are ever acted on.
std::set<std::string> read_batch_manifest(const std::filesystem::path& dir,
                                          Diagnostics& diagnostics);

// Writes the manifest listing `names` (atomically). Throws IoError.
void write_batch_manifest(const std::filesystem::path& dir, const std::set<std::string>& names);

struct StaleRemoval {
    std::vector<std::string> removed; // names removed
    std::set<std::string> kept;       // names that could not be removed (an error each)
};

// Removes from `dir` every file of `previous` that is not in `written`: an earlier batch's output
// that this batch did not write again (its form failed or is gone, the combined file could not be
// written). Removes the directory entry only (a symlink is removed, never followed); a directory
// is left alone. A failure is an error in `diagnostics`, and the name is kept for the next batch.
StaleRemoval remove_stale_outputs(const std::filesystem::path& dir,
                                  const std::set<std::string>& previous,
                                  const std::set<std::string>& written, Diagnostics& diagnostics);

} // namespace formpdf::app
