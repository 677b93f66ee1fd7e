#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace formpdf::pdf {

// The signer's key, certificate and chain, as read from the files the user named. The file names
// are only used in messages.
struct CredentialFiles {
    // Either a PKCS#12 file ...
    std::string p12_name;
    std::string p12_bytes; // DER
    // ... or a PEM certificate and a PEM private key (PKCS#8 or traditional, possibly encrypted).
    std::string cert_name;
    std::string cert_bytes;
    std::string key_name;
    std::string key_bytes;
    // Optional: more PEM certificates (intermediate CAs, root) to embed in the signature.
    std::string chain_name;
    std::string chain_bytes;
};

// A loaded and checked signing identity: the private key matches the certificate, and the
// certificate is valid at the signing time. OpenSSL handles stay inside (PIMPL).
class SigningCredentials {
public:
    // Throws DiagnosticError (at the offending file) for: unreadable or malformed files, a wrong
    // or missing password, a key that does not belong to the certificate, a certificate that is
    // not yet valid or has expired at `signing_time` (seconds since the epoch, UTC).
    static SigningCredentials load(const CredentialFiles& files, const std::string& password,
                                   std::int64_t signing_time);

    ~SigningCredentials();
    SigningCredentials(SigningCredentials&&) noexcept;
    SigningCredentials& operator=(SigningCredentials&&) noexcept;

    std::string subject_common_name() const; // CN of the subject, else the whole subject
    std::string subject() const;             // "CN=..., O=..., C=..." (RFC 2253 order)
    std::int64_t not_after() const;          // seconds since the epoch

    struct Impl; // OpenSSL handles; defined in signing_credentials_impl.h
    const Impl& impl() const { return *impl_; }

private:
    explicit SigningCredentials(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace formpdf::pdf
