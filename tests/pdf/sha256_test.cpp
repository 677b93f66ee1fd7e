// The hash behind the subset tags and the trailer /ID: FIPS 180-2 test vectors, so that a change of
// implementation cannot silently change every file's /ID.

#include "pdf/sha256.h"

#include <gtest/gtest.h>

#include <string>

namespace formpdf::pdf {
namespace {

std::string hex_digest(std::initializer_list<std::string_view> parts) {
    Sha256 hash;
    for (std::string_view part : parts) {
        hash.update(part);
    }
    return to_hex(hash.digest());
}

TEST(Sha256, MatchesTheStandardTestVectors) {
    EXPECT_EQ(hex_digest({""}), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(hex_digest({"abc"}),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(hex_digest({"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"}),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, UpdatesInPiecesGiveTheDigestOfTheWhole) {
    const std::string million(1000000, 'a');
    EXPECT_EQ(hex_digest({million.substr(0, 3), million.substr(3, 500000), million.substr(500003)}),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, FieldsAreDelimitedByTheirLength) {
    Sha256 ab_c;
    ab_c.update_field("ab");
    ab_c.update_field("c");
    Sha256 a_bc;
    a_bc.update_field("a");
    a_bc.update_field("bc");
    EXPECT_NE(ab_c.digest(), a_bc.digest());
    EXPECT_EQ(hex_digest({"2:ab1:c"}), [] {
        Sha256 hash;
        hash.update_field("ab");
        hash.update_field("c");
        return to_hex(hash.digest());
    }());
}

} // namespace
} // namespace formpdf::pdf
