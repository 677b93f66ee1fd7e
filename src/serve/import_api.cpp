// Upload of an export: what `import` would write and keep, shown before it is confirmed.

#include "app/import_job.h"
#include "core/diagnostic.h"
#include "core/file_io.h"
#include "serve/server_state.h"

#include <algorithm>

namespace formpdf::serve {

namespace {

// The uploaded file's name as the import records it ("imported by formpdf from NAME"): the
// browser's name when it is plain, else "export" with the extension.
std::string upload_name(const std::string& given) {
    const bool plain = !given.empty() && given.size() <= 120 && given.front() != '.' &&
                       given.find_first_of("/\\:") == std::string::npos &&
                       std::none_of(given.begin(), given.end(),
                                    [](unsigned char c) { return c < 0x20 || c == 0x7f; });
    if (plain) {
        return given;
    }
    const std::size_t dot = given.rfind('.');
    const std::string extension = dot == std::string::npos ? "" : given.substr(dot);
    for (const char* known : {".xlsx", ".xls", ".txt", ".csv", ".tsv"}) {
        if (extension == known) {
            return "export" + extension;
        }
    }
    return "export.txt";
}

std::string percent_decoded(const std::string& text) {
    const auto hex = [](char c) {
        return c >= '0' && c <= '9'   ? c - '0'
               : c >= 'a' && c <= 'f' ? c - 'a' + 10
               : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                      : -1;
    };
    std::string decoded;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 &&
            hex(text[i + 2]) >= 0) {
            decoded += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
            i += 2;
        } else {
            decoded += text[i];
        }
    }
    return decoded;
}

Json import_response(const app::ImportResult& result, const std::string& token) {
    Json files = Json::array();
    for (const auto& [name, action] : result.summary.files) {
        files.push_back(Json{{"name", name}, {"action", action}});
    }
    Json diagnostics = Json::array();
    for (const Diagnostic& diagnostic : result.job.diagnostics.items()) {
        diagnostics.push_back(Json{{"severity", severity_name(diagnostic.severity)},
                                   {"text", format_diagnostic(diagnostic)}});
    }
    return Json{{"token", token},
                {"ran", result.summary.ran},
                {"exit_code", static_cast<int>(result.job.exit_code)},
                {"written", result.summary.written},
                {"unchanged", result.summary.unchanged},
                {"kept", result.summary.kept},
                {"gone", result.summary.gone},
                {"summary", app::import_summary(result.summary)},
                {"files", files},
                {"diagnostics", diagnostics}};
}

app::ImportResult run_import(ServerState& state, const std::filesystem::path& file, bool dry_run) {
    app::ImportRequest request;
    request.input = file;
    request.output_dir = state.folder.root();
    request.layout_dirs = state.options.layout_dirs;
    request.dry_run = dry_run;
    return app::import_export(request);
}

} // namespace

void add_import_routes(httplib::Server& server, ServerState& state) {
    server.Post("/api/import/preview", [&state](const httplib::Request& request,
                                                httplib::Response& response) {
        guarded(response, [&] {
            if (request.body.empty()) {
                throw BadRequest("no file was sent");
            }
            if (request.body.size() > state.options.max_upload_bytes) {
                send_error(response, 413, "文件太大 (the export is larger than the cap)");
                return;
            }
            const std::string token = random_token();
            const std::filesystem::path dir = state.work_dir / ("upload-" + token);
            std::filesystem::create_directory(dir);
            const std::filesystem::path file =
                dir / upload_name(percent_decoded(request.get_header_value("X-File-Name")));
            write_file_atomically(file, request.body);
            const app::ImportResult result = run_import(state, file, true);
            if (result.summary.ran) {
                const std::lock_guard lock(state.uploads_mutex);
                state.uploads[token] = file;
            } else {
                std::error_code ec;
                std::filesystem::remove_all(dir, ec);
            }
            send_json(response, 200, import_response(result, result.summary.ran ? token : ""));
        });
    });

    server.Post("/api/import/confirm", [&state](const httplib::Request& request,
                                                httplib::Response& response) {
        guarded(response, [&] {
            if (request.body.size() > 4096) {
                throw BadRequest("the request is too large");
            }
            const std::string token = parse_json_body(request.body, 4).value("token", "");
            std::filesystem::path file;
            {
                const std::lock_guard lock(state.uploads_mutex);
                const auto found = state.uploads.find(token);
                if (token.empty() || found == state.uploads.end()) {
                    send_error(response, 404,
                               "没有这个上传 (no such upload; upload the file again)");
                    return;
                }
                file = found->second;
                state.uploads.erase(found);
            }
            const app::ImportResult result = run_import(state, file, false);
            std::error_code ec;
            std::filesystem::remove_all(file.parent_path(), ec);
            send_json(response, 200, import_response(result, ""));
        });
    });
}

} // namespace formpdf::serve
