#include "pdf/cms_signature.h"

#include "pdf/pdf_writer.h"
#include "pdf/signing_credentials_impl.h"

#include <algorithm>
#include <vector>

namespace formpdf::pdf {
namespace {

[[noreturn]] void fail(const std::string& what) {
    throw PdfError("cannot build the CMS signature: " + what + ": " + openssl_error());
}

std::string der_length(std::size_t length) {
    if (length < 0x80) {
        return std::string(1, static_cast<char>(length));
    }
    std::string bytes;
    for (std::size_t rest = length; rest > 0; rest >>= 8) {
        bytes.insert(bytes.begin(), static_cast<char>(rest & 0xff));
    }
    return static_cast<char>(0x80 | bytes.size()) + bytes;
}

// The DER of the signed attributes as the signature covers them: a SET OF (tag 0x31, RFC 5652
// 5.4) whose elements are sorted by their encodings, as DER requires and as OpenSSL writes them
// into the SignerInfo.
std::string signed_attributes_der(CMS_SignerInfo* signer) {
    std::vector<std::string> attributes;
    for (int i = 0; i < CMS_signed_get_attr_count(signer); ++i) {
        unsigned char* der = nullptr;
        const int length = i2d_X509_ATTRIBUTE(CMS_signed_get_attr(signer, i), &der);
        if (length <= 0) {
            fail("encoding a signed attribute");
        }
        attributes.emplace_back(reinterpret_cast<const char*>(der),
                                static_cast<std::size_t>(length));
        OPENSSL_free(der);
    }
    std::sort(attributes.begin(), attributes.end());
    std::string content;
    for (const std::string& attribute : attributes) {
        content += attribute;
    }
    return '\x31' + der_length(content.size()) + content;
}

std::string sign_bytes(EVP_PKEY* key, const std::string& bytes) {
    MdCtxPtr context(EVP_MD_CTX_new());
    std::size_t length = 0;
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    if (!context || EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key) != 1 ||
        EVP_DigestSign(context.get(), nullptr, &length, data, bytes.size()) != 1) {
        fail("preparing the signature");
    }
    std::string signature(length, '\0');
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                       data, bytes.size()) != 1) {
        fail("signing");
    }
    signature.resize(length);
    return signature;
}

} // namespace

std::string build_cms_signature(const SigningCredentials& credentials, std::string_view content,
                                SignatureFormat format) {
    const SigningCredentials::Impl& identity = credentials.impl();
    constexpr unsigned kFlags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP;
    CmsPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, kFlags));
    if (!cms) {
        fail("creating the SignedData");
    }
    // CMS_PARTIAL: add the signer and its ESS attribute, but do not sign yet.
    const unsigned signer_flags = CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP |
                                  (format == SignatureFormat::PadesBaselineB ? CMS_CADES : 0u);
    CMS_SignerInfo* signer = CMS_add1_signer(cms.get(), identity.certificate.get(),
                                             identity.key.get(), EVP_sha256(), signer_flags);
    if (signer == nullptr) {
        fail("adding the signer");
    }
    for (int i = 0; i < sk_X509_num(identity.chain.get()); ++i) {
        if (CMS_add1_cert(cms.get(), sk_X509_value(identity.chain.get(), i)) != 1) {
            openssl_error(); // a certificate given twice is no problem
        }
    }

    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned digest_length = 0;
    if (EVP_Digest(content.data(), content.size(), digest, &digest_length, EVP_sha256(), nullptr) !=
        1) {
        fail("hashing the document");
    }
    if (CMS_signed_add1_attr_by_NID(signer, NID_pkcs9_contentType, V_ASN1_OBJECT,
                                    OBJ_nid2obj(NID_pkcs7_data), -1) != 1 ||
        CMS_signed_add1_attr_by_NID(signer, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING, digest,
                                    static_cast<int>(digest_length)) != 1) {
        fail("adding the signed attributes");
    }

    const std::string signature = sign_bytes(identity.key.get(), signed_attributes_der(signer));
    if (ASN1_STRING_set(CMS_SignerInfo_get0_signature(signer), signature.data(),
                        static_cast<int>(signature.size())) != 1) {
        fail("storing the signature value");
    }

    unsigned char* der = nullptr;
    const int length = i2d_CMS_ContentInfo(cms.get(), &der);
    if (length <= 0) {
        fail("encoding the SignedData");
    }
    std::string bytes(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length));
    OPENSSL_free(der);
    return bytes;
}

} // namespace formpdf::pdf
