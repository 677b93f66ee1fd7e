#include "app/verify_job.h"

#include "core/file_io.h"
#include "core/local_time.h"
#include "core/terminal_text.h"
#include "core/utc_time.h"
#include "pdf/signature_verifier.h"

#include <cstdio>

namespace formpdf::app {
namespace {

constexpr std::size_t kMaxPdfBytes = std::size_t{1} << 30;

// A check's line: its result, or "not checked" when the signature value could not be read (the
// reason is among the problems).
std::string check_text(const std::optional<bool>& ok, const char* yes, const char* no) {
    return ok ? std::string(*ok ? yes : no) : std::string("not checked");
}

std::string utc_text(std::int64_t seconds) {
    const UtcTime t = utc_time(seconds);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02u:%02u:%02u UTC", t.year, t.month, t.day,
                  t.hour, t.minute, t.second);
    return buf;
}

// One block per signature. Every value from the file or the certificate (names, reason, location,
// contact, /M as written) goes through terminal_safe(): a /Reason holding a line break and colour
// codes must not print a forged "verdict: VALID" line.
std::string format_report(const pdf::SignatureReport& r, std::size_t index, std::size_t count) {
    std::string out = "Signature " + std::to_string(index) + " of " + std::to_string(count) + ": " +
                      (r.field_name.empty() ? "(no field)" : terminal_safe(r.field_name)) + "\n";
    auto line = [&out](const char* label, const std::string& value) {
        if (!value.empty()) {
            out += "  ";
            out += label;
            out += terminal_safe(value) + "\n";
        }
    };
    line("signer:          ",
         r.signer.empty() ? std::string() : r.signer + " (" + r.signer_subject + ")");
    line("issuer:          ", r.issuer);
    // Local time first: the signer signed at 07:30 Beijing time on 8 December, not on the 7th.
    line("signing time:    ",
         r.signing_time_utc ? local_time_text(local_time(*r.signing_time_utc)) + " (" +
                                  utc_text(*r.signing_time_utc) + "; /M " + r.signing_time + ")"
                            : r.signing_time);
    line("format:          ",
         r.sub_filter + (r.sub_filter == "ETSI.CAdES.detached" ? " (PAdES baseline B-B)" : "") +
             (r.digest_algorithm.empty() ? "" : ", " + r.digest_algorithm));
    line("reason:          ", r.reason);
    line("location:        ", r.location);
    line("contact:         ", r.contact_info);
    line("byte range:      ",
         r.byte_range_ok
             ? "covers revision " + std::to_string(r.revision) + " (bytes 0-" +
                   std::to_string(r.revision_end) + ") entirely, except the signature value"
             : "WRONG: " + (r.byte_range_text.empty() ? std::string("(none)") : r.byte_range_text) +
                   " does not cover its whole revision");
    line("digest:          ",
         check_text(r.digest_ok, "valid", "INVALID (the signed bytes changed)"));
    line("signature:       ", check_text(r.signature_ok, "valid", "INVALID"));
    line("signing cert:    ", check_text(r.signing_certificate_ok,
                                         "matches the signed ESS attribute (or none is required)",
                                         "MISMATCH or missing ESS signing-certificate attribute"));
    line("key usage:       ", check_text(r.certificate_usage_ok, "allows signing documents",
                                         "does NOT allow signing documents"));
    std::string certificate =
        check_text(r.certificate_valid_at_signing_time, "valid at the signing time",
                   "NOT valid at the signing time");
    if (r.signature_ok) { // the certificate was read
        certificate += r.chain_trusted ? (*r.chain_trusted ? "; chains to a trusted certificate"
                                                           : "; does NOT chain to a trusted "
                                                             "certificate")
                                       : "; chain not checked (use --trust FILE)";
    }
    line("certificate:     ", certificate);
    std::string later;
    if (!r.byte_range_ok) {
        later = "not known (the byte range is wrong)";
    } else if (r.later_revisions == 0) {
        later = "none: the signature covers the whole file";
    } else if (r.unsigned_later_revisions == 0) {
        later = std::to_string(r.later_revisions) +
                " later revision(s), each closed by a valid signature";
    } else {
        later = "MODIFIED: " + std::to_string(r.unsigned_later_revisions) + " of " +
                std::to_string(r.later_revisions) + " later revision(s) carry no valid signature";
    }
    line("changes after:   ", later);
    for (const std::string& note : r.notes) {
        line("note:            ", note);
    }
    for (const std::string& problem : r.problems) {
        line("problem:         ", problem);
    }
    line("verdict:         ", r.valid() ? "VALID" : "INVALID");
    return out;
}

} // namespace

JobResult verify(const VerifyRequest& request, std::string& report) {
    return run_job([&](JobResult& result) {
        const std::string pdf_bytes = read_file(request.input, kMaxPdfBytes);
        pdf::VerifyOptions options;
        if (request.trusted) {
            options.trusted_certificates_pem = read_file(*request.trusted, std::size_t{1} << 20);
        }
        std::vector<pdf::SignatureReport> reports;
        try {
            reports = pdf::verify_pdf(pdf_bytes, options);
        } catch (const DiagnosticError& error) {
            Diagnostic diagnostic = error.diagnostic();
            diagnostic.loc.file = request.input.string();
            throw DiagnosticError(diagnostic);
        }
        std::size_t valid = 0;
        for (std::size_t i = 0; i < reports.size(); ++i) {
            report += format_report(reports[i], i + 1, reports.size());
            valid += reports[i].valid() ? 1 : 0;
        }
        if (reports.empty()) {
            report += terminal_safe(request.input.string()) + ": no signatures\n";
        } else {
            report +=
                terminal_safe(request.input.string()) + ": " + std::to_string(reports.size()) +
                " signature(s), " +
                (valid == reports.size() ? std::string("all valid")
                                         : std::to_string(reports.size() - valid) + " NOT valid") +
                "\n";
        }
        if (reports.empty() || valid != reports.size()) {
            result.exit_code = ExitCode::NotAllValid;
        }
    });
}

} // namespace formpdf::app
