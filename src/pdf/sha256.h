#pragma once

#include <string>
#include <string_view>

namespace formpdf::pdf {

// Incremental SHA-256 (OpenSSL EVP), for the subset tag and the content hash behind the /ID.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void update(std::string_view bytes);
    // Feeds the length first so that ("ab","c") and ("a","bc") hash differently.
    void update_field(std::string_view bytes);
    std::string digest(); // 32 raw bytes; the hasher must not be used afterwards

private:
    struct Context;
    Context* context_;
};

std::string to_hex(std::string_view bytes); // lower-case

} // namespace formpdf::pdf
