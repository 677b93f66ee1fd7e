#include "pdf/sha256.h"

#include "pdf/pdf_writer.h"

#include <openssl/evp.h>

namespace formpdf::pdf {

struct Sha256::Context {
    EVP_MD_CTX* md = nullptr;
};

Sha256::Sha256() : context_(new Context) {
    context_->md = EVP_MD_CTX_new();
    if (context_->md == nullptr || EVP_DigestInit_ex(context_->md, EVP_sha256(), nullptr) != 1) {
        EVP_MD_CTX_free(context_->md);
        delete context_;
        throw PdfError("OpenSSL: cannot initialise SHA-256");
    }
}

Sha256::~Sha256() {
    EVP_MD_CTX_free(context_->md);
    delete context_;
}

void Sha256::update(std::string_view bytes) {
    if (EVP_DigestUpdate(context_->md, bytes.data(), bytes.size()) != 1) {
        throw PdfError("OpenSSL: SHA-256 update failed");
    }
}

void Sha256::update_field(std::string_view bytes) {
    update(std::to_string(bytes.size()));
    update(":");
    update(bytes);
}

std::string Sha256::digest() {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned length = 0;
    if (EVP_DigestFinal_ex(context_->md, out, &length) != 1) {
        throw PdfError("OpenSSL: SHA-256 final failed");
    }
    return std::string(reinterpret_cast<const char*>(out), length);
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
