#include "app/batch_job.h"
#include "app/environment.h"
#include "app/progress.h"
#include "cli/command.h"
#include "core/messages.h"

#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <thread>

namespace formpdf::cli {

namespace {

// "-" among the inputs: read one path per line from stdin (empty lines skipped).
std::vector<std::filesystem::path> expand_stdin(const std::vector<std::string>& inputs) {
    std::vector<std::filesystem::path> paths;
    for (const std::string& input : inputs) {
        if (input != "-") {
            paths.emplace_back(input);
            continue;
        }
        for (std::string line; std::getline(std::cin, line);) {
            if (!line.empty() && line.back() == '\r') {
                line.pop_back();
            }
            if (!line.empty()) {
                paths.emplace_back(line);
            }
        }
    }
    return paths;
}

// Why `name` cannot be the combined file's name ("--combined ..."), or "" when it can: a plain,
// visible file name of at most 255 bytes, without control characters (the manifest lists one name
// per line).
std::string combined_name_problem(const std::string& name, bool given) {
    if (name.empty()) {
        return given ? tr("--combined takes a file name, not an empty one") : "";
    }
    const std::filesystem::path path(name);
    if (path.filename() != path || name == "." || name == "..") {
        return tr("--combined takes a file name, not a path: {0}", {name});
    }
    if (name.front() == '.') {
        return tr("--combined takes a visible file name, not a hidden one: {0}", {name});
    }
    if (name.size() > 255) {
        return tr("--combined is longer than a file name may be (255 bytes)");
    }
    for (const char c : name) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            return tr("--combined must not hold control characters");
        }
    }
    return "";
}

} // namespace

