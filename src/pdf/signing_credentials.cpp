#include "pdf/signing_credentials.h"

#include "core/diagnostic.h"
#include "core/messages.h"
#include "pdf/certificate_usage.h"
#include "pdf/pdf_date.h"
#include "pdf/signing_credentials_impl.h"

#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <cstring>

namespace formpdf::pdf {
namespace {

// Translated where it is shown (tr(kPasswordHint)).
const char* const kPasswordHint =
    N_("give the password in the environment variable FORMPDF_KEY_PASSWORD or in a file named "
       "with --password-file (never on the command line)");

[[noreturn]] void fail(const std::string& file, std::string message, std::string hint = {}) {
    SourceLoc loc;
    loc.file = file;
    throw DiagnosticError(make_error(loc, std::move(message), std::move(hint)));
}

// PEM password callback that never prompts on the terminal: an empty password fails.
int password_callback(char* buf, int size, int /*rwflag*/, void* userdata) {
    const auto* password = static_cast<const std::string*>(userdata);
    if (password->empty() || static_cast<int>(password->size()) > size) {
        return -1;
    }
    std::memcpy(buf, password->data(), password->size());
    return static_cast<int>(password->size());
}

X509StackPtr read_pem_certificates(const std::string& name, const std::string& bytes) {
    X509StackPtr certificates(sk_X509_new_null());
    BioPtr bio = memory_bio(bytes);
    while (X509* certificate = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
        sk_X509_push(certificates.get(), certificate);
    }
    openssl_error(); // the loop ends with "no start line"
    if (sk_X509_num(certificates.get()) == 0) {
        fail(name, tr("no PEM certificate (-----BEGIN CERTIFICATE-----) found"),
             tr("convert a DER certificate with `openssl x509 -inform DER -in FILE -out "
                "FILE.pem`"));
    }
    return certificates;
}

std::unique_ptr<SigningCredentials::Impl> load_pkcs12(const CredentialFiles& files,
                                                      const std::string& password) {
    const auto* der = reinterpret_cast<const unsigned char*>(files.p12_bytes.data());
    Pkcs12Ptr p12(d2i_PKCS12(nullptr, &der, static_cast<long>(files.p12_bytes.size())));
    if (!p12) {
        fail(files.p12_name, tr("not a PKCS#12 file: {0}", {openssl_error()}),
             tr("a PKCS#12 file (.p12/.pfx) is made with `openssl pkcs12 -export`; for PEM "
                "files use --cert and --key"));
    }
    const char* pass = password.c_str();
    if (PKCS12_verify_mac(p12.get(), pass, -1) != 1) {
        if (!password.empty() || PKCS12_verify_mac(p12.get(), nullptr, 0) != 1) {
            openssl_error();
            fail(files.p12_name,
                 password.empty() ? tr("the PKCS#12 file needs a password, and none was given")
                                  : tr("wrong password for the PKCS#12 file"),
                 tr(kPasswordHint));
        }
        pass = nullptr;
    }
    EVP_PKEY* key = nullptr;
    X509* certificate = nullptr;
    STACK_OF(X509)* ca = nullptr;
    if (PKCS12_parse(p12.get(), pass, &key, &certificate, &ca) != 1) {
        fail(files.p12_name, tr("cannot read the key and certificate: {0}", {openssl_error()}),
             tr("a PKCS#12 file with legacy encryption (RC2, 3DES) may need re-exporting with "
                "OpenSSL 3: `openssl pkcs12 -export`"));
    }
    auto impl = std::make_unique<SigningCredentials::Impl>();
    impl->key.reset(key);
    impl->certificate.reset(certificate);
    impl->chain.reset(ca != nullptr ? ca : sk_X509_new_null());
    if (!impl->key || !impl->certificate) {
        fail(files.p12_name, tr("the PKCS#12 file must hold a private key and its certificate"));
    }
    return impl;
}

std::unique_ptr<SigningCredentials::Impl> load_pem(const CredentialFiles& files,
                                                   const std::string& password) {
    auto impl = std::make_unique<SigningCredentials::Impl>();
    X509StackPtr certificates = read_pem_certificates(files.cert_name, files.cert_bytes);
    impl->certificate.reset(sk_X509_shift(certificates.get()));
    impl->chain = std::move(certificates); // any further certificates in the file: the chain

    BioPtr bio = memory_bio(files.key_bytes);
    impl->key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, password_callback,
                                            const_cast<std::string*>(&password)));
    if (!impl->key) {
        const std::string detail = openssl_error();
        if (files.key_bytes.find("ENCRYPTED") != std::string::npos) {
            fail(files.key_name,
                 password.empty() ? tr("the private key is encrypted, and no password was given")
                                  : tr("wrong password for the private key"),
                 tr(kPasswordHint));
        }
        fail(files.key_name, tr("not a PEM private key: {0}", {detail}),
             tr("the key file starts with -----BEGIN PRIVATE KEY----- (or RSA/EC PRIVATE KEY)"));
    }
    return impl;
}

} // namespace

