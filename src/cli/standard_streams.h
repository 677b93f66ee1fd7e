#pragma once

#include "app/job_result.h"

#include <filesystem>
#include <optional>
#include <string>

namespace formpdf::cli {

// `-` as a file name, as Unix tools do: `render - -o out.pdf` reads the declaration from standard
// input, `render in.yaml -o -` writes the PDF to standard output. The jobs themselves work on
// files (they write atomically and compare outputs with inputs), so standard input is first saved
// to a private folder (mkdtemp, mode 0700) and the PDF is written there and then copied to standard
// output only when it is complete: a failed render writes nothing to the pipe.
class StandardStreams {
public:
    StandardStreams() = default;
    StandardStreams(const StandardStreams&) = delete;
    StandardStreams& operator=(const StandardStreams&) = delete;
    ~StandardStreams(); // removes the private folder

    // Reads standard input (at most `max_bytes`; more is an error naming the limit) into the
    // private folder as `file_name`, and returns its path. Throws DiagnosticError or IoError.
    std::filesystem::path save_input(const std::string& file_name, std::size_t max_bytes);

    // A path in the private folder for an output that goes to standard output. Throws IoError.
    std::filesystem::path output_path(const std::string& file_name);

    // Copies the file to standard output. Throws IoError.
    static void copy_to_stdout(const std::filesystem::path& file);

    // After a job that wrote `output`: a successful job's file is copied to standard output when
    // `to_stdout`, else announced by --verbose. Returns the result to report: the job's, or the
    // copy's failure.
    static app::JobResult deliver(app::JobResult result, const std::filesystem::path& output,
                                  bool to_stdout);

    // The diagnostics with the private folder's input named `<stdin>`, as the user gave it.
    app::JobResult named_for_user(app::JobResult result) const;

    // The text with the private folder's input named `<stdin>` (a report that quotes its input).
    std::string named_for_user(std::string text) const;

    // When standard output is a terminal, prints why `-o -` is refused there (a binary file is not
    // for the screen) and returns true. `what` is a marked text: N_("a PDF").
    static bool refuse_terminal_output(const char* what);

    // `path` when it is not "-"; else a private file that copy_to_stdout() sends on.
    std::filesystem::path output_or_private(const std::filesystem::path& path,
                                            const std::string& file_name);

private:
    const std::filesystem::path& folder();

    std::filesystem::path folder_;
    std::optional<std::filesystem::path> input_;
};

} // namespace formpdf::cli
