#include "app/environment.h"
#include "app/sign_job.h"
#include "cli/command.h"
#include "cli/standard_streams.h"
#include "core/exit_code.h"
#include "core/messages.h"
#include "core/terminal_text.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <memory>

namespace formpdf::cli {
namespace {

// "PAGE:X,Y,W,H" (page from 1; millimetres from the page's top-left corner). nullopt, with the
// reason in `why`, when the text is not that: every number must be whole as written (a page
// number too large for an int is refused, not wrapped), finite, the position not negative and
// the size positive. Whether the page exists and the box fits is for the signer, which knows
// the PDF.
std::optional<app::SignatureBox> parse_box(const std::string& text, std::string& why) {
    app::SignatureBox box;
    const std::size_t colon = text.find(':');
    if (text.empty() || colon == std::string::npos) {
        why = tr("it has no PAGE: part");
        return std::nullopt;
    }
    const char* begin = text.data();
    const char* end = text.data() + colon;
    const auto page = std::from_chars(begin, end, box.page);
    if (page.ec == std::errc::result_out_of_range) {
        why = tr("the page number is too large");
        return std::nullopt;
    }
    if (page.ec != std::errc() || page.ptr != end || box.page < 1) {
        why = tr("the page must be a whole number from 1");
        return std::nullopt;
    }
    double* values[] = {&box.x_mm, &box.y_mm, &box.width_mm, &box.height_mm};
    const char* at = text.data() + colon + 1;
    const char* text_end = text.data() + text.size();
    for (std::size_t i = 0; i < 4; ++i) {
        const auto [ptr, ec] = std::from_chars(at, text_end, *values[i]);
        if (ec != std::errc() || !std::isfinite(*values[i])) {
            why = tr("X, Y, W and H must be four finite numbers of millimetres");
            return std::nullopt;
        }
        at = ptr;
        if (i < 3) {
            if (at == text_end || *at != ',') {
                why = tr("X, Y, W and H must be separated by commas");
                return std::nullopt;
            }
            ++at;
        }
    }
    if (at != text_end) {
        why = tr("there is more after H");
        return std::nullopt;
    }
    if (box.x_mm < 0 || box.y_mm < 0) {
        why = tr("the position must not be negative");
        return std::nullopt;
    }
    if (box.width_mm <= 0 || box.height_mm <= 0) {
        why = tr("the width and height must be more than 0");
        return std::nullopt;
    }
    return box;
}

int usage_error(const std::string& message) {
    std::cerr << "formpdf: " << tr("error") << ": " << message << "\n"
              << tr("hint") << ": " << tr("run 'formpdf sign --help'") << "\n";
    return static_cast<int>(ExitCode::Usage);
}

} // namespace

Command add_sign_command(CLI::App& app) {
    struct Options {
        app::SignRequest request;
        std::string visible;
        std::string visible_text;
        std::string box;
        std::vector<std::filesystem::path> font_dirs;
        bool no_system_fonts = false;
        std::string command_line_password;
    };
    auto options = std::make_shared<Options>();
    app::SignRequest& r = options->request;
    CLI::App* cmd = app.add_subcommand(
        "sign", N_("Sign a PDF (PAdES B-B) as an incremental update; see docs/signing.md"));
    cmd->add_option("input", r.input, N_("The PDF to sign; - reads standard input"))->required();
    cmd->add_option("-o,--output", r.output,
                    N_("The signed PDF to write; - writes standard output"))
        ->required();
    CLI::Option* p12 =
        cmd->add_option("--p12", r.p12, N_("PKCS#12 file with the key and certificate"));
    CLI::Option* cert = cmd->add_option("--cert", r.cert, N_("PEM certificate of the signer"));
    CLI::Option* key = cmd->add_option("--key", r.key, N_("PEM private key of the signer"));
    cert->needs(key);
    key->needs(cert);
    p12->excludes(cert);
    p12->excludes(key);
    cmd->add_option("--chain", r.chain, N_("PEM certificates of the issuing CAs, to embed"));
    cmd->add_option("--password-file", r.password_file,
                    N_("Read the key's password from the first line of this file (else from the "
                       "environment variable FORMPDF_KEY_PASSWORD)"));
    cmd->add_option("--field", r.field_name,
                    N_("Name of the signature field (default SignatureN)"));
    cmd->add_option("--reason", r.reason, N_("Reason for signing (/Reason)"));
    cmd->add_option("--location", r.location, N_("Where it was signed (/Location)"));
    cmd->add_option("--contact", r.contact_info, N_("How to reach the signer (/ContactInfo)"));
    cmd->add_flag("--pkcs7", r.legacy_pkcs7,
                  N_("Write the older /SubFilter /adbe.pkcs7.detached instead of PAdES"));
    CLI::Option* visible = cmd->add_option(
        "--visible", options->visible,
        N_("Visible signature: PAGE:X,Y,W,H in mm from the page's top-left corner"));
    cmd->add_option("--box", options->box,
                    N_("Visible signature in the box the form's layout names (e.g. unit-seal)"))
        ->excludes(visible);
    cmd->add_option("--visible-text", options->visible_text,
                    N_("Text of the visible signature (default: signer name and date)"));
    cmd->add_option("--layout", r.layout,
                    N_("Layout file whose body style and fonts draw the visible signature"));
    cmd->add_option("--font-dir", options->font_dirs,
                    N_("Search this folder for fonts first (repeatable)"));
    cmd->add_flag("--no-system-fonts", options->no_system_fonts,
                  N_("Do not search the system font folders"));

    // Accepted only to refuse it without repeating the value (an unknown option's value would be
    // echoed in CLI11's error message).
    CLI::Option* password =
        cmd->add_option("--password", options->command_line_password)->group("");

    return {cmd, [options, visible, password]() {
                app::SignRequest& request = options->request;
                if (!request.p12 && !request.cert) {
                    return usage_error(tr("give the signer's credentials with --p12 FILE, or "
                                          "with --cert FILE and --key FILE"));
                }
                if (password->count() > 0) {
                    // Never echoed: the value is a secret already exposed in the process list.
                    return usage_error(tr("--password is not accepted: a password on the "
                                          "command line can be read by other users (process "
                                          "list, shell history); give it in the environment "
                                          "variable FORMPDF_KEY_PASSWORD or in a file named with "
                                          "--password-file"));
                }
                if (visible->count() > 0) {
                    std::string why;
                    request.visible = parse_box(options->visible, why);
                    if (!request.visible) {
                        return usage_error(
                            tr("--visible must be PAGE:X,Y,W,H (page from 1, the box in mm from "
                               "the top-left corner), e.g. 1:120,230,60,25; got '{0}': {1}",
                               {terminal_safe(options->visible), why}));
                    }
                }
                if (!options->box.empty()) {
                    request.box_name = options->box;
                }
                if (!options->visible_text.empty()) {
                    request.visible_text = options->visible_text;
                }
                // The signing time is the real clock, never SOURCE_DATE_EPOCH: a signature's
                // time is a claim a reader relies on, and a backdated one would let an expired
                // certificate sign (docs/signing.md).
                request.signing_time = std::chrono::duration_cast<std::chrono::seconds>(
                                           std::chrono::system_clock::now().time_since_epoch())
                                           .count();
                if (const char* password = std::getenv("FORMPDF_KEY_PASSWORD")) {
                    request.password_env = password;
                }
                request.font_dirs = app::font_search_dirs(
                    options->font_dirs, std::getenv("FORMPDF_FONT_PATH"),
                    request.layout ? request.layout->parent_path() : std::filesystem::path{},
                    app::executable_dir());
                request.system_fonts = !options->no_system_fonts;
                // `-` for the PDF read (standard input) and for the signed one (standard output,
                // sent only when complete).
                const bool to_stdout = request.output == "-";
                if (to_stdout && StandardStreams::refuse_terminal_output(N_("a PDF"))) {
                    return static_cast<int>(ExitCode::Usage);
                }
                StandardStreams streams;
                app::SignRequest given = request;
                if (given.input == "-") {
                    const app::JobResult saved = app::run_job([&](app::JobResult&) {
                        given.input = streams.save_input("stdin.pdf", std::size_t{1} << 30);
                    });
                    if (saved.exit_code != ExitCode::Success) {
                        return report(saved);
                    }
                }
                given.output = streams.output_or_private(request.output, "signed.pdf");
                return report(streams.named_for_user(
                    StandardStreams::deliver(app::sign(given), given.output, to_stdout)));
            }};
}

} // namespace formpdf::cli