Command add_batch_command(CLI::App& app) {
    struct Options {
        app::BatchRequest request;
        std::vector<std::string> inputs;
        std::vector<std::filesystem::path> font_dirs;
        std::vector<std::filesystem::path> layout_dirs;
        bool no_system_fonts = false;
        bool quiet = false;
        app::SortCollation collation = app::SortCollation::Text;
        CLI::App* cmd = nullptr;
    };
    auto options = std::make_shared<Options>();
    app::BatchRequest& request = options->request;
    CLI::App* cmd = app.add_subcommand(
        "batch", N_("Render many declarations: one PDF per form, and one combined print file"));
    options->cmd = cmd;
    cmd->add_option(
           "input", options->inputs,
           N_("Declaration files, folders (searched for *.yaml), or - to read paths from stdin"))
        ->required();
    cmd->add_option("-o,--output", request.output_dir, N_("Folder for the PDFs"))->required();
    cmd->add_option("--name", request.name_pattern,
                    N_("File name of each form, from its fields, e.g. "
                       "{project_code}-{project_name} (made safe; .pdf is added; default: its "
                       "code and name, as its layout's batch: names them)"));
    cmd->add_option(
        "--combined", request.combined,
        N_("Also write all forms into this one file (a name inside the output folder)"));
    cmd->add_flag("--no-forms{false}", request.forms,
                  N_("Write only the combined file, not one PDF per form"));
    cmd->add_flag("--contents", request.contents,
                  N_("Start the combined file with a table of contents"));
    cmd->add_flag("--duplex", request.duplex,
                  N_("Start every form of the combined file on an odd page (blank pages between)"));
    cmd->add_option("--sort", request.sort,
                    N_("Order of the forms: code, name, unit, amount (the fields the layout's "
                       "`batch:` names), input, or any field id (default: the layout's, else "
                       "code)"));
    const std::map<std::string, app::SortCollation> collations = {
        {"text", app::SortCollation::Text}, {"pinyin", app::SortCollation::Pinyin}};
    cmd->add_option("--collation", options->collation,
                    N_("How --sort compares texts: text (by code point) or pinyin (拼音 order)"))
        ->transform(CLI::CheckedTransformer(collations, CLI::ignore_case));
    cmd->add_flag("--keep-going", request.keep_going,
                  N_("Write the combined file even when some declarations failed (lists them)"));
    cmd->add_flag("--strict", request.strict,
                  N_("Do not print a declaration that `formpdf check` finds errors in (it fails)"));
    // The name of --strict before every declaration was checked; kept for scripts, not listed.
    cmd->add_flag("--check", request.strict, N_("Same as --strict"))->group("");
    cmd->add_option("-j,--jobs", request.jobs,
                    N_("Forms rendered in parallel (default and most: one per core)"));
    cmd->add_flag("-q,--quiet", options->quiet, N_("No progress line and no summary"));
    cmd->add_option("--font-dir", options->font_dirs,
                    N_("Search this folder for fonts first (repeatable)"));
    cmd->add_flag("--no-system-fonts", options->no_system_fonts,
                  N_("Do not search the system font folders"));
    cmd->add_option("--layout", request.layout,
                    N_("Print every declaration with this layout file instead of its form's"));
    cmd->add_option("--layouts", options->layout_dirs,
                    N_("Search this folder for form layouts first (repeatable)"));
    cmd->add_option(
        "--contents-layout", request.contents_layout,
        N_("Layout of the contents page (default: batch-contents.yaml in the layouts)"));
    cmd->add_option(
        "--blank-layout", request.blank_layout,
        N_("Layout of the blank duplex page (default: batch-blank.yaml in the layouts)"));

    return {
        cmd, [options]() {
            int exit_code = 0;
            app::BatchRequest& request = options->request;
            if (options->cmd->count("--collation") > 0) {
                request.collation = options->collation;
            }
            if (!document_time_from_environment(request.creation_time, exit_code)) {
                return exit_code;
            }
            if (const std::string why =
                    combined_name_problem(request.combined, options->cmd->count("--combined") > 0);
                !why.empty()) {
                std::cerr << "formpdf: " << tr("error") << ": " << why << "\n"
                          << tr("hint") << ": "
                          << tr("the combined file is a plain file name (ALL.pdf), written "
                                "into the output folder")
                          << "\n";
                return static_cast<int>(ExitCode::Usage);
            }
            if (options->cmd->count("--jobs") > 0 && request.jobs == 0) {
                std::cerr << "formpdf: " << tr("error") << ": " << tr("-j 0 runs no worker") << "\n"
                          << tr("hint") << ": "
                          << tr("leave -j out for one per core, or give 1 or more") << "\n";
                return static_cast<int>(ExitCode::Usage);
            }
            if (!request.forms && request.combined.empty()) {
                std::cerr << "formpdf: " << tr("error") << ": "
                          << tr("--no-forms leaves nothing to write") << "\n"
                          << tr("hint") << ": " << tr("add --combined NAME.pdf") << "\n";
                return static_cast<int>(ExitCode::Usage);
            }
            if ((request.contents || request.duplex) && request.combined.empty()) {
                std::cerr << "formpdf: " << tr("error") << ": "
                          << tr("--contents and --duplex shape the combined file") << "\n"
                          << tr("hint") << ": " << tr("add --combined NAME.pdf") << "\n";
                return static_cast<int>(ExitCode::Usage);
            }
            request.inputs = expand_stdin(options->inputs);
            request.font_dirs = app::font_search_dirs(
                options->font_dirs, std::getenv("FORMPDF_FONT_PATH"), {}, app::executable_dir());
            request.system_fonts = !options->no_system_fonts;
            request.layout_dirs =
                app::layout_search_dirs(options->layout_dirs, app::executable_dir());
            request.progress = !options->quiet && app::output_is_terminal();
            request.free_memory = false; // main() ends the process right after
            app::BatchSummary summary;
            const app::JobResult result = app::run_batch(request, summary, std::cerr);
            const int code = report(result);
            if (!options->quiet && summary.forms + summary.failed > 0) {
                std::cout << app::format_summary(summary) << std::endl;
            }
            return code;
        }};
}

} // namespace formpdf::cli
