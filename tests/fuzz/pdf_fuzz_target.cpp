// A libFuzzer target over the PDF reading of `formpdf sign` and `formpdf verify`: verify_pdf(),
// sign_pdf() and read_named_boxes() (sign --box) on any bytes. The contract: a DiagnosticError (the
// file is not a PDF, is encrypted or damaged: exit 2), never a crash, a hang, or another exception
// (which the CLI would report as an internal error). And what sign accepts it signs properly: the
// output starts with the input, and verify finds the new signature valid.
// Built with -fsanitize=fuzzer when FORMPDF_LIBFUZZER is on (`make fuzz`); otherwise
// fuzz_corpus_runner.cpp replays tests/fuzz/corpus-pdf/ through it in ctest.

#include "core/diagnostic.h"
#include "pdf/named_boxes.h"
#include "pdf/pdf_signer.h"
#include "pdf/signature_verifier.h"
#include "pdf/signing_credentials.h"

#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>

namespace {

constexpr std::int64_t kSigningTime = 1700000000; // 2023-11-14, inside the certificate's validity

std::string pem_of(int (*write)(BIO*, void*), void* object) {
    BIO* bio = BIO_new(BIO_s_mem());
    write(bio, object);
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    std::string text(data, static_cast<std::size_t>(length));
    BIO_free(bio);
    return text;
}

// A throwaway ECDSA P-256 identity made in memory at start-up: no key is committed.
const formpdf::pdf::SigningCredentials& credentials() {
    static const formpdf::pdf::SigningCredentials loaded = [] {
        EVP_PKEY* key = EVP_EC_gen("P-256");
        X509* certificate = X509_new();
        X509_set_version(certificate, 2);
        ASN1_INTEGER_set(X509_get_serialNumber(certificate), 1);
        ASN1_TIME_set(X509_getm_notBefore(certificate), 0);
        ASN1_TIME_set(X509_getm_notAfter(certificate), 4102444800); // 2100
        X509_NAME* name = X509_get_subject_name(certificate);
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char*>("fuzz signer"), -1, -1,
                                   0);
        X509_set_issuer_name(certificate, name);
        X509_set_pubkey(certificate, key);
        X509_sign(certificate, key, EVP_sha256());
        formpdf::pdf::CredentialFiles files;
        files.cert_name = "fuzz.pem";
        files.cert_bytes =
            pem_of([](BIO* bio, void* x) { return PEM_write_bio_X509(bio, static_cast<X509*>(x)); },
                   certificate);
        files.key_name = "fuzz.key";
        files.key_bytes = pem_of(
            [](BIO* bio, void* k) {
                return PEM_write_bio_PrivateKey(bio, static_cast<EVP_PKEY*>(k), nullptr, nullptr, 0,
                                                nullptr, nullptr);
            },
            key);
        X509_free(certificate);
        EVP_PKEY_free(key);
        return formpdf::pdf::SigningCredentials::load(files, "", kSigningTime);
    }();
    return loaded;
}

void fuzz_verify(std::string_view bytes) {
    try {
        for (const formpdf::pdf::SignatureReport& report : formpdf::pdf::verify_pdf(bytes)) {
            if (report.valid() != report.problems.empty() ||
                report.unsigned_later_revisions > report.later_revisions) {
                std::abort(); // the report contradicts itself
            }
        }
    } catch (const formpdf::DiagnosticError&) {
    }
}

void fuzz_sign(std::string_view bytes) {
    formpdf::pdf::SignRequest request;
    request.input_name = "fuzz.pdf";
    request.credentials = &credentials();
    request.signing_time = kSigningTime;
    request.reason = "fuzz";
    std::string output;
    try {
        output = formpdf::pdf::sign_pdf(bytes, request);
    } catch (const formpdf::DiagnosticError&) {
        return;
    }
    if (output.compare(0, bytes.size(), bytes) != 0) {
        std::abort(); // an incremental update keeps the input's bytes
    }
    // The new signature closes the last revision and is valid; sign and verify agree on what
    // they can read.
    const std::vector<formpdf::pdf::SignatureReport> reports = formpdf::pdf::verify_pdf(output);
    const bool found = std::any_of(reports.begin(), reports.end(), [&](const auto& report) {
        return report.revision_end == output.size() && report.valid();
    });
    if (!found) {
        std::abort();
    }
}

void fuzz_named_boxes(std::string_view bytes) {
    try {
        formpdf::pdf::read_named_boxes(bytes, "fuzz.pdf");
    } catch (const formpdf::DiagnosticError&) {
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    fuzz_verify(bytes);
    fuzz_named_boxes(bytes);
    fuzz_sign(bytes);
    return 0;
}
