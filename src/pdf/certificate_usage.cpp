#include "pdf/certificate_usage.h"

#include "core/messages.h"
#include "pdf/openssl_handles.h"

#include <openssl/core_names.h>
#include <openssl/x509v3.h>

#include <array>
#include <memory>

namespace formpdf::pdf {
namespace {

struct EkuDeleter {
    void operator()(EXTENDED_KEY_USAGE* p) const { EXTENDED_KEY_USAGE_free(p); }
};

std::string oid_text(const ASN1_OBJECT* object) {
    char buf[128];
    const int length = OBJ_obj2txt(buf, sizeof buf, object, 1);
    return length > 0
               ? std::string(buf, static_cast<std::size_t>(std::min<int>(length, sizeof buf - 1)))
               : std::string();
}

} // namespace

std::optional<std::string> signing_usage_problem(X509* certificate) {
    const std::uint32_t usage = X509_get_key_usage(certificate);
    if (usage != UINT32_MAX && (usage & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) == 0) {
        openssl_error();
        return tr("the certificate's key usage does not allow signing (it has neither "
                  "digitalSignature nor nonRepudiation)");
    }
    int critical = 0;
    std::unique_ptr<EXTENDED_KEY_USAGE, EkuDeleter> eku(static_cast<EXTENDED_KEY_USAGE*>(
        X509_get_ext_d2i(certificate, NID_ext_key_usage, &critical, nullptr)));
    if (!eku) {
        openssl_error();
        if (critical == -1) {
            return std::nullopt; // no extendedKeyUsage: no restriction
        }
        return tr("the certificate's extended key usage cannot be read");
    }
    constexpr std::array<const char*, 5> kDocumentSigning = {
        "2.5.29.37.0",             // anyExtendedKeyUsage
        "1.3.6.1.5.5.7.3.4",       // emailProtection
        "1.3.6.1.5.5.7.3.36",      // id-kp-documentSigning (RFC 9336)
        "1.2.840.113583.1.1.5",    // Adobe Authentic Documents Trust
        "1.3.6.1.4.1.311.10.3.12", // Microsoft document signing
    };
    std::string listed;
    for (int i = 0; i < sk_ASN1_OBJECT_num(eku.get()); ++i) {
        const ASN1_OBJECT* purpose = sk_ASN1_OBJECT_value(eku.get(), i);
        const std::string oid = oid_text(purpose);
        for (const char* allowed : kDocumentSigning) {
            if (oid == allowed) {
                return std::nullopt;
            }
        }
        const int nid = OBJ_obj2nid(purpose);
        listed += (listed.empty() ? "" : ", ") +
                  std::string(nid != NID_undef ? OBJ_nid2sn(nid) : oid.c_str());
    }
    return tr("the certificate's extended key usage ({0}) does not include signing documents "
              "(emailProtection, documentSigning or any)",
              {listed});
}

std::string key_type_name(EVP_PKEY* key) {
    const char* name = EVP_PKEY_get0_type_name(key);
    return name != nullptr ? name : "unknown";
}

std::optional<std::string> unsupported_key_problem(EVP_PKEY* key) {
    if (EVP_PKEY_is_a(key, "RSA")) {
        return std::nullopt;
    }
    if (EVP_PKEY_is_a(key, "EC")) {
        char curve[64] = {};
        std::size_t length = 0;
        if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, curve, sizeof curve,
                                           &length) == 1) {
            const std::string name(curve, length);
            if (name == "prime256v1" || name == "P-256" || name == "secp384r1" || name == "P-384" ||
                name == "secp521r1" || name == "P-521") {
                return std::nullopt;
            }
            openssl_error();
            return tr("the key is an EC key on the curve {0}, which formpdf does not sign with "
                      "(P-256, P-384 and P-521 are supported)",
                      {name});
        }
        openssl_error();
        return tr("the key is an EC key on an unnamed curve, which formpdf does not sign with");
    }
    return tr("the key type {0} is not supported for PDF signatures (formpdf signs with RSA or "
              "ECDSA keys)",
              {key_type_name(key)});
}

} // namespace formpdf::pdf
