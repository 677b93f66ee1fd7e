#include "app/verify_job.h"

#include "core/file_io.h"
#include "core/local_time.h"
#include "core/messages.h"
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
    return ok ? std::string(*ok ? yes : no) : std::string(tr("not checked"));
}

// A label padded with spaces to the column where the values start (17 columns), counting a
// Chinese character as two columns, as a terminal shows it.
std::string padded_label(const char* label) {
    return pad_to_columns(label, 17);
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
    std::string out =
        tr("Signature {0} of {1}: {2}",
           {std::to_string(index), std::to_string(count),
            r.field_name.empty() ? std::string(tr("(no field)")) : terminal_safe(r.field_name)});
    out += '\n';
    auto line = [&out](const std::string& label, const std::string& value) {
        if (!value.empty()) {
            out += "  ";
            out += label;
            out += terminal_safe(value) + "\n";
        }
    };
    line(padded_label(tr("signer:")),
         r.signer.empty() ? std::string() : r.signer + " (" + r.signer_subject + ")");
    line(padded_label(tr("issuer:")), r.issuer);
    // Local time first: the signer signed at 07:30 Beijing time on 8 December, not on the 7th.
    line(padded_label(tr("signing time:")),
         r.signing_time_utc ? local_time_text(local_time(*r.signing_time_utc)) + " (" +
                                  utc_text(*r.signing_time_utc) + "; /M " + r.signing_time + ")"
                            : r.signing_time);
    line(padded_label(tr("format:")),
         r.sub_filter + (r.sub_filter == "ETSI.CAdES.detached" ? " (PAdES baseline B-B)" : "") +
             (r.digest_algorithm.empty() ? "" : ", " + r.digest_algorithm));
    line(padded_label(tr("reason:")), r.reason);
    line(padded_label(tr("location:")), r.location);
    line(padded_label(tr("contact:")), r.contact_info);
    line(padded_label(tr("byte range:")),
         r.byte_range_ok
             ? tr("covers revision {0} (bytes 0-{1}) entirely, except the signature value",
                  {std::to_string(r.revision), std::to_string(r.revision_end)})
             : tr("WRONG: {0} does not cover its whole revision",
                  {r.byte_range_text.empty() ? std::string(tr("(none)")) : r.byte_range_text}));
    line(padded_label(tr("digest:")),
         check_text(r.digest_ok, tr("valid"), tr("INVALID (the signed bytes changed)")));
    line(padded_label(tr("signature:")), check_text(r.signature_ok, tr("valid"), tr("INVALID")));
    line(padded_label(tr("signing cert:")),
         check_text(r.signing_certificate_ok,
                    tr("matches the signed ESS attribute (or none is "
                       "required)"),
                    tr("MISMATCH or missing ESS signing-certificate "
                       "attribute")));
    line(padded_label(tr("key usage:")),
         check_text(r.certificate_usage_ok, tr("allows signing documents"),
                    tr("does NOT allow signing documents")));
    std::string certificate =
        check_text(r.certificate_valid_at_signing_time, tr("valid at the signing time"),
                   tr("NOT valid at the signing time"));
    if (r.signature_ok) { // the certificate was read
        certificate += r.chain_trusted ? (*r.chain_trusted ? tr("; chains to a trusted certificate")
                                                           : tr("; does NOT chain to a trusted "
                                                                "certificate"))
                                       : tr("; chain not checked (use --trust FILE)");
    }
    line(padded_label(tr("certificate:")), certificate);
    std::string later;
    if (!r.byte_range_ok) {
        later = tr("not known (the byte range is wrong)");
    } else if (r.later_revisions == 0) {
        later = tr("none: the signature covers the whole file");
    } else if (r.unsigned_later_revisions == 0) {
        later = tr("{0} later revision(s), each closed by a valid signature",
                   {std::to_string(r.later_revisions)});
    } else {
        later = tr("MODIFIED: {0} of {1} later revision(s) carry no valid signature",
                   {std::to_string(r.unsigned_later_revisions), std::to_string(r.later_revisions)});
    }
    line(padded_label(tr("changes after:")), later);
    for (const std::string& note : r.notes) {
        line(padded_label(tr("note:")), note);
    }
    for (const std::string& problem : r.problems) {
        line(padded_label(tr("problem:")), problem);
    }
    line(padded_label(tr("verdict:")), r.valid() ? tr("VALID") : tr("INVALID"));
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
            report += tr("{0}: no signatures", {terminal_safe(request.input.string())});
            report += '\n';
        } else {
            report += tr("{0}: {1} signature(s), {2}",
                         {terminal_safe(request.input.string()), std::to_string(reports.size()),
                          valid == reports.size()
                              ? std::string(tr("all valid"))
                              : tr("{0} NOT valid", {std::to_string(reports.size() - valid)})});
            report += '\n';
        }
        if (reports.empty() || valid != reports.size()) {
            result.exit_code = ExitCode::NotAllValid;
        }
    });
}

} // namespace formpdf::app
