#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace formpdf::pdf {

struct VerifyOptions {
    // PEM certificates to trust as anchors (a CA); empty: the chain is not checked.
    std::string trusted_certificates_pem;
};

// What one signature of a file says and whether it holds. Every check is reported separately, as
// an auditor wants to see them; valid() is their conjunction. A check that could not be made (the
// signature value could not be read) is nullopt, and the reason is among the problems.
struct SignatureReport {
    std::string field_name;       // the field's /T ("" when no field holds the signature)
    std::string sub_filter;       // "ETSI.CAdES.detached", "adbe.pkcs7.detached", ...
    std::string digest_algorithm; // "SHA256", ...
    std::string signer;           // the signer certificate's subject CN
    std::string signer_subject;
    std::string issuer;
    std::string signing_time; // /M as written, e.g. "D:20231114221320+00'00'"; "" when absent
    std::optional<std::int64_t> signing_time_utc; // /M in seconds since the epoch
    std::string reason, location, contact_info;

    std::string byte_range_text;  // the /ByteRange as found, e.g. "[0 840 17226 1024]"
    std::size_t revision = 0;     // 1-based: which revision of the file the signature closes
    std::size_t revision_end = 0; // bytes 0..revision_end are that revision
    // /ByteRange is [0 a b c] with the gap exactly the /Contents hex string, and b + c is the end
    // of a revision (just after its %%EOF): the signed bytes are the whole file up to that
    // revision, except the signature value.
    bool byte_range_ok = false;
    std::optional<bool> digest_ok;    // the digest of the signed bytes equals the messageDigest
    std::optional<bool> signature_ok; // the signature over the signed attributes verifies
    // PAdES: the ESS signing-certificate(-v2) attribute names the signer's certificate. True when
    // the SubFilter does not call for it and it is absent.
    std::optional<bool> signing_certificate_ok;
    std::optional<bool> certificate_valid_at_signing_time;
    // keyUsage and extendedKeyUsage allow signing documents (certificate_usage.h).
    std::optional<bool> certificate_usage_ok;
    std::optional<bool> chain_trusted; // set when VerifyOptions has trust anchors

    // Revisions appended after this signature's, counted only when byte_range_ok (otherwise what
    // the signature covers is unknown). Bytes after the last %%EOF count as one more revision.
    std::size_t later_revisions = 0;
    // Of those, the ones that do not end with a valid signature: changes no signer vouches for.
    // Never more than later_revisions.
    std::size_t unsigned_later_revisions = 0;
    bool covers_whole_file() const { return byte_range_ok && later_revisions == 0; }

    std::vector<std::string> problems; // why the signature is not valid; empty when valid
    std::vector<std::string> notes;    // remarks that do not make it invalid
    bool valid() const { return problems.empty(); }
};

// Finds every signature of the PDF and checks it: each /ByteRange in the file's bytes, and each
// signature field's value, so that a signature whose /ByteRange is malformed is listed as invalid
// rather than left out. Signatures are in file order (the order they were made); those whose
// /ByteRange could not be read follow. Throws DiagnosticError (without a file name) when the bytes
// are not a PDF, are encrypted, or are damaged. Never reads the clock: validity is judged at each
// signature's /M time.
std::vector<SignatureReport> verify_pdf(std::string_view pdf, const VerifyOptions& options = {});

// The offsets just past each "%%EOF" marker (and the end-of-line after it): where each revision of
// the file ends, in order.
std::vector<std::size_t> revision_ends(std::string_view pdf);

// Seconds since the epoch of a PDF date ("D:YYYYMMDDHHmmSS+HH'mm'", later parts optional).
std::optional<std::int64_t> parse_pdf_date(std::string_view date);

} // namespace formpdf::pdf
