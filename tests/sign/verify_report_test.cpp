// `formpdf verify` tells the truth on screen: values from the file cannot forge lines of the
// report, a certificate whose key usage forbids signing makes a signature INVALID, a malformed
// /ByteRange is listed as INVALID with its reason, and no two lines contradict each other. Where
// pdfsig can judge a file, the verdicts agree with it.

#include "sign/signing_material.h"

#include <gtest/gtest.h>

#include <regex>

namespace formpdf {
namespace {

using testing::CommandResult;
using testing::occurrences;
using testing::read_text;
using testing::run_command;
using testing::run_sign;
using testing::run_verify;
using testing::SigningMaterial;
using testing::TempDir;
using testing::write_text;

// A fresh signed copy of seed.pdf (signer "good"), with extra sign options.
std::string signed_copy(const TempDir& tmp, const std::string& name,
                        const std::vector<std::string>& extra = {}) {
    const SigningMaterial& material = SigningMaterial::get();
    auto options = material.signer("good");
    options.insert(options.end(), extra.begin(), extra.end());
    const std::string output = (tmp / name).string();
    const CommandResult result = run_sign(material.path("seed.pdf"), output, options);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return output;
}

struct ByteRangeAt {
    std::size_t text_at = 0, text_size = 0; // the "[...]" text, padded with spaces
    std::size_t a = 0, b = 0, c = 0;
};

ByteRangeAt last_byte_range(const std::string& bytes) {
    const std::regex pattern(R"(/ByteRange\s*(\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]))");
    ByteRangeAt found;
    for (auto it = std::sregex_iterator(bytes.begin(), bytes.end(), pattern);
         it != std::sregex_iterator(); ++it) {
        found.text_at = static_cast<std::size_t>(it->position(1));
        found.text_size = static_cast<std::size_t>(it->length(1));
        found.a = std::stoul((*it)[2]);
        found.b = std::stoul((*it)[3]);
        found.c = std::stoul((*it)[4]);
    }
    return found;
}

// The file with its last signature's value replaced by a CAdES signature that `openssl cms` makes
// over the same bytes with another certificate (one formpdf sign would refuse).
std::string signed_by(const std::string& bytes, const std::string& signer) {
    const SigningMaterial& material = SigningMaterial::get();
    const ByteRangeAt range = last_byte_range(bytes);
    TempDir tmp;
    write_text(tmp / "data", bytes.substr(0, range.a) + bytes.substr(range.b, range.c));
    const CommandResult cms = run_command(
        {"openssl", "cms", "-sign", "-binary", "-cades", "-md", "sha256", "-nosmimecap", "-signer",
         material.path(signer + ".pem"), "-inkey", material.path(signer + ".key"), "-outform",
         "DER", "-in", (tmp / "data").string(), "-out", (tmp / "sig.der").string()});
    EXPECT_EQ(cms.exit_code, 0) << cms.err;
    std::string hex;
    for (unsigned char c : read_text(tmp / "sig.der")) {
        static const char kDigits[] = "0123456789abcdef";
        hex += kDigits[c >> 4];
        hex += kDigits[c & 0xf];
    }
    const std::size_t room = range.b - range.a - 2;
    EXPECT_LE(hex.size(), room);
    hex.resize(room, '0');
    std::string out = bytes;
    out.replace(range.a + 1, room, hex);
    return out;
}

TEST(VerifyReport, ControlCharactersFromTheFileAreEscapedOnOneLine) {
    TempDir tmp;
    const std::string pdf = signed_copy(
        tmp, "spoof.pdf",
        {"--reason", "ok\n\x1b[32mverdict:         VALID\x1b[0m\xE2\x80\xAE", "--location",
         "\xC2\x9B"
         "2J"});
    const CommandResult checked = run_verify(pdf);
    EXPECT_EQ(checked.exit_code, 0) << checked.out;
    EXPECT_NE(checked.out.find("  reason:          ok\\x0a\\x1b[32mverdict:         "
                               "VALID\\x1b[0m\\u{202E}\n"),
              std::string::npos)
        << checked.out;
    EXPECT_NE(checked.out.find("  location:        \\u{009B}2J\n"), std::string::npos)
        << checked.out;
    EXPECT_EQ(checked.out.find('\x1b'), std::string::npos);
    EXPECT_EQ(occurrences(checked.out, "\n  verdict:"), 1) << checked.out;
}

TEST(VerifyReport, ACertificateWhoseKeyUsageForbidsSigningIsInvalid) {
    TempDir tmp;
    const std::string good = signed_copy(tmp, "good.pdf");
    for (const char* signer : {"ku-cert-sign", "eku-server"}) {
        const std::string pdf = (tmp / (std::string(signer) + ".pdf")).string();
        write_text(pdf, signed_by(read_text(good), signer));
        const CommandResult checked = run_verify(pdf);
        EXPECT_EQ(checked.exit_code, 5) << checked.out;
        EXPECT_NE(checked.out.find("digest:          valid"), std::string::npos) << checked.out;
        EXPECT_NE(checked.out.find("signature:       valid"), std::string::npos) << checked.out;
        EXPECT_NE(checked.out.find("key usage:       does NOT allow signing documents"),
                  std::string::npos)
            << checked.out;
        EXPECT_NE(checked.out.find("verdict:         INVALID"), std::string::npos);
        // pdfsig finds the signature value valid but flags the certificate (NSS checks it for
        // signing, and fails it for its key usage).
        const CommandResult pdfsig = run_command({"pdfsig", pdf});
        EXPECT_NE(pdfsig.out.find("Certificate Validation: Unknown issue with Certificate"),
                  std::string::npos)
            << signer << ":\n"
            << pdfsig.out;
    }
    // The control: the same re-signing with a certificate that may sign is valid for both.
    const std::string pdf = (tmp / "eku-email.pdf").string();
    write_text(pdf, signed_by(read_text(good), "eku-email"));
    const CommandResult checked = run_verify(pdf);
    EXPECT_EQ(checked.exit_code, 0) << checked.out;
    const CommandResult pdfsig = run_command({"pdfsig", pdf});
    EXPECT_NE(pdfsig.out.find("Signature is Valid."), std::string::npos) << pdfsig.out;
    EXPECT_EQ(pdfsig.out.find("Unknown issue with Certificate"), std::string::npos) << pdfsig.out;
}

struct BadRange {
    const char* name;
    // The new /ByteRange text from the real one's numbers (a, b, c: [0 a b c]).
    std::string (*text)(const ByteRangeAt&);
    const char* problem;
};

void PrintTo(const BadRange& range, std::ostream* os) {
    *os << range.name;
}

class BadByteRangeTest : public ::testing::TestWithParam<BadRange> {};

TEST_P(BadByteRangeTest, IsListedAsInvalidWithItsReason) {
    TempDir tmp;
    std::string bytes = read_text(signed_copy(tmp, "signed.pdf"));
    const ByteRangeAt range = last_byte_range(bytes);
    std::string text = GetParam().text(range);
    ASSERT_LE(text.size(), range.text_size);
    text.insert(text.size() - 1, range.text_size - text.size(), ' ');
    bytes.replace(range.text_at, range.text_size, text);
    const std::string pdf = (tmp / "bad.pdf").string();
    write_text(pdf, bytes);

    const CommandResult checked = run_verify(pdf);
    EXPECT_EQ(checked.exit_code, 5) << checked.out << checked.err;
    EXPECT_NE(checked.out.find("Signature 1 of 1: Signature1"), std::string::npos) << checked.out;
    EXPECT_NE(checked.out.find("problem:         " + std::string(GetParam().problem)),
              std::string::npos)
        << checked.out;
    EXPECT_NE(checked.out.find("byte range:      WRONG"), std::string::npos) << checked.out;
    EXPECT_NE(checked.out.find("changes after:   not known"), std::string::npos) << checked.out;
    EXPECT_NE(checked.out.find("verdict:         INVALID"), std::string::npos) << checked.out;
    EXPECT_NE(checked.out.find("1 signature(s), 1 NOT valid"), std::string::npos);
    EXPECT_EQ(run_command({"pdfsig", pdf}).out.find("Signature is Valid."), std::string::npos);
}

std::string join(std::size_t a, std::size_t b, std::size_t c) {
    return "[0 " + std::to_string(a) + " " + std::to_string(b) + " " + std::to_string(c) + "]";
}

INSTANTIATE_TEST_SUITE_P(
    Ranges, BadByteRangeTest,
    ::testing::Values(
        BadRange{"ThreeValues",
                 [](const ByteRangeAt& r) {
                     return "[0 " + std::to_string(r.a) + " " + std::to_string(r.b) + "]";
                 },
                 "the /ByteRange has 3 values"},
        BadRange{"Negative",
                 [](const ByteRangeAt& r) {
                     return "[0 -" + std::to_string(r.a) + " " + std::to_string(r.b) + " " +
                            std::to_string(r.c) + "]";
                 },
                 "the /ByteRange holds a negative number"},
        BadRange{"NotWholeNumbers",
                 [](const ByteRangeAt& r) {
                     return "[0 " + std::to_string(r.a) + ".5 " + std::to_string(r.b) + " " +
                            std::to_string(r.c) + "]";
                 },
                 "the /ByteRange holds a value that is not a whole number"},
        BadRange{"Overlapping", [](const ByteRangeAt& r) { return join(r.b + 10, r.b, r.c); },
                 "the two parts of the /ByteRange overlap"},
        BadRange{"PastTheEnd", [](const ByteRangeAt& r) { return join(r.a, r.b, r.c + 999); },
                 "the /ByteRange runs past the end of the file"},
        BadRange{"GapIsMoreThanContents",
                 [](const ByteRangeAt& r) { return join(r.a - 20, r.b, r.c); },
                 "the bytes left out of the /ByteRange are not just the signature value"},
        BadRange{"EndsBeforeTheRevision",
                 [](const ByteRangeAt& r) { return join(r.a, r.b, r.c - 10); },
                 "the signed bytes do not end at the end of a revision"}),
    [](const ::testing::TestParamInfo<BadRange>& info) { return std::string(info.param.name); });

TEST(VerifyReport, BytesAfterTheLastEofAreALaterRevisionOnEveryLine) {
    TempDir tmp;
    const std::string pdf = (tmp / "appended.pdf").string();
    write_text(pdf, read_text(signed_copy(tmp, "signed.pdf")) + "junk without an end marker\n");
    const CommandResult checked = run_verify(pdf);
    EXPECT_EQ(checked.exit_code, 5) << checked.out;
    EXPECT_NE(checked.out.find("changes after:   MODIFIED: 1 of 1 later revision(s) carry no "
                               "valid signature"),
              std::string::npos)
        << checked.out;
    EXPECT_NE(checked.out.find("the document was changed after signing: 1 of 1 later"),
              std::string::npos)
        << checked.out;
    EXPECT_EQ(checked.out.find("none: the signature covers the whole file"), std::string::npos)
        << checked.out;
    EXPECT_NE(run_command({"pdfsig", pdf}).out.find("Not total document signed"),
              std::string::npos);
}

TEST(VerifyReport, AFileWithHundredsOfByteRangesIsRefusedNotCheckedForMinutes) {
    TempDir tmp;
    std::string pdf = read_text(signed_copy(tmp, "signed.pdf"));
    for (int i = 1; i <= 300; ++i) {
        pdf += "% /ByteRange [0 " + std::to_string(i) + " " + std::to_string(i + 1) + " 9]\n";
    }
    const std::string path = (tmp / "many.pdf").string();
    write_text(path, pdf);
    const CommandResult checked = run_verify(path);
    EXPECT_EQ(checked.exit_code, 2) << checked.out << checked.err;
    EXPECT_NE(checked.err.find(path + ": error: the file has 301 signatures; formpdf verify checks "
                                      "at most 256"),
              std::string::npos)
        << checked.err;
}

} // namespace
} // namespace formpdf
