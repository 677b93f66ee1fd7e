// Print: the combined file of chosen forms (contents and bookmarks), made by `batch` while the
// page polls its progress.

#include "app/environment.h"
#include "core/file_io.h"
#include "serve/server_state.h"

namespace formpdf::serve {

void add_print_routes(httplib::Server& server, ServerState& state) {
    server.Post(
        "/api/print", [&state](const httplib::Request& request, httplib::Response& response) {
            guarded(response, [&] {
                if (request.body.size() > state.options.max_json_bytes) {
                    throw BadRequest("the request is too large");
                }
                const Json body = parse_json_body(request.body, 4);
                app::BatchRequest batch;
                const auto paths = body.find("paths");
                if (paths == body.end() || paths->is_null()) {
                    batch.inputs.push_back(state.folder.root()); // every form
                    // Hidden files and symlinks are not declarations the page lists: name the
                    // files.
                    batch.inputs.clear();
                    for (const std::string& path : state.folder.list()) {
                        batch.inputs.push_back(state.folder.resolve(path));
                    }
                } else {
                    if (!paths->is_array() || paths->empty()) {
                        throw BadRequest("paths is not a list of files");
                    }
                    for (const Json& path : *paths) {
                        if (!path.is_string()) {
                            throw BadRequest("paths is not a list of files");
                        }
                        batch.inputs.push_back(state.folder.resolve(path.get<std::string>()));
                    }
                }
                if (batch.inputs.empty()) {
                    throw BadRequest("没有可打印的表 (no forms to print)");
                }
                batch.contents = body.value("contents", true);
                batch.duplex = body.value("duplex", false);
                batch.keep_going = true;
                batch.font_dirs = state.options.font_dirs;
                batch.layout_dirs = state.options.layout_dirs;
                batch.creation_time = state.options.creation_time;
                batch.jobs = 1; // one core for the print; the others keep answering the pages
                const std::string id = state.print_jobs.start(std::move(batch));
                send_json(response, 202, Json{{"job", id}});
            });
        });

    server.Get("/api/print/status",
               [&state](const httplib::Request& request, httplib::Response& response) {
                   guarded(response, [&] {
                       const std::shared_ptr<PrintJob> job =
                           state.print_jobs.find(request.get_param_value("job"));
                       if (!job) {
                           send_error(response, 404, "没有这个打印任务 (no such print job)");
                           return;
                       }
                       Json body = Json{{"done", job->done.load()},
                                        {"total", job->total.load()},
                                        {"finished", job->finished.load()}};
                       if (job->finished) {
                           const std::lock_guard lock(job->mutex);
                           body["exit_code"] = job->exit_code;
                           body["summary"] = job->summary;
                           body["diagnostics"] = job->diagnostics;
                           body["file"] = !job->file.empty();
                       }
                       send_json(response, 200, body);
                   });
               });

    server.Get("/api/print/file", [&state](const httplib::Request& request,
                                           httplib::Response& response) {
        guarded(response, [&] {
            const std::shared_ptr<PrintJob> job =
                state.print_jobs.find(request.get_param_value("job"));
            if (!job || !job->finished) {
                send_error(response, 404, "打印文件还没有做好 (the print file is not ready)");
                return;
            }
            std::filesystem::path file;
            {
                const std::lock_guard lock(job->mutex);
                file = job->file;
            }
            if (file.empty()) {
                send_error(response, 422, "打印文件没有生成 (the combined file was not written)");
                return;
            }
            response.set_header("Content-Disposition",
                                "attachment; filename=\"formpdf-print.pdf\"");
            response.set_content(read_file(file, std::size_t(1) << 31), "application/pdf");
        });
    });
}

} // namespace formpdf::serve
