#include "app/check_job.h"

#include "app/declaration_files.h"
#include "app/form_definitions.h"
#include "check/check.h"
#include "core/file_io.h"
#include "core/messages.h"
#include "load/declaration.h"

#include <algorithm>

namespace formpdf::app {

namespace {

// The files to check, in a stable order: each input as given, a folder's files sorted.
std::vector<std::filesystem::path>
declaration_files(const std::vector<std::filesystem::path>& inputs) {
    std::vector<std::filesystem::path> files;
    for (const auto& input : inputs) {
        std::error_code ec;
        if (std::filesystem::is_directory(input, ec)) {
            std::vector<std::filesystem::path> found;
            for (auto it = std::filesystem::recursive_directory_iterator(input, ec);
                 !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
                if (it->is_regular_file(ec) && is_declaration_file(it->path())) {
                    found.push_back(it->path());
                }
            }
            if (ec) {
                throw IoError(
                    tr("cannot read the folder {0}: {1}", {input.string(), ec.message()}));
            }
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else if (std::filesystem::exists(input, ec)) {
            files.push_back(input);
        } else {
            throw IoError(tr("cannot read {0}: no such file or folder", {input.string()}));
        }
    }
    return files;
}

// "1 error", "3 errors": the patterns are msgids ("{0} error"), one per English number.
std::string count(int n, const char* one, const char* many) {
    return tr(n == 1 ? one : many, {std::to_string(n)});
}

} // namespace

CheckResult check(const CheckRequest& request) {
    CheckResult result;
    bool unreadable = false;
    result.job = run_job([&](JobResult& job) {
        FormDefinitions forms(request.layout_dirs);
        for (const auto& file : declaration_files(request.inputs)) {
            ++result.files;
            std::vector<load::Declaration> declarations;
            try {
                declarations = load::load_declarations_file(file);
            } catch (const DiagnosticError& error) {
                for (const Diagnostic& diagnostic : error.diagnostics()) {
                    job.diagnostics.add(diagnostic);
                }
                continue;
            } catch (const IoError& error) {
                job.diagnostics.error(SourceLoc{file.string(), 0, 0}, error.what());
                unreadable = true;
                continue;
            }
            for (const load::Declaration& declaration : declarations) {
                ++result.declarations;
                try {
                    check::check_declaration(declaration, forms.get(declaration.form),
                                             job.diagnostics);
                } catch (const DiagnosticError& error) {
                    job.diagnostics.add(error.diagnostic());
                }
            }
        }
    });
    if (unreadable && result.job.exit_code != ExitCode::Internal) {
        result.job.exit_code = ExitCode::IoError;
    }
    return result;
}

std::string check_summary(const CheckResult& result) {
    const Diagnostics& findings = result.job.diagnostics;
    const std::string declarations =
        count(result.declarations, N_("{0} declaration"), N_("{0} declarations"));
    const std::string files = count(result.files, N_("{0} file"), N_("{0} files"));
    const int errors = findings.count(Severity::Error);
    const int warnings = findings.count(Severity::Warning);
    const int notes = findings.count(Severity::Note);
    if (errors + warnings + notes == 0) {
        return tr("formpdf check: {0} in {1}: no findings", {declarations, files});
    }
    return tr("formpdf check: {0} in {1}: {2}, {3}, {4}",
              {declarations, files, count(errors, N_("{0} error"), N_("{0} errors")),
               count(warnings, N_("{0} warning"), N_("{0} warnings")),
               count(notes, N_("{0} note"), N_("{0} notes"))});
}

} // namespace formpdf::app
