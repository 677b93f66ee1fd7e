#include "pdf/sha256.h"

#include "pdf/pdf_writer.h"

// The plain SHA-256 functions, deprecated since OpenSSL 3.0 in favour of EVP but kept through 3.x.
// EVP's first digest loads OpenSSL's configuration and default provider: ~0.8 ms in every run,
// on the serial path of a batch's combined file (its /ID hash), against ~10 us here. Same digest.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

namespace formpdf::pdf {

struct Sha256::Context {
    SHA256_CTX sha;
};

Sha256::Sha256() : context_(new Context) {
    if (SHA256_Init(&context_->sha) != 1) {
        delete context_;
        throw PdfError("OpenSSL: cannot initialise SHA-256");
    }
}

Sha256::~Sha256() {
    delete context_;
}

void Sha256::update(std::string_view bytes) {
    if (SHA256_Update(&context_->sha, bytes.data(), bytes.size()) != 1) {
        throw PdfError("OpenSSL: SHA-256 update failed");
    }
}

void Sha256::update_field(std::string_view bytes) {
    update(std::to_string(bytes.size()));
    update(":");
    update(bytes);
}

std::string Sha256::digest() {
    unsigned char out[SHA256_DIGEST_LENGTH];
    if (SHA256_Final(out, &context_->sha) != 1) {
        throw PdfError("OpenSSL: SHA-256 final failed");
    }
    return std::string(reinterpret_cast<const char*>(out), sizeof out);
}

std::string to_hex(std::string_view bytes) {
    constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char byte : bytes) {
        out += kHex[byte >> 4];
        out += kHex[byte & 0xf];
    }
    return out;
}

} // namespace formpdf::pdf
