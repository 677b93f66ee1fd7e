#include "pdf/subset_tag.h"

#include "pdf/sha256.h"

namespace formpdf::pdf {

std::string subset_tag(std::string_view postscript_name, const std::set<std::uint32_t>& gids) {
    Sha256 hash;
    hash.update_field(postscript_name);
    for (std::uint32_t gid : gids) { // std::set: sorted, so the order is canonical
        const char bytes[4] = {static_cast<char>(gid >> 24), static_cast<char>(gid >> 16),
                               static_cast<char>(gid >> 8), static_cast<char>(gid)};
        hash.update(std::string_view(bytes, 4));
    }
    const std::string digest = hash.digest();
    std::string tag;
    for (int i = 0; i < 6; ++i) {
        // Two bytes per letter keep the modulo bias negligible.
        const unsigned value = (static_cast<unsigned char>(digest[2 * i]) << 8) |
                               static_cast<unsigned char>(digest[2 * i + 1]);
        tag += static_cast<char>('A' + value % 26);
    }
    return tag;
}

} // namespace formpdf::pdf
