#include "app/check_job.h"
#include "app/environment.h"
#include "cli/command.h"
#include "cli/standard_streams.h"
#include "core/exit_code.h"
#include "core/messages.h"
#include "load/yaml_guard.h"

#include <iostream>
#include <memory>

namespace formpdf::cli {

Command add_check_command(CLI::App& app) {
    struct Options {
        app::CheckRequest request;
        std::vector<std::filesystem::path> layout_dirs;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("check", N_("Check declarations against their form"));
    cmd->add_option("inputs", options->request.inputs,
                    N_("Declaration files, or folders of them (*.yaml); - reads standard input"))
        ->required();
    cmd->add_option("--layouts", options->layout_dirs,
                    N_("Search this folder for layouts first (repeatable)"));
    cmd->footer(N_("Findings go to stdout, then a summary line. Exit codes: 0 no errors or "
                   "warnings, 3 warnings only, 2 errors, 4 a file could not be read. See "
                   "docs/check.md."));

    return {cmd, [options]() {
                options->request.layout_dirs =
                    app::layout_search_dirs(options->layout_dirs, app::executable_dir());
                // `check -`: the declaration read from standard input.
                StandardStreams streams;
                for (std::filesystem::path& input : options->request.inputs) {
                    if (input == "-") {
                        const app::JobResult saved = app::run_job([&](app::JobResult&) {
                            input = streams.save_input("stdin.yaml", load::YamlLimits{}.max_bytes);
                        });
                        if (saved.exit_code != ExitCode::Success) {
                            return report(saved);
                        }
                        break; // standard input is read once
                    }
                }
                const app::CheckResult result = app::check(options->request);
                const app::JobResult findings = streams.named_for_user(result.job);
                // The findings are what was asked for: stdout, so they can be saved and compared.
                for (const Diagnostic& finding : findings.diagnostics.items()) {
                    std::cout << format_diagnostic(finding) << '\n';
                }
                if (!verbosity().quiet) {
                    std::cout << app::check_summary(result) << '\n';
                }
                return static_cast<int>(result.job.exit_code);
            }};
}

} // namespace formpdf::cli
