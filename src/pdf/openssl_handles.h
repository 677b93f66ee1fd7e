#pragma once

// RAII owners for the OpenSSL objects the PDF stage uses. Private to src/pdf/.

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <string_view>

namespace formpdf::pdf {

struct OpenSslDeleter {
    void operator()(BIO* p) const { BIO_free(p); }
    void operator()(X509* p) const { X509_free(p); }
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
    void operator()(PKCS12* p) const { PKCS12_free(p); }
    void operator()(CMS_ContentInfo* p) const { CMS_ContentInfo_free(p); }
    void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
    void operator()(X509_STORE* p) const { X509_STORE_free(p); }
    void operator()(X509_STORE_CTX* p) const { X509_STORE_CTX_free(p); }
    void operator()(STACK_OF(X509) * p) const { sk_X509_pop_free(p, X509_free); }
};

using BioPtr = std::unique_ptr<BIO, OpenSslDeleter>;
using X509Ptr = std::unique_ptr<X509, OpenSslDeleter>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter>;
using Pkcs12Ptr = std::unique_ptr<PKCS12, OpenSslDeleter>;
using CmsPtr = std::unique_ptr<CMS_ContentInfo, OpenSslDeleter>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpenSslDeleter>;
using StorePtr = std::unique_ptr<X509_STORE, OpenSslDeleter>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, OpenSslDeleter>;
using X509StackPtr = std::unique_ptr<STACK_OF(X509), OpenSslDeleter>;

// A read-only memory BIO over the bytes (which must outlive it).
inline BioPtr memory_bio(std::string_view bytes) {
    return BioPtr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

// The oldest message on OpenSSL's error queue (then cleared), or "" when empty.
std::string openssl_error();

// A certificate's DER encoding, or "" on failure.
std::string der_of(X509* certificate);

// Seconds since the epoch of an ASN1_TIME.
std::int64_t unix_time(const ASN1_TIME* time);

// "CN=Signer, O=Test, C=CN" and the CN alone (the whole subject when there is no CN).
std::string name_text(const X509_NAME* name);
std::string common_name(const X509_NAME* name);

} // namespace formpdf::pdf
