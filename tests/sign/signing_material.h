#pragma once

// Certificates, keys and PDFs for the hardening tests of `formpdf sign` and `formpdf verify`, made
// once per test program with the openssl command (no key is committed), and small helpers to run
// the two commands and to write hand-made PDFs.

#include "support/command.h"

#include <filesystem>
#include <string>
#include <vector>

namespace formpdf::testing {

class SigningMaterial {
public:
    // Made on first use (ECDSA P-256 keys: made in milliseconds, where RSA keys took seconds per
    // test program): a CA; signers "good" (digitalSignature), "ku-cert-sign"
    // (keyUsage keyCertSign only), "eku-server" (extendedKeyUsage serverAuth only), "eku-email"
    // (emailProtection), "expired" (valid during 2020), "sm2" and "ed25519" (self-signed), each
    // as NAME.pem and NAME.key (unencrypted), "locked" (key encrypted with kLockedPassword);
    // and seed.pdf (a rendered PDF/A form) and plain.pdf (the same form, not PDF/A).
    static const SigningMaterial& get();

    std::string path(const std::string& name) const { return (dir_.path() / name).string(); }
    // {"--cert", NAME.pem, "--key", NAME.key}
    std::vector<std::string> signer(const std::string& name) const;

    static constexpr const char* kLockedPassword = "correct horse";

private:
    SigningMaterial();
    TempDir dir_;
};

// `formpdf sign INPUT -o OUTPUT options...` (no SOURCE_DATE_EPOCH unless env sets it).
CommandResult run_sign(const std::string& input, const std::string& output,
                       const std::vector<std::string>& options,
                       const std::vector<std::string>& env = {});
// `formpdf verify PDF options...`
CommandResult run_verify(const std::string& pdf, const std::vector<std::string>& options = {});

// A PDF from numbered object bodies ("<< /Type /Catalog /Pages 2 0 R >>" is object 1, and so on),
// with a correct cross-reference table and a trailer whose /Root is object 1 (plus `trailer_extra`
// inside the trailer dictionary).
std::string handmade_pdf(const std::vector<std::string>& objects,
                         const std::string& trailer_extra = "");

// How many times `what` occurs in `text`.
int occurrences(const std::string& text, const std::string& what);

} // namespace formpdf::testing
