#pragma once

// What the routes of the web server share. Internal to the serve stage: it names cpp-httplib.

#include "app/form_printer.h"
#include "serve/declaration_json.h"
#include "serve/form_folder.h"
#include "serve/print_jobs.h"
#include "serve/sessions.h"
#include "serve/web_server.h"

#include <httplib.h>

#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace formpdf::serve {

struct ServerState {
    ServeOptions options;
    ListenAddress address;
    FormFolder folder;
    app::FormPrinter printer;
    SessionStore sessions;
    LoginLimiter limiter;
    std::map<std::string, std::string> users; // empty: no sign-in (loopback only)
    std::filesystem::path work_dir;           // private (0700): uploads and print jobs
    PrintJobs print_jobs;
    bool tls = false;
    int port = 0;

    // A declaration file's list entry, by path, kept while the file's version is unchanged.
    std::mutex list_mutex;
    std::map<std::string, std::pair<std::string, Json>> list_cache;

    // Uploaded exports waiting for their confirmation: token → the file in work_dir.
    std::mutex uploads_mutex;
    std::map<std::string, std::filesystem::path> uploads;

    ServerState(ServeOptions options_in, std::filesystem::path work_dir_in);
};

// Responses.
void send_json(httplib::Response& response, int status, const Json& body);
void send_error(httplib::Response& response, int status, const std::string& message,
                const std::string& hint = {});
// Runs a handler, turning the stages' exceptions into responses: PathRefused 403, StaleVersion
// 412, BadRequest 400, DiagnosticError 422 (its diagnostics), IoError 500, anything else 500.
void guarded(httplib::Response& response, const std::function<void()>& handler);

// Routes.
void add_form_routes(httplib::Server& server, ServerState& state);
void add_import_routes(httplib::Server& server, ServerState& state);
void add_print_routes(httplib::Server& server, ServerState& state);

} // namespace formpdf::serve
