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
// an auditor wants to see them; valid() is their conjunction.
struct SignatureReport {
    std::string field_name;       // the field's /T ("" when the file's structure could not be read)
    std::string sub_filter;       // "ETSI.CAdES.detached", "adbe.pkcs7.detached", ...
    std::string digest_algorithm; // "SHA256", ...
    std::string signer;           // the signer certificate's subject CN
    std::string signer_subject;
    std::string issuer;
    std::string signing_time; // /M as written, e.g. "D:20231114221320+00'00'"; "" when absent
    std::optional<std::int64_t> signing_time_utc; // /M in seconds since the epoch
    std::string reason, location, contact_info;

    std::size_t revision = 0;     // 1-based: which revision of the file the signature closes
    std::size_t revision_end = 0; // bytes 0..revision_end are that revision
    // /ByteRange is [0 a b c] with the gap exactly the /Contents hex string, and b + c is the end
    // of a revision (just after its %%EOF): the signed bytes are the whole file up to that
    // revision, except the signature value.
    bool byte_range_ok = false;
    bool digest_ok = false;    // the digest of the signed bytes equals the signed messageDigest
    bool signature_ok = false; // the signature over the signed attributes verifies
    // PAdES: the ESS signing-certificate(-v2) attribute names the signer's certificate. True when
    // the SubFilter does not call for it and it is absent.
    bool signing_certificate_ok = false;
    bool certificate_valid_at_signing_time = false;
    std::optional<bool> chain_trusted; // set when VerifyOptions has trust anchors

    std::size_t later_revisions = 0; // revisions appended after this signature's
    // Of those, the ones that do not end with a valid signature: changes no signer vouches for.
    std::size_t unsigned_later_revisions = 0;
    bool covers_whole_file() const { return later_revisions == 0; }

    std::vector<std::string> problems; // why the signature is not valid; empty when valid
    std::vector<std::string> notes;    // remarks that do not make it invalid
    bool valid() const { return problems.empty(); }
};

// Finds every signature of the PDF (each /ByteRange in the file) and checks it. Signatures are in
// file order, i.e. in the order they were made. Throws DiagnosticError when the bytes are not a
// PDF at all. Never reads the clock: validity is judged at each signature's /M time.
std::vector<SignatureReport> verify_pdf(std::string_view pdf, const VerifyOptions& options = {});

// The offsets just past each "%%EOF" marker (and the end-of-line after it): where each revision of
// the file ends, in order.
std::vector<std::size_t> revision_ends(std::string_view pdf);

// Seconds since the epoch of a PDF date ("D:YYYYMMDDHHmmSS+HH'mm'", later parts optional).
std::optional<std::int64_t> parse_pdf_date(std::string_view date);

} // namespace formpdf::pdf
