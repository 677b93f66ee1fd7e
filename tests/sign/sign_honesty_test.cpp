// `formpdf sign` is honest: the signing time is the real clock (SOURCE_DATE_EPOCH cannot backdate
// a signature past a certificate's expiry), keys it cannot sign with and certificates that may not
// sign are refused by name, PDF/A string limits are kept, a password on the command line is never
// echoed, and --visible takes only what it can place. Every refusal leaves no output file.

#include "sign/signing_material.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <ctime>

namespace formpdf {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::read_text;
using testing::run_sign;
using testing::run_verify;
using testing::SigningMaterial;
using testing::TempDir;

std::string today_utc() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y%m%d", &tm);
    return buf;
}

TEST(SignHonesty, SourceDateEpochDoesNotBackdateTheSignature) {
    const SigningMaterial& material = SigningMaterial::get();
    TempDir tmp;
    const std::string output = (tmp / "out.pdf").string();
    // 2020-09-13: inside the expired certificate's validity. It still cannot sign today.
    const CommandResult expired =
        run_sign(material.path("seed.pdf"), output, material.signer("expired"),
                 {"SOURCE_DATE_EPOCH=1600000000"});
    EXPECT_EQ(expired.exit_code, 2) << expired.err;
    EXPECT_NE(expired.err.find("expired.pem: error: the certificate expired on 20201231"),
              std::string::npos)
        << expired.err;
    EXPECT_FALSE(fs::exists(output));

    // A good certificate signs at the real time, whatever SOURCE_DATE_EPOCH says.
    const std::string day = today_utc();
    const CommandResult good = run_sign(material.path("seed.pdf"), output, material.signer("good"),
                                        {"SOURCE_DATE_EPOCH=1600000000"});
    ASSERT_EQ(good.exit_code, 0) << good.err;
    const std::string bytes = read_text(output);
    const std::string signature = bytes.substr(bytes.rfind("/Type/Sig"));
    const bool signed_today = signature.find("/M(D:" + day) != std::string::npos ||
                              signature.find("/M(D:" + today_utc()) != std::string::npos;
    EXPECT_TRUE(signed_today) << signature.substr(0, 400);
    EXPECT_EQ(signature.find("/M(D:2020"), std::string::npos);
}

struct RefusedKey {
    const char* signer;
    const char* message;
};

void PrintTo(const RefusedKey& key, std::ostream* os) {
    *os << key.signer;
}

class RefusedKeyTest : public ::testing::TestWithParam<RefusedKey> {};

TEST_P(RefusedKeyTest, IsAnInputErrorNamingWhy) {
    const SigningMaterial& material = SigningMaterial::get();
    TempDir tmp;
    const std::string output = (tmp / "out.pdf").string();
    const CommandResult result =
        run_sign(material.path("seed.pdf"), output, material.signer(GetParam().signer));
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_NE(result.err.find(GetParam().message), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("hint: "), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find("internal error"), std::string::npos) << result.err;
    EXPECT_FALSE(fs::exists(output));
}

INSTANTIATE_TEST_SUITE_P(
    Keys, RefusedKeyTest,
    ::testing::Values(
        RefusedKey{"sm2", "sm2.key: error: the key type SM2 is not supported for PDF signatures"},
        RefusedKey{"ed25519",
                   "ed25519.key: error: the key type ED25519 is not supported for PDF signatures"},
        RefusedKey{"ku-cert-sign", "ku-cert-sign.pem: error: the certificate's key usage does not "
                                   "allow signing"},
        RefusedKey{"eku-server", "eku-server.pem: error: the certificate's extended key usage "
                                 "(serverAuth) does not include signing documents"}),
    [](const ::testing::TestParamInfo<RefusedKey>& info) {
        std::string name = info.param.signer;
        name.erase(std::remove(name.begin(), name.end(), '-'), name.end());
        return name;
    });

TEST(SignHonesty, AnEmailProtectionCertificateMaySign) {
    const SigningMaterial& material = SigningMaterial::get();
    TempDir tmp;
    const std::string output = (tmp / "out.pdf").string();
    const CommandResult result =
        run_sign(material.path("seed.pdf"), output, material.signer("eku-email"));
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(run_verify(output).exit_code, 0);
}