SigningCredentials SigningCredentials::load(const CredentialFiles& files,
                                            const std::string& password,
                                            std::int64_t signing_time) {
    std::unique_ptr<Impl> impl =
        files.p12_name.empty() ? load_pem(files, password) : load_pkcs12(files, password);
    const std::string& cert_file = files.p12_name.empty() ? files.cert_name : files.p12_name;
    if (!files.chain_name.empty()) {
        X509StackPtr more = read_pem_certificates(files.chain_name, files.chain_bytes);
        while (X509* certificate = sk_X509_shift(more.get())) {
            sk_X509_push(impl->chain.get(), certificate);
        }
    }

    if (const auto problem = unsupported_key_problem(impl->key.get())) {
        fail(files.p12_name.empty() ? files.key_name : files.p12_name, *problem,
             tr("use an RSA key (2048 bits or more) or an ECDSA key on P-256, P-384 or P-521"));
    }
    if (X509_check_private_key(impl->certificate.get(), impl->key.get()) != 1) {
        openssl_error();
        fail(files.p12_name.empty() ? files.key_name : files.p12_name,
             tr("the private key does not belong to the certificate ({0})",
                {name_text(X509_get_subject_name(impl->certificate.get()))}),
             tr("use the key that the certificate was issued for"));
    }
    const std::int64_t not_before = unix_time(X509_get0_notBefore(impl->certificate.get()));
    const std::int64_t not_after = unix_time(X509_get0_notAfter(impl->certificate.get()));
    if (signing_time > not_after) {
        fail(cert_file,
             tr("the certificate expired on {0}, before the signing time {1}",
                {pdf_date(not_after).substr(2, 8), pdf_date(signing_time).substr(2, 8)}),
             tr("renew the certificate; a signature made with an expired certificate is not "
                "valid"));
    }
    if (signing_time < not_before) {
        fail(cert_file,
             tr("the certificate is not valid before {0} (the signing time is {1})",
                {pdf_date(not_before).substr(2, 8), pdf_date(signing_time).substr(2, 8)}),
             tr("check the system clock"));
    }
    if (const auto problem = signing_usage_problem(impl->certificate.get())) {
        fail(cert_file, *problem,
             tr("use a certificate with the digitalSignature or nonRepudiation key usage, and "
                "an extended key usage (if any) that allows document signing; formpdf verify "
                "would call such a signature invalid"));
    }
    return SigningCredentials(std::move(impl));
}

SigningCredentials::SigningCredentials(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SigningCredentials::~SigningCredentials() = default;
SigningCredentials::SigningCredentials(SigningCredentials&&) noexcept = default;
SigningCredentials& SigningCredentials::operator=(SigningCredentials&&) noexcept = default;

std::string SigningCredentials::subject_common_name() const {
    return common_name(X509_get_subject_name(impl_->certificate.get()));
}

std::string SigningCredentials::subject() const {
    return name_text(X509_get_subject_name(impl_->certificate.get()));
}

std::int64_t SigningCredentials::not_after() const {
    return unix_time(X509_get0_notAfter(impl_->certificate.get()));
}

} // namespace formpdf::pdf
