#pragma once

#include <filesystem>
#include <vector>

namespace formpdf::app {

// A declaration file by its name: *.yaml or *.yml.
bool is_declaration_file(const std::filesystem::path& path);

// The declaration files a batch reads, in order: files as given (a missing one is reported when
// it is read), folders walked in path order (*.yaml, *.yml; folders it may not read skipped); each
// file once. Throws IoError when a folder cannot be walked.
std::vector<std::filesystem::path>
collect_declaration_files(const std::vector<std::filesystem::path>& inputs);

} // namespace formpdf::app
