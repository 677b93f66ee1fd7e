// The forms of the folder: list, load, save (with ETag/If-Match), new, check, preview, PDF.

#include "check/check.h"
#include "core/diagnostic.h"
#include "core/file_io.h"
#include "load/declaration_writer.h"
#include "load/layout_loader.h"
#include "serve/server_state.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <optional>
#include <set>

namespace formpdf::serve {

namespace {

int index_param(const httplib::Request& request) {
    if (!request.has_param("index")) {
        return 0;
    }
    const std::string text = request.get_param_value("index");
    if (text.empty() || text.size() > 6 ||
        text.find_first_not_of("0123456789") != std::string::npos) {
        throw BadRequest("index is not a number");
    }
    return std::stoi(text);
}

std::string path_param(const httplib::Request& request) {
    if (!request.has_param("path")) {
        throw BadRequest("no path given");
    }
    return request.get_param_value("path");
}

const load::FormDefinition& form_of(ServerState& state, const load::Declaration& declaration) {
    const load::LayoutSpec& layout = state.printer.layout(declaration.form);
    if (!layout.form) {
        throw DiagnosticError(
            make_error(declaration.form.loc,
                       "the layout of '" + declaration.form.text + "' has no form definition",
                       "a form is edited with a layout that has `form:`"));
    }
    return *layout.form;
}

// The declaration the page sent, from the body {"declaration": {...}}.
load::Declaration declaration_of_body(ServerState& state, const httplib::Request& request,
                                      PagePaths& paths) {
    if (request.body.size() > state.options.max_json_bytes) {
        throw BadRequest("the request is larger than " +
                         std::to_string(state.options.max_json_bytes) + " bytes");
    }
    const Json body = parse_json_body(request.body);
    const auto declaration = body.find("declaration");
    if (declaration == body.end()) {
        throw BadRequest("the body has no declaration");
    }
    return declaration_from_json(*declaration, paths);
}

Json findings_of(ServerState& state, const load::Declaration& declaration, const PagePaths& paths) {
    Diagnostics findings;
    try {
        check::check_declaration(declaration, form_of(state, declaration), findings);
    } catch (const DiagnosticError& error) {
        findings.add(error.diagnostic());
    }
    return findings_to_json(findings, paths);
}

// The declaration as the page will edit it, located on the page (for its findings).
load::Declaration on_page(const load::Declaration& declaration, PagePaths& paths) {
    return declaration_from_json(declaration_to_json(declaration), paths);
}

std::vector<load::Declaration> load_file(ServerState& state, const std::string& path,
                                         FormFolder::Version& version) {
    version = state.folder.read(path);
    return load::load_declarations_text(version.bytes, path);
}

// The declaration a GET names (`path`, `index`), with the file's version.
struct RequestedDeclaration {
    std::string path;
    int index = 0;
    FormFolder::Version version;
    load::Declaration declaration;
};

// The declaration a GET names, or nullopt after answering 404.
std::optional<RequestedDeclaration> requested_declaration(ServerState& state,
                                                          const httplib::Request& request,
                                                          httplib::Response& response) {
    const std::string path = path_param(request);
    const int index = index_param(request);
    std::error_code ec;
    if (!std::filesystem::exists(state.folder.resolve(path), ec)) {
        send_error(response, 404, "没有这个文件 (no such file): " + path);
        return std::nullopt;
    }
    FormFolder::Version version;
    std::vector<load::Declaration> declarations = load_file(state, path, version);
    if (index >= static_cast<int>(declarations.size())) {
        send_error(response, 404, "文件中没有这份表 (no such declaration in the file)");
        return std::nullopt;
    }
    return RequestedDeclaration{path, index, std::move(version),
                                std::move(declarations[static_cast<std::size_t>(index)])};
}

// The comment lines that open a file (the import's "imported by formpdf from ..."): a save keeps
// them.
std::string leading_comments(const std::string& bytes) {
    std::string kept;
    std::size_t start = 0;
    while (start < bytes.size() && bytes[start] == '#') {
        const std::size_t end = bytes.find('\n', start);
        const std::size_t stop = end == std::string::npos ? bytes.size() : end + 1;
        kept += bytes.substr(start, stop - start);
        start = stop;
    }
    if (!kept.empty() && kept.back() != '\n') {
        kept += '\n';
    }
    return kept;
}

// The file's bytes with `declarations`, written as `import` writes them, then read back through
// the guarded YAML loader: what is saved is exactly what the CLI would read.
std::string declaration_file_bytes(ServerState& state, const std::string& comments,
                                   const std::vector<load::Declaration>& declarations,
                                   const std::string& path) {
    const load::FormDefinition* form = &form_of(state, declarations.front());
    for (const load::Declaration& declaration : declarations) {
        if (declaration.form.text != declarations.front().form.text) {
            form = nullptr; // a file of several forms: no labels
        }
    }
    const std::string bytes = comments + load::write_declarations(declarations, form);
    if (bytes.size() > kMaxDeclarationBytes) {
        throw BadRequest("the declaration is larger than the loader's cap");
    }
    if (load::load_declarations_text(bytes, path).size() != declarations.size()) {
        throw BadRequest("the declaration does not read back as written");
    }
    return bytes;
}

Json list_entry(ServerState& state, const std::string& path) {
    Json entries = Json::array();
    FormFolder::Version version;
    std::vector<load::Declaration> declarations;
    try {
        declarations = load_file(state, path, version);
    } catch (const DiagnosticError& error) {
        Json entry = Json::object();
        entry["path"] = path;
        entry["index"] = 0;
        entry["load_error"] = format_diagnostic(error.diagnostic());
        entry["errors"] = 1;
        entry["warnings"] = 0;
        entry["notes"] = 0;
        entries.push_back(std::move(entry));
        return entries;
    }
    for (std::size_t i = 0; i < declarations.size(); ++i) {
        const load::Declaration& declaration = declarations[i];
        Json entry = Json::object();
        entry["path"] = path;
        entry["index"] = i;
        entry["form"] = declaration.form.text;
        const auto field = [&](const char* id) {
            const load::TextValue* value = declaration.field(id);
            return value ? value->text : std::string();
        };
        entry["code"] = field("project_code");
        entry["name"] = field("project_name");
        entry["unit"] = field("applicant_unit");
        entry["amount"] = field("annual_amount");
        Diagnostics findings;
        try {
            check::check_declaration(declaration, form_of(state, declaration), findings);
        } catch (const DiagnosticError& error) {
            findings.add(error.diagnostic());
        }
        entry["errors"] = findings.count(Severity::Error);
        entry["warnings"] = findings.count(Severity::Warning);
        entry["notes"] = findings.count(Severity::Note);
        const app::PrintedForm printed =
            state.printer.print(declaration, false, state.options.creation_time);
        entry["pages"] = printed.pages;
        entries.push_back(std::move(entry));
    }
    return entries;
}

void send_pdf(httplib::Response& response, std::string pdf, const std::string& download_name) {
    response.status = 200;
    if (!download_name.empty()) {
        std::string encoded;
        for (const unsigned char c : download_name) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '-' || c == '_') {
                encoded += static_cast<char>(c);
            } else {
                static constexpr char kHex[] = "0123456789ABCDEF";
                encoded += '%';
                encoded += kHex[c >> 4];
                encoded += kHex[c & 15];
            }
        }
        response.set_header("Content-Disposition",
                            "attachment; filename=\"form.pdf\"; filename*=UTF-8''" + encoded);
    }
    response.set_content(std::move(pdf), "application/pdf");
}

