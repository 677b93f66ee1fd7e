#pragma once

// The commands whose libraries stay out of the formpdf program: serve (cpp-httplib, OpenSSL's
// TLS), import and workbook (libzip, expat, FreeXL, libxlsxwriter). Their options and help are
// defined once (<name>_command.cpp) and parsed by both programs; what runs once they are parsed
// differs: the formpdf program hands the command line to the helper program (helper_program.h),
// which runs them (<name>_action.cpp). See docs/architecture.md, "Programs".

#include "app/import_job.h"
#include "app/workbook_job.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace formpdf::cli {

// `formpdf serve`'s options as given.
struct ServeArguments {
    std::optional<std::filesystem::path> dir;
    std::optional<std::string> listen; // unset: the server's default (127.0.0.1:8080)
    std::optional<std::string> add_user;
    std::optional<std::filesystem::path> users;
    std::optional<std::filesystem::path> tls_cert;
    std::optional<std::filesystem::path> tls_key;
    bool insecure_http = false;
    std::vector<std::filesystem::path> layout_dirs;
    std::vector<std::filesystem::path> font_dirs;
};

// `formpdf import`'s options as given (the layout folders not yet searched).
struct ImportArguments {
    app::ImportRequest request;
    std::vector<std::filesystem::path> layout_dirs;
    bool warning_exit_0 = false;
};

// `formpdf workbook`'s options as given (request.blank set when --blank was given).
struct WorkbookArguments {
    app::WorkbookRequest request;
    std::vector<std::filesystem::path> layout_dirs;
};

// What each of the three does once its arguments are parsed; returns the exit code.
struct HelperCommandActions {
    std::function<int(const ServeArguments&)> serve;
    std::function<int(const ImportArguments&)> import;
    std::function<int(const WorkbookArguments&)> workbook;
};

// The real work, linked into the helper program only.
int run_serve(const ServeArguments& arguments);
int run_import(const ImportArguments& arguments);
int run_workbook(const WorkbookArguments& arguments);

} // namespace formpdf::cli