TEST(SignHonesty, PdfaStringLimitsAreKept) {
    const SigningMaterial& material = SigningMaterial::get();
    TempDir tmp;
    const std::string output = (tmp / "out.pdf").string();
    const std::string long_reason(40000, 'a');
    const CommandResult refused = run_sign(material.path("seed.pdf"), output, [&] {
        auto options = material.signer("good");
        options.push_back("--reason");
        options.push_back(long_reason);
        return options;
    }());
    EXPECT_EQ(refused.exit_code, 2) << refused.err;
    EXPECT_NE(refused.err.find("seed.pdf: error: --reason is 40000 bytes as a PDF string; PDF/A "
                               "allows at most 32767"),
              std::string::npos)
        << refused.err;
    EXPECT_FALSE(fs::exists(output));

    // 16,400 Chinese characters are 32,802 bytes in UTF-16 (with its byte order mark).
    std::string chinese;
    for (int i = 0; i < 16400; ++i) {
        chinese += "审";
    }
    auto options = material.signer("good");
    options.insert(options.end(), {"--location", chinese});
    const CommandResult location = run_sign(material.path("seed.pdf"), output, options);
    EXPECT_EQ(location.exit_code, 2) << location.err;
    EXPECT_NE(location.err.find("--location is 32802 bytes"), std::string::npos) << location.err;
    EXPECT_FALSE(fs::exists(output));

    // A file that is not PDF/A has no such limit.
    auto plain_options = material.signer("good");
    plain_options.insert(plain_options.end(), {"--reason", long_reason});
    const CommandResult plain = run_sign(material.path("plain.pdf"), output, plain_options);
    EXPECT_EQ(plain.exit_code, 0) << plain.err;
}

TEST(SignHonesty, APasswordOnTheCommandLineIsNeverEchoed) {
    const SigningMaterial& material = SigningMaterial::get();
    TempDir tmp;
    const std::string output = (tmp / "out.pdf").string();
    const std::string secret = "Wr0ng-Secret-4711";
    for (const std::vector<std::string>& password :
         {std::vector<std::string>{"--password", secret},
          std::vector<std::string>{"--password=" + secret}}) {
        auto options = material.signer("locked");
        options.insert(options.end(), password.begin(), password.end());
        const CommandResult result = run_sign(material.path("seed.pdf"), output, options);
        EXPECT_EQ(result.exit_code, 64) << result.err;
        EXPECT_NE(result.err.find("--password is not accepted"), std::string::npos) << result.err;
        EXPECT_EQ(result.err.find(secret), std::string::npos) << result.err;
        EXPECT_EQ(result.out.find(secret), std::string::npos) << result.out;
        EXPECT_FALSE(fs::exists(output));
    }
    // The same wrong password from the environment: refused, and not repeated either.
    const CommandResult wrong =
        run_sign(material.path("seed.pdf"), output, material.signer("locked"),
                 {"FORMPDF_KEY_PASSWORD=" + secret});
    EXPECT_EQ(wrong.exit_code, 2) << wrong.err;
    EXPECT_NE(wrong.err.find("wrong password for the private key"), std::string::npos);
    EXPECT_EQ(wrong.err.find(secret), std::string::npos) << wrong.err;
}

struct BadBox {
    const char* name;
    const char* visible;
    int exit_code;
    const char* message;
};

void PrintTo(const BadBox& box, std::ostream* os) {
    *os << box.name;
}

class BadBoxTest : public ::testing::TestWithParam<BadBox> {};

TEST_P(BadBoxTest, IsRefusedWithoutOutput) {
    const SigningMaterial& material = SigningMaterial::get();
    TempDir tmp;
    const std::string output = (tmp / "out.pdf").string();
    auto options = material.signer("good");
    options.insert(options.end(), {"--visible", GetParam().visible});
    const CommandResult result = run_sign(material.path("seed.pdf"), output, options);
    EXPECT_EQ(result.exit_code, GetParam().exit_code) << result.err;
    EXPECT_NE(result.err.find(GetParam().message), std::string::npos) << result.err;
    EXPECT_FALSE(fs::exists(output));
}

INSTANTIATE_TEST_SUITE_P(
    Boxes, BadBoxTest,
    ::testing::Values(
        BadBox{"Empty", "", 64, "--visible must be PAGE:X,Y,W,H"},
        BadBox{"PageWrapsToOne", "4294967297:10,10,50,20", 64, "the page number is too large"},
        BadBox{"PageZero", "0:10,10,50,20", 64, "the page must be a whole number from 1"},
        BadBox{"NegativePage", "-1:10,10,50,20", 64, "the page must be a whole number from 1"},
        BadBox{"NegativeX", "1:-1,10,50,20", 64, "the position must not be negative"},
        BadBox{"NegativeWidth", "1:10,10,-50,20", 64, "the width and height must be more than 0"},
        BadBox{"ZeroHeight", "1:10,10,50,0", 64, "the width and height must be more than 0"},
        BadBox{"NanWidth", "1:10,10,nan,20", 64, "four finite numbers"},
        BadBox{"InfiniteY", "1:10,inf,50,20", 64, "four finite numbers"},
        BadBox{"HugeWidth", "1:10,10,1e400,20", 64, "four finite numbers"},
        BadBox{"TooFewNumbers", "1:10,10,50", 64, "separated by commas"},
        BadBox{"Trailing", "1:10,10,50,20,5", 64, "there is more after H"},
        BadBox{"NoSuchPage", "9:10,10,50,20", 2, "there is no page 9"},
        BadBox{"OffThePage", "1:10,10,5000,20", 2, "the signature box does not fit on page 1"}),
    [](const ::testing::TestParamInfo<BadBox>& info) { return std::string(info.param.name); });

} // namespace
} // namespace formpdf