// A blank declaration of the form: every field empty, and the tree's vocabulary with one empty
// row under each mandatory name (the layout's blank, ready to fill in).
load::Declaration blank_declaration(const load::FormDefinition& form) {
    load::Declaration declaration;
    declaration.form.text = form.id;
    for (const load::FieldDefinition& field : form.fields) {
        declaration.fields.emplace_back(field.id, load::TextValue{});
    }
    for (const load::TreeDefinition& tree : form.trees) {
        load::Record empty_row;
        for (const load::RowFieldDefinition& field : tree.row_fields) {
            empty_row.fields.emplace_back(field.id, load::TextValue{});
        }
        std::vector<load::Group> groups;
        const std::function<void(const std::vector<load::VocabularyEntry>&, std::size_t,
                                 std::vector<load::Group>&)>
            add = [&](const std::vector<load::VocabularyEntry>& entries, std::size_t level,
                      std::vector<load::Group>& into) {
                for (const load::VocabularyEntry& entry : entries) {
                    if (level + 1 == tree.levels.size() && !entry.mandatory) {
                        continue; // optional names are added by the person when they apply
                    }
                    load::Group group;
                    group.level = tree.levels[level].id;
                    group.label.text =
                        entry.mandatory ? tree.mandatory_marker + entry.name : entry.name;
                    if (level + 1 < tree.levels.size()) {
                        add(entry.children, level + 1, group.groups);
                    } else {
                        group.records.push_back(empty_row);
                    }
                    if (!group.groups.empty() || !group.records.empty()) {
                        into.push_back(std::move(group));
                    }
                }
            };
        if (!tree.levels.empty()) {
            add(tree.vocabulary, 0, groups);
        }
        declaration.trees.emplace_back(tree.id, std::move(groups));
    }
    return declaration;
}

