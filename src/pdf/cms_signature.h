#pragma once

#include <string>
#include <string_view>

namespace formpdf::pdf {

class SigningCredentials;

enum class SignatureFormat {
    // PAdES baseline B-B (ETSI EN 319 142-1): /SubFilter /ETSI.CAdES.detached; signed attributes
    // contentType, messageDigest and ESS signing-certificate-v2; no signingTime attribute (the
    // time is the signature dictionary's /M).
    PadesBaselineB,
    // ISO 32000-1 12.8.3.3: /SubFilter /adbe.pkcs7.detached; contentType and messageDigest.
    Pkcs7Detached,
};

// The DER CMS SignedData (RFC 5652) over `content`, detached, SHA-256, carrying the signer's
// certificate and chain. Built from its parts because OpenSSL's CMS_sign() always adds a
// signingTime attribute, which PAdES B-B forbids. Throws PdfError on an OpenSSL failure.
std::string build_cms_signature(const SigningCredentials& credentials, std::string_view content,
                                SignatureFormat format);

} // namespace formpdf::pdf
