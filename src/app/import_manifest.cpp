#include "app/import_manifest.h"

#include "core/file_io.h"
#include "core/messages.h"
#include "pdf/sha256.h"

#include <nlohmann/json.hpp>

namespace formpdf::app {

namespace {

// A record lists one folder's declarations: a few hundred entries at most.
constexpr std::size_t kMaxManifestBytes = 4 * 1024 * 1024;

constexpr std::string_view kFormatKey = "formpdf-import";
constexpr std::string_view kExportKey = "export";
constexpr std::string_view kFilesKey = "files";

// JSON text of a string; bytes that are not UTF-8 (an export's file name may have them) become
// U+FFFD rather than an exception.
std::string json_string(const std::string& text) {
    return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool is_plain_file_name(std::string_view name) {
    return !name.empty() && name.find('/') == std::string_view::npos &&
           name.find('\\') == std::string_view::npos && name != "." && name != "..";
}

} // namespace

std::string content_hash(std::string_view bytes) {
    pdf::Sha256 sha;
    sha.update(bytes);
    return "sha256:" + pdf::to_hex(sha.digest());
}

ImportManifest read_import_manifest(const std::filesystem::path& dir, Diagnostics& diagnostics) {
    const std::filesystem::path path = dir / kImportManifestName;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return {};
    }
    const std::string text = read_file(path, kMaxManifestBytes);
    const auto unreadable = [&](const std::string& why) {
        diagnostics.warning(SourceLoc{path.string(), 0, 0},
                            tr("the import record cannot be read ({0}); every declaration "
                               "already in the folder is kept",
                               {why}),
                            tr("formpdf writes this file; if it was edited by hand, delete it and "
                               "import again with --overwrite to replace the declarations"));
        return ImportManifest{};
    };
    const nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        return unreadable(tr("not a JSON object"));
    }
    const auto format = json.find(kFormatKey);
    if (format == json.end() || !format->is_number_integer() ||
        format->get<int>() != kImportManifestFormat) {
        return unreadable(
            tr("no \"formpdf-import\": {0}", {std::to_string(kImportManifestFormat)}));
    }
    ImportManifest manifest;
    if (const auto name = json.find(kExportKey); name != json.end() && name->is_string()) {
        manifest.export_name = name->get<std::string>();
    }
    const auto files = json.find(kFilesKey);
    if (files == json.end() || !files->is_object()) {
        return unreadable(tr("no \"files\" object"));
    }
    for (const auto& [name, hash] : files->items()) {
        if (!hash.is_string() || !is_plain_file_name(name)) {
            return unreadable(tr("a bad entry in \"files\""));
        }
        manifest.files.emplace(name, hash.get<std::string>());
    }
    return manifest;
}

std::string import_manifest_json(const ImportManifest& manifest) {
    // Written by hand rather than dumped, for one entry per line in name order.
    std::string out = "{\n";
    out +=
        "  \"" + std::string(kFormatKey) + "\": " + std::to_string(kImportManifestFormat) + ",\n";
    out += "  \"" + std::string(kExportKey) + "\": " + json_string(manifest.export_name) + ",\n";
    out += "  \"" + std::string(kFilesKey) + "\": {";
    bool first = true;
    for (const auto& [name, hash] : manifest.files) {
        out += first ? "\n" : ",\n";
        out += "    " + json_string(name) + ": " + json_string(hash);
        first = false;
    }
    out += first ? "}\n" : "\n  }\n";
    out += "}\n";
    return out;
}

} // namespace formpdf::app
