#pragma once

// Whether a certificate may sign documents: one rule for `sign` (which refuses the certificate)
// and `verify` (which calls the signature INVALID). Private to src/pdf/.

#include <openssl/x509.h>

#include <optional>
#include <string>

namespace formpdf::pdf {

// nullopt when the certificate's extensions allow signing documents, else why not:
// - keyUsage, when present, must have digitalSignature or nonRepudiation (contentCommitment), as
//   pdfsig and Adobe require (RFC 5280 4.2.1.3);
// - extendedKeyUsage, when present, must name a purpose that covers document signatures: any
//   (anyExtendedKeyUsage), emailProtection (what S/MIME and most document-signing certificates
//   carry; CMS signatures are S/MIME's), id-kp-documentSigning (RFC 9336), Adobe's Authentic
//   Documents (1.2.840.113583.1.1.5) or Microsoft's document signing (1.3.6.1.4.1.311.10.3.12).
//   A certificate only for TLS servers or code signing is refused (RFC 5280 4.2.1.12: the
//   certificate may be used only for the purposes listed).
std::optional<std::string> signing_usage_problem(X509* certificate);

// The key's algorithm as OpenSSL names it ("RSA", "EC", "SM2", "ED25519", ...).
std::string key_type_name(EVP_PKEY* key);

// nullopt when formpdf can sign with this key (RSA, or ECDSA on a NIST curve with SHA-256), else
// why not.
std::optional<std::string> unsupported_key_problem(EVP_PKEY* key);

} // namespace formpdf::pdf