bool plain_file_name(const std::string& name) {
    if (name.empty() || name.size() > 120 || name.front() == '.') {
        return false;
    }
    for (const unsigned char c : name) {
        if (c < 0x20 || c == '/' || c == '\\' || c == ':' || c == 0x7f) {
            return false;
        }
    }
    return true;
}

} // namespace

void add_form_routes(httplib::Server& server, ServerState& state) {
    server.Get("/api/forms", [&state](const httplib::Request&, httplib::Response& response) {
        guarded(response, [&] {
            Json forms = Json::array();
            for (const std::string& path : state.folder.list()) {
                std::string etag;
                try {
                    etag = state.folder.read(path).etag;
                } catch (const std::exception&) {
                    continue; // gone, or unreadable since the listing
                }
                Json entries;
                {
                    const std::lock_guard lock(state.list_mutex);
                    const auto cached = state.list_cache.find(path);
                    if (cached != state.list_cache.end() && cached->second.first == etag) {
                        entries = cached->second.second;
                    }
                }
                if (entries.is_null()) {
                    entries = list_entry(state, path);
                    const std::lock_guard lock(state.list_mutex);
                    state.list_cache[path] = {etag, entries};
                }
                for (Json& entry : entries) {
                    forms.push_back(std::move(entry));
                }
            }
            send_json(response, 200, Json{{"forms", forms}});
        });
    });

    server.Get("/api/form", [&state](const httplib::Request& request, httplib::Response& response) {
        guarded(response, [&] {
            const std::optional<RequestedDeclaration> requested =
                requested_declaration(state, request, response);
            if (!requested) {
                return;
            }
            const load::Declaration& declaration = requested->declaration;
            const FormFolder::Version& version = requested->version;
            const std::string& path = requested->path;
            const int index = requested->index;
            const load::LayoutSpec& layout = state.printer.layout(declaration.form);
            PagePaths paths;
            const load::Declaration located = on_page(declaration, paths);
            response.set_header("ETag", version.etag);
            send_json(response, 200,
                      Json{{"path", path},
                           {"index", index},
                           {"etag", version.etag},
                           {"declaration", declaration_to_json(declaration)},
                           {"definition", form_definition_to_json(form_of(state, declaration))},
                           {"layout", layout_to_json(layout)},
                           {"findings", findings_of(state, located, paths)}});
        });
    });

    server.Put("/api/form", [&state](const httplib::Request& request, httplib::Response& response) {
        guarded(response, [&] {
            const std::string path = path_param(request);
            const int index = index_param(request);
            const std::string if_match = request.get_header_value("If-Match");
            if (if_match.empty()) {
                send_error(response, 428, "保存需要 If-Match (the version the page loaded)");
                return;
            }
            PagePaths paths;
            load::Declaration edited = declaration_of_body(state, request, paths);
            const Json findings = findings_of(state, edited, paths);
            FormFolder::Version version;
            std::vector<load::Declaration> declarations = load_file(state, path, version);
            if (version.etag != if_match) {
                throw StaleVersion("the file was saved by someone else since it was loaded");
            }
            if (index >= static_cast<int>(declarations.size())) {
                send_error(response, 404, "文件中没有这份表 (no such declaration in the file)");
                return;
            }
            declarations[static_cast<std::size_t>(index)] = std::move(edited);
            const std::string bytes =
                declaration_file_bytes(state, leading_comments(version.bytes), declarations, path);
            const std::string etag = state.folder.write(path, bytes, if_match);
            response.set_header("ETag", etag);
            send_json(response, 200, Json{{"etag", etag}, {"findings", findings}});
        });
    });

    server.Get("/api/layouts", [&state](const httplib::Request&, httplib::Response& response) {
        guarded(response, [&] {
            Json forms = Json::array();
            std::set<std::string> seen;
            for (const std::filesystem::path& dir : state.options.layout_dirs) {
                std::error_code ec;
                std::vector<std::filesystem::path> files;
                for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
                    if (entry.path().extension() == ".yaml") {
                        files.push_back(entry.path());
                    }
                }
                std::sort(files.begin(), files.end());
                for (const std::filesystem::path& file : files) {
                    const std::string id = file.stem().string();
                    if (!seen.insert(id).second) {
                        continue;
                    }
                    try {
                        const load::LayoutSpec& layout =
                            state.printer.layout(load::TextValue{id, {}});
                        if (layout.form) {
                            forms.push_back(Json{{"id", id}, {"title", layout.form->title}});
                        }
                    } catch (const std::exception&) {
                        // a layout that does not load is not offered
                    }
                }
            }
            send_json(response, 200, Json{{"layouts", forms}});
        });
    });

    server.Post("/api/forms", [&state](const httplib::Request& request,
                                       httplib::Response& response) {
        guarded(response, [&] {
            if (request.body.size() > 4096) {
                throw BadRequest("the request is too large");
            }
            const Json body = parse_json_body(request.body, 4);
            std::string name = body.value("name", "");
            const std::string form_id = body.value("form", "");
            if (!plain_file_name(name)) {
                throw BadRequest("文件名不合适 (a plain file name, e.g. the 项目编码)");
            }
            if (name.size() < 5 || (name.substr(name.size() - 5) != ".yaml" &&
                                    (name.size() < 4 || name.substr(name.size() - 4) != ".yml"))) {
                name += ".yaml";
            }
            const load::LayoutSpec& layout = state.printer.layout(load::TextValue{form_id, {}});
            if (!layout.form) {
                throw BadRequest("the layout " + form_id + " has no form definition");
            }
            const load::Declaration blank = blank_declaration(*layout.form);
            const std::string bytes = declaration_file_bytes(state, "", {blank}, name);
            const std::string etag = state.folder.write(name, bytes, "");
            send_json(response, 201, Json{{"path", name}, {"index", 0}, {"etag", etag}});
        });
    });

    server.Post("/api/check", [&state](const httplib::Request& request,
                                       httplib::Response& response) {
        guarded(response, [&] {
            PagePaths paths;
            const load::Declaration declaration = declaration_of_body(state, request, paths);
            send_json(response, 200, Json{{"findings", findings_of(state, declaration, paths)}});
        });
    });

    server.Post("/api/preview", [&state](const httplib::Request& request,
                                         httplib::Response& response) {
        guarded(response, [&] {
            const auto start = std::chrono::steady_clock::now();
            PagePaths paths;
            const load::Declaration declaration = declaration_of_body(state, request, paths);
            app::PrintedForm printed =
                state.printer.print(declaration, false, state.options.creation_time);
            if (printed.pdf.empty()) {
                send_json(response, 422,
                          Json{{"error", "此表现在无法打印 (the form cannot be printed as it is)"},
                               {"findings", findings_to_json(printed.job.diagnostics, paths)}});
                return;
            }
            const double ms =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                    .count();
            response.set_header("Server-Timing", "render;dur=" + std::to_string(ms));
            response.set_header("X-Pages", std::to_string(printed.pages));
            send_pdf(response, std::move(printed.pdf), "");
        });
    });

    server.Get("/api/pdf", [&state](const httplib::Request& request, httplib::Response& response) {
        guarded(response, [&] {
            const bool pdfa = request.get_param_value("pdfa") == "1";
            const std::optional<RequestedDeclaration> requested =
                requested_declaration(state, request, response);
            if (!requested) {
                return;
            }
            app::PrintedForm printed =
                state.printer.print(requested->declaration, pdfa, state.options.creation_time);
            if (printed.pdf.empty()) {
                Json diagnostics = Json::array();
                for (const Diagnostic& diagnostic : printed.job.diagnostics.items()) {
                    diagnostics.push_back(format_diagnostic(diagnostic));
                }
                send_json(response, 422,
                          Json{{"error", "此表无法打印 (the form cannot be printed)"},
                               {"diagnostics", diagnostics}});
                return;
            }
            std::filesystem::path name = std::filesystem::path(requested->path).filename();
            name.replace_extension(pdfa ? ".pdfa.pdf" : ".pdf");
            send_pdf(response, std::move(printed.pdf), name.string());
        });
    });
}

} // namespace formpdf::serve
