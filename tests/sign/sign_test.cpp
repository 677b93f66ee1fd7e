// End-to-end tests of PDF/A output, `formpdf sign` and `formpdf verify`, checked against the tools
// an archivist or auditor would use: poppler's pdfsig, qpdf --check, openssl cms, and the PDF/A
// rule checker in pdfa_checker.cpp. Certificates are made here with the openssl command.

#include "sign/pdfa_checker.h"
#include "support/command.h"

#include <gtest/gtest.h>

#include <sstream>

#include <ctime>
#include <regex>

namespace formpdf {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::read_text;
using testing::run_command;
using testing::TempDir;
using testing::write_text;

const std::string kSourceDir = FORMPDF_SOURCE_DIR;
const std::string kPasswordOne = "pass-one";
const std::string kPasswordTwo = "pass two!";

// The CA, signers and a rendered PDF/A seed form, made once for all tests.
class SignTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir;
        const std::string d = dir_->path().string();
        // openssl ca keeps a small database; it is the OpenSSL 3.0 way to give a certificate a
        // validity period in the past (x509 -req cannot backdate).
        write_text(*dir_ / "ca.cnf",
                   "[ca]\ndefault_ca = test_ca\n"
                   "[test_ca]\ndatabase = " +
                       d +
                       "/index.txt\n"
                       "new_certs_dir = " +
                       d + "\nserial = " + d +
                       "/serial\n"
                       "default_md = sha256\npolicy = any\n"
                       "x509_extensions = signer\nunique_subject = no\n"
                       "[any]\ncommonName = supplied\norganizationName = optional\n"
                       "countryName = optional\n"
                       "[signer]\nbasicConstraints = CA:FALSE\n"
                       "keyUsage = critical, digitalSignature, nonRepudiation\n");
        const std::string script =
            "set -e; cd '" + d +
            "'\n"
            "touch index.txt; echo 1000 > serial\n"
            "openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 3650 "
            "  -subj '/CN=formpdf Test CA/O=formpdf tests/C=CN' "
            "  -addext 'basicConstraints=critical,CA:TRUE' "
            "  -addext 'keyUsage=critical,keyCertSign,cRLSign'\n"
            "openssl req -x509 -newkey rsa:2048 -nodes -keyout other-ca.key -out other-ca.pem "
            "  -days 3650 -subj '/CN=Unrelated CA'\n"
            // Signer one: RSA, PEM, key encrypted with a password, Chinese name.
            "openssl req -utf8 -newkey rsa:2048 -keyout one.key -out one.csr "
            "  -passout 'pass:" +
            kPasswordOne +
            "' -subj '/CN=测试签名人甲/O=formpdf tests/C=CN'\n"
            "openssl ca -batch -utf8 -config ca.cnf -cert ca.pem -keyfile ca.key -in one.csr "
            "  -out one.pem -days 3650 -notext\n"
            // Signer two: ECDSA P-256 in a PKCS#12 file with the CA certificate.
            "openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout two.key "
            "  -out two.csr -subj '/CN=Second Signer/O=formpdf tests/C=CN'\n"
            "openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in two.csr "
            "  -out two.pem -days 3650 -notext\n"
            "openssl pkcs12 -export -inkey two.key -in two.pem -certfile ca.pem -out two.p12 "
            "  -passout 'pass:" +
            kPasswordTwo +
            "'\n"
            "printf '%s\\n' '" +
            kPasswordTwo +
            "' > two.password\n"
            // An expired signer: valid during 2020 only.
            "openssl req -newkey rsa:2048 -nodes -keyout expired.key -out expired.csr "
            "  -subj '/CN=Expired Signer/O=formpdf tests/C=CN'\n"
            "openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in expired.csr "
            "  -out expired.pem -startdate 20200101000000Z -enddate 20201231000000Z -notext\n"
            // A key that belongs to no certificate here.
            "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out stranger.key\n";
        const CommandResult made = run_command({"bash", "-c", script});
        ASSERT_EQ(made.exit_code, 0) << made.err;

        const CommandResult rendered =
            run_command({testing::formpdf_binary(), "render",
                         kSourceDir + "/tests/data/render/narrow-boxes.yaml", "--pdfa", "-o",
                         (*dir_ / "seed.pdf").string()},
                        {"SOURCE_DATE_EPOCH=1700000000"});
        ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }

    static std::string path(const std::string& name) { return (*dir_ / name).string(); }

    // sign ignores SOURCE_DATE_EPOCH (it signs at the real time: sign_honesty_test.cpp); it is
    // set to show that it changes nothing.
    static std::string signing_epoch() { return "SOURCE_DATE_EPOCH=1600000000"; }

    static CommandResult sign(const std::string& input, const std::string& output,
                              std::vector<std::string> options, std::vector<std::string> env = {}) {
        std::vector<std::string> argv = {testing::formpdf_binary(), "sign", input, "-o", output};
        argv.insert(argv.end(), options.begin(), options.end());
        env.push_back(signing_epoch());
        return run_command(argv, env);
    }

    static std::vector<std::string> signer_one() {
        return {"--cert", path("one.pem"), "--key", path("one.key"), "--chain", path("ca.pem")};
    }
    static std::vector<std::string> signer_two() {
        return {"--p12", path("two.p12"), "--password-file", path("two.password")};
    }
    static std::string password_one() { return "FORMPDF_KEY_PASSWORD=" + kPasswordOne; }

    static CommandResult verify(const std::string& pdf, std::vector<std::string> options = {}) {
        std::vector<std::string> argv = {testing::formpdf_binary(), "verify", pdf};
        argv.insert(argv.end(), options.begin(), options.end());
        return run_command(argv);
    }

    static TempDir* dir_;
};

TempDir* SignTest::dir_ = nullptr;

int count(const std::string& text, const std::string& what) {
    int n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos;
         at = text.find(what, at + what.size())) {
        ++n;
    }
    return n;
}

bool is_prefix(const std::string& before, const std::string& after) {
    return after.size() > before.size() && after.compare(0, before.size(), before) == 0;
}

void expect_qpdf_clean(const std::string& pdf) {
    const CommandResult check = run_command({"qpdf", "--check", pdf});
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
    EXPECT_NE(check.out.find("No syntax or stream encoding errors"), std::string::npos)
        << check.out;
}

void expect_pdfa(const std::string& pdf) {
    const std::vector<std::string> violations = testing::pdfa_violations(pdf);
    std::string all;
    for (const std::string& v : violations) {
        all += v + "\n";
    }
    EXPECT_TRUE(violations.empty()) << pdf << ":\n" << all;
}

// pdfsig's block for signature #n (1-based).
std::string pdfsig_block(const std::string& pdfsig_out, int n) {
    const std::size_t start = pdfsig_out.find("Signature #" + std::to_string(n) + ":");
    if (start == std::string::npos) {
        return {};
    }
    const std::size_t end = pdfsig_out.find("Signature #" + std::to_string(n + 1) + ":", start);
    return pdfsig_out.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// The DER CMS of the last signature in the file (its /Contents).
std::string last_cms(const std::string& pdf_bytes) {
    const std::regex pattern(R"(/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+))");
    std::smatch last;
    for (auto it = std::sregex_iterator(pdf_bytes.begin(), pdf_bytes.end(), pattern);
         it != std::sregex_iterator(); ++it) {
        last = *it;
    }
    const std::size_t start = std::stoul(last[1]) + 1;
    const std::size_t end = std::stoul(last[2]) - 1;
    std::string der;
    for (std::size_t i = start; i + 1 < end; i += 2) {
        der += static_cast<char>(std::stoi(pdf_bytes.substr(i, 2), nullptr, 16));
    }
    return der; // trailing zero padding is harmless to DER readers
}

TEST_F(SignTest, RenderedPdfaFormMeetsTheCheckedRules) {
    expect_pdfa(path("seed.pdf"));
    expect_qpdf_clean(path("seed.pdf"));
}

TEST_F(SignTest, TheLayoutCanMakePdfaTheDefault) {
    TempDir tmp;
    const std::string layout = (tmp / "archival.yaml").string();
    write_text(layout, read_text(kSourceDir + "/tests/data/render/narrow-boxes.yaml") +
                           "output:\n  pdfa: true\n");
    const std::string pdf = (tmp / "archival.pdf").string();
    const CommandResult rendered =
        run_command({testing::formpdf_binary(), "render", layout, "-o", pdf});
    ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
    expect_pdfa(pdf);

    write_text(layout, read_text(kSourceDir + "/tests/data/render/narrow-boxes.yaml") +
                           "output:\n  pdf-a: true\n");
    const CommandResult typo =
        run_command({testing::formpdf_binary(), "render", layout, "-o", pdf + ".2"});
    EXPECT_EQ(typo.exit_code, 2);
    EXPECT_NE(typo.err.find("did you mean 'pdfa'?"), std::string::npos) << typo.err;
}

TEST_F(SignTest, TheCheckerRejectsAPlainPdf) {
    // The checker must be able to fail: the same form without --pdfa has no XMP or OutputIntent.
    TempDir tmp;
    const std::string plain = (tmp / "plain.pdf").string();
    ASSERT_EQ(run_command({testing::formpdf_binary(), "render",
                           kSourceDir + "/tests/data/render/narrow-boxes.yaml", "-o", plain})
                  .exit_code,
              0);
    const std::vector<std::string> violations = testing::pdfa_violations(plain);
    ASSERT_GE(violations.size(), 2u);
    EXPECT_EQ(violations[0].rfind("6.6.2.1:", 0), 0u) << violations[0];
}

TEST_F(SignTest, OneSignatureIsAValidPadesIncrementalUpdate) {
    TempDir tmp;
    const std::string signed_pdf = (tmp / "signed.pdf").string();
    const CommandResult result = sign(
        path("seed.pdf"), signed_pdf,
        {"--cert", path("one.pem"), "--key", path("one.key"), "--chain", path("ca.pem"), "--reason",
         "审核通过", "--location", "深圳市福田区", "--contact", "0755-1234", "--field", "财务审核"},
        {password_one()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(is_prefix(read_text(path("seed.pdf")), read_text(signed_pdf)))
        << "the original bytes must be an exact prefix of the signed file";

    const CommandResult pdfsig = run_command({"pdfsig", signed_pdf});
    EXPECT_EQ(count(pdfsig.out, "Signature #"), 1) << pdfsig.out;
    EXPECT_NE(pdfsig.out.find("Signature is Valid."), std::string::npos) << pdfsig.out;
    EXPECT_NE(pdfsig.out.find("Total document signed"), std::string::npos) << pdfsig.out;
    EXPECT_NE(pdfsig.out.find("Signature Type: ETSI.CAdES.detached"), std::string::npos);
    EXPECT_NE(pdfsig.out.find("Signing Hash Algorithm: SHA-256"), std::string::npos);
    EXPECT_NE(pdfsig.out.find("Signature Field Name: 财务审核"), std::string::npos) << pdfsig.out;
    expect_qpdf_clean(signed_pdf);
    expect_pdfa(signed_pdf);

    const CommandResult checked = verify(signed_pdf, {"--trust", path("ca.pem")});
    EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;
    EXPECT_NE(checked.out.find("signer:          测试签名人甲"), std::string::npos) << checked.out;
    EXPECT_NE(checked.out.find("reason:          审核通过"), std::string::npos);
    EXPECT_NE(checked.out.find("location:        深圳市福田区"), std::string::npos);
    EXPECT_NE(checked.out.find("chains to a trusted certificate"), std::string::npos);
    EXPECT_NE(checked.out.find("none: the signature covers the whole file"), std::string::npos);
    EXPECT_NE(checked.out.find("1 signature(s), all valid"), std::string::npos);

    // PAdES B-B: SHA-256, the ESS signing-certificate-v2 attribute, no CMS signingTime.
    const std::string cms_file = (tmp / "sig.der").string();
    write_text(cms_file, last_cms(read_text(signed_pdf)));
    const CommandResult cms =
        run_command({"openssl", "cms", "-cmsout", "-print", "-inform", "DER", "-in", cms_file});
    ASSERT_EQ(cms.exit_code, 0) << cms.err;
    EXPECT_NE(cms.out.find("signingCertificateV2"), std::string::npos) << cms.out;
    EXPECT_NE(cms.out.find("messageDigest"), std::string::npos);
    EXPECT_NE(cms.out.find("sha256"), std::string::npos);
    EXPECT_EQ(cms.out.find("signingTime"), std::string::npos) << "PAdES B-B puts the time in /M";

    // The trust check fails against a CA that did not issue the certificate.
    const CommandResult untrusted = verify(signed_pdf, {"--trust", path("other-ca.pem")});
    EXPECT_EQ(untrusted.exit_code, 5) << untrusted.out;
    EXPECT_NE(untrusted.out.find("does NOT chain"), std::string::npos);
}

TEST_F(SignTest, ASecondSignatureKeepsTheFirstValid) {
    TempDir tmp;
    const std::string once = (tmp / "once.pdf").string();
    const std::string twice = (tmp / "twice.pdf").string();
    ASSERT_EQ(sign(path("seed.pdf"), once, signer_one(), {password_one()}).exit_code, 0);
    const CommandResult second = sign(once, twice, signer_two());
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_TRUE(is_prefix(read_text(path("seed.pdf")), read_text(once)));
    EXPECT_TRUE(is_prefix(read_text(once), read_text(twice)));

    const CommandResult pdfsig = run_command({"pdfsig", twice});
    const std::string first = pdfsig_block(pdfsig.out, 1);
    const std::string latest = pdfsig_block(pdfsig.out, 2);
    EXPECT_NE(first.find("Signature Field Name: Signature1"), std::string::npos) << pdfsig.out;
    EXPECT_NE(first.find("Signature is Valid."), std::string::npos) << pdfsig.out;
    EXPECT_NE(first.find("Not total document signed"), std::string::npos) << pdfsig.out;
    EXPECT_NE(latest.find("Signature Field Name: Signature2"), std::string::npos) << pdfsig.out;
    EXPECT_NE(latest.find("Signer Certificate Common Name: Second Signer"), std::string::npos);
    EXPECT_NE(latest.find("Signature is Valid."), std::string::npos) << pdfsig.out;
    EXPECT_NE(latest.find("Total document signed"), std::string::npos) << pdfsig.out;
    expect_qpdf_clean(once);
    expect_qpdf_clean(twice);
    expect_pdfa(once);
    expect_pdfa(twice);

    const CommandResult checked = verify(twice, {"--trust", path("ca.pem")});
    EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;
    EXPECT_EQ(count(checked.out, "verdict:         VALID"), 2) << checked.out;
    EXPECT_NE(checked.out.find("1 later revision(s), each closed by a valid signature"),
              std::string::npos)
        << checked.out;
    EXPECT_NE(checked.out.find("2 signature(s), all valid"), std::string::npos);
    // A field name in use is refused rather than overwritten.
    const CommandResult clash = sign(once, (tmp / "clash.pdf").string(),
                                     {"--p12", path("two.p12"), "--password-file",
                                      path("two.password"), "--field", "Signature1"});
    EXPECT_EQ(clash.exit_code, 2);
    EXPECT_NE(clash.err.find("already has a form field named 'Signature1'"), std::string::npos)
        << clash.err;
    EXPECT_FALSE(fs::exists(tmp / "clash.pdf"));
}

TEST_F(SignTest, AFlippedByteInTheSignedRangeIsReportedByBothTools) {
    TempDir tmp;
    const std::string once = (tmp / "once.pdf").string();
    const std::string twice = (tmp / "twice.pdf").string();
    ASSERT_EQ(sign(path("seed.pdf"), once, signer_one(), {password_one()}).exit_code, 0);
    ASSERT_EQ(sign(once, twice, signer_two()).exit_code, 0);

    // One byte of the first revision (inside both signed ranges): the producer in the XMP.
    std::string bytes = read_text(twice);
    const std::size_t at = bytes.find("<pdf:Producer>formpdf");
    ASSERT_NE(at, std::string::npos);
    ASSERT_LT(at, read_text(path("seed.pdf")).size());
    bytes[at + 14] = 'F';
    const std::string tampered = (tmp / "tampered.pdf").string();
    write_text(tampered, bytes);

    const CommandResult pdfsig = run_command({"pdfsig", tampered});
    EXPECT_EQ(pdfsig.out.find("Signature is Valid."), std::string::npos) << pdfsig.out;
    EXPECT_EQ(count(pdfsig.out, "Digest Mismatch"), 2) << pdfsig.out;

    const CommandResult checked = verify(tampered);
    EXPECT_EQ(checked.exit_code, 5) << checked.out;
    EXPECT_EQ(count(checked.out, "digest:          INVALID"), 2) << checked.out;
    EXPECT_EQ(count(checked.out, "verdict:         INVALID"), 2) << checked.out;
    EXPECT_NE(checked.out.find("2 NOT valid"), std::string::npos);

    // A byte in the middle of a compressed content or font stream, too.
    bytes = read_text(once);
    bytes[bytes.size() / 3] ^= 0x01;
    write_text(tampered, bytes);
    EXPECT_EQ(verify(tampered).exit_code, 5);
    EXPECT_EQ(run_command({"pdfsig", tampered}).out.find("Signature is Valid."), std::string::npos);
}

TEST_F(SignTest, AnUnsignedUpdateAfterSigningIsReported) {
    TempDir tmp;
    const std::string once = (tmp / "once.pdf").string();
    ASSERT_EQ(sign(path("seed.pdf"), once, signer_one(), {password_one()}).exit_code, 0);
    const std::string changed = (tmp / "changed.pdf").string();
    write_text(changed, read_text(once) + "% appended by someone else\n%%EOF\n");

    const CommandResult pdfsig = run_command({"pdfsig", changed});
    EXPECT_NE(pdfsig.out.find("Not total document signed"), std::string::npos) << pdfsig.out;
    const CommandResult checked = verify(changed);
    EXPECT_EQ(checked.exit_code, 5) << checked.out;
    EXPECT_NE(checked.out.find("digest:          valid"), std::string::npos) << checked.out;
    EXPECT_NE(checked.out.find("MODIFIED: 1 of 1 later revision(s)"), std::string::npos)
        << checked.out;
}

TEST_F(SignTest, VisibleSignatureIsDrawnWithEmbeddedFormFontsAndStaysPdfa) {
    TempDir tmp;
    const std::string signed_pdf = (tmp / "visible.pdf").string();
    const CommandResult result =
        sign(path("seed.pdf"), signed_pdf,
             {"--p12", path("two.p12"), "--password-file", path("two.password"), "--visible",
              "1:120,230,60,25", "--visible-text", "单位盖章\n第二签名人"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const std::string pdfsig = run_command({"pdfsig", signed_pdf}).out;
    EXPECT_NE(pdfsig.find("Signature is Valid."), std::string::npos) << pdfsig;
    EXPECT_NE(pdfsig.find("Total document signed"), std::string::npos) << pdfsig;
    expect_qpdf_clean(signed_pdf);
    expect_pdfa(signed_pdf);

    // The widget has the box (x 120mm, 230mm from the top, 60×25mm on A4) and an appearance.
    const std::string bytes = read_text(signed_pdf);
    EXPECT_NE(bytes.find("/Rect[ 340.157 119.055 510.236 189.921]"), std::string::npos);
    EXPECT_NE(bytes.find("/AP<</N "), std::string::npos);
    // Its text is in a subset of the form's body font, embedded with a ToUnicode map.
    const std::string fonts = run_command({"pdffonts", signed_pdf}).out;
    EXPECT_EQ(count(fonts, "NotoSerifCJKsc-Regular"), 2) << fonts;
    EXPECT_EQ(count(fonts, " yes yes yes "), count(fonts, "CID Type 0C")) << fonts;
    EXPECT_EQ(verify(signed_pdf).exit_code, 0);
}

TEST_F(SignTest, VisibleSignatureGoesIntoTheBoxTheLayoutNames) {
    TempDir tmp;
    const std::string form = (tmp / "form.pdf").string();
    const std::string dump = (tmp / "form.json").string();
    const CommandResult rendered =
        run_command({testing::formpdf_binary(), "render",
                     kSourceDir + "/inputs/family/legacy-project-targets.yaml", "--pdfa", "-o",
                     form, "--dump-layout", dump},
                    {"SOURCE_DATE_EPOCH=1700000000"});
    ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
    // Where the layout put the named cell (the dump lists the document's named boxes).
    const std::string json = read_text(dump);
    const std::size_t at = json.find("\"name\": \"unit-head-signature\"");
    ASSERT_NE(at, std::string::npos) << "the layout names the signature cell";
    const auto number_after = [&](const std::string& key) {
        const std::size_t k = json.find("\"" + key + "\": ", at);
        return std::stod(json.substr(k + key.size() + 4));
    };
    const double x = number_after("x"), y = number_after("y");
    const double width = number_after("width"), height = number_after("height");

    const std::string signed_pdf = (tmp / "signed.pdf").string();
    const CommandResult result = sign(form, signed_pdf,
                                      {"--p12", path("two.p12"), "--password-file",
                                       path("two.password"), "--box", "unit-head-signature"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const std::string pdfsig = run_command({"pdfsig", signed_pdf}).out;
    EXPECT_NE(pdfsig.find("Signature is Valid."), std::string::npos) << pdfsig;
    expect_qpdf_clean(signed_pdf);
    expect_pdfa(signed_pdf);
    // The widget's /Rect is the laid-out box.
    const std::string bytes = read_text(signed_pdf);
    const std::size_t rect = bytes.find("/Rect[", bytes.find("/FT/Sig"));
    ASSERT_NE(rect, std::string::npos);
    std::istringstream numbers(bytes.substr(rect + 6, 80));
    double left = 0, bottom = 0, right = 0, top = 0;
    numbers >> left >> bottom >> right >> top;
    EXPECT_NEAR(left, x, 0.01);
    EXPECT_NEAR(bottom, y, 0.01);
    EXPECT_NEAR(right - left, width, 0.02);
    EXPECT_NEAR(top - bottom, height, 0.02);

    const CommandResult unknown = sign(
        form, (tmp / "x.pdf").string(),
        {"--p12", path("two.p12"), "--password-file", path("two.password"), "--box", "unit-seal"});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_NE(unknown.err.find("no box named 'unit-seal'"), std::string::npos) << unknown.err;
    EXPECT_NE(unknown.err.find("boxes in this PDF: unit-head-signature"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(tmp / "x.pdf"));
}

TEST_F(SignTest, LegacyPkcs7IsAvailableOnRequest) {
    TempDir tmp;
    const std::string signed_pdf = (tmp / "pkcs7.pdf").string();
    ASSERT_EQ(sign(path("seed.pdf"), signed_pdf,
                   {"--pkcs7", "--p12", path("two.p12"), "--password-file", path("two.password")})
                  .exit_code,
              0);
    const std::string pdfsig = run_command({"pdfsig", signed_pdf}).out;
    EXPECT_NE(pdfsig.find("Signature Type: adbe.pkcs7.detached"), std::string::npos) << pdfsig;
    EXPECT_NE(pdfsig.find("Signature is Valid."), std::string::npos) << pdfsig;
    EXPECT_EQ(verify(signed_pdf).exit_code, 0);
}

struct BadSigning {
    const char* name;
    std::vector<std::string> options; // "$name" is replaced by the path of that test file
    std::vector<std::string> env;
    int exit_code;
    const char* message;
};

// gtest prints the parameter in test names and failures: the case name, not its bytes.
void PrintTo(const BadSigning& bad, std::ostream* os) {
    *os << bad.name;
}

class SignErrorTest : public SignTest, public ::testing::WithParamInterface<BadSigning> {};

TEST_P(SignErrorTest, FailsClearlyAndWritesNothing) {
    const BadSigning& bad = GetParam();
    TempDir tmp;
    write_text(tmp / "damaged.pdf", read_text(path("seed.pdf")).substr(0, 4000));
    write_text(tmp / "not.pdf", "hello");
    std::vector<std::string> options;
    for (const std::string& option : bad.options) {
        if (option == "$damaged" || option == "$not") {
            options.push_back((tmp / (option.substr(1) + ".pdf")).string());
        } else if (option.rfind("$", 0) == 0) {
            options.push_back(path(option.substr(1)));
        } else {
            options.push_back(option);
        }
    }
    const std::string input = options.front();
    options.erase(options.begin());
    const std::string output = (tmp / "out.pdf").string();
    const CommandResult result = sign(input, output, options, bad.env);
    EXPECT_EQ(result.exit_code, bad.exit_code) << result.err;
    EXPECT_NE(result.err.find(bad.message), std::string::npos) << result.err;
    if (bad.exit_code == 2) {
        EXPECT_NE(result.err.find("hint: "), std::string::npos) << result.err;
    }
    EXPECT_FALSE(fs::exists(output)) << "no output file after a failure";
}

INSTANTIATE_TEST_SUITE_P(
    Errors, SignErrorTest,
    ::testing::Values(BadSigning{"WrongPemPassword",
                                 {"$seed.pdf", "--cert", "$one.pem", "--key", "$one.key"},
                                 {"FORMPDF_KEY_PASSWORD=wrong"},
                                 2,
                                 "one.key: error: wrong password for the private key"},
                      BadSigning{"MissingPemPassword",
                                 {"$seed.pdf", "--cert", "$one.pem", "--key", "$one.key"},
                                 {},
                                 2,
                                 "the private key is encrypted, and no password was given"},
                      BadSigning{"WrongP12Password",
                                 {"$seed.pdf", "--p12", "$two.p12"},
                                 {"FORMPDF_KEY_PASSWORD=wrong"},
                                 2,
                                 "two.p12: error: wrong password for the PKCS#12 file"},
                      BadSigning{"KeyOfAnotherCertificate",
                                 {"$seed.pdf", "--cert", "$two.pem", "--key", "$stranger.key"},
                                 {},
                                 2,
                                 "the private key does not belong to the certificate"},
                      BadSigning{"ExpiredCertificate",
                                 {"$seed.pdf", "--cert", "$expired.pem", "--key", "$expired.key"},
                                 {},
                                 2,
                                 "expired.pem: error: the certificate expired on 20201231"},
                      BadSigning{
                          "DamagedPdf",
                          {"$damaged", "--p12", "$two.p12", "--password-file", "$two.password"},
                          {},
                          2,
                          "damaged.pdf: error: the PDF is damaged and cannot be signed"},
                      BadSigning{"NotAPdf",
                                 {"$not", "--p12", "$two.p12", "--password-file", "$two.password"},
                                 {},
                                 2,
                                 "not.pdf: error: this is not a PDF file"},
                      BadSigning{"PasswordOnTheCommandLineIsRefused",
                                 {"$seed.pdf", "--p12", "$two.p12", "--password", "pass"},
                                 {},
                                 64,
                                 "--password"},
                      BadSigning{"NoCredentials", {"$seed.pdf"}, {}, 64, "--p12 FILE"},
                      BadSigning{"BoxOffThePage",
                                 {"$seed.pdf", "--p12", "$two.p12", "--password-file",
                                  "$two.password", "--visible", "1:180,280,60,25"},
                                 {},
                                 2,
                                 "the signature box does not fit on page 1"},
                      BadSigning{"NoSuchPage",
                                 {"$seed.pdf", "--p12", "$two.p12", "--password-file",
                                  "$two.password", "--visible", "3:10,10,60,25"},
                                 {},
                                 2,
                                 "there is no page 3"}),
    [](const ::testing::TestParamInfo<BadSigning>& info) { return std::string(info.param.name); });

TEST_F(SignTest, VerifyExitCodes) {
    const CommandResult unsigned_pdf = verify(path("seed.pdf"));
    EXPECT_EQ(unsigned_pdf.exit_code, 5);
    EXPECT_NE(unsigned_pdf.out.find("no signatures"), std::string::npos);
    TempDir tmp;
    write_text(tmp / "x.pdf", "not a pdf");
    const CommandResult not_pdf = verify((tmp / "x.pdf").string());
    EXPECT_EQ(not_pdf.exit_code, 2);
    EXPECT_NE(not_pdf.err.find("x.pdf: error: this is not a PDF file"), std::string::npos)
        << not_pdf.err;
    EXPECT_EQ(verify((tmp / "missing.pdf").string()).exit_code, 4);
}

TEST_F(SignTest, AnExistingOutputIsNotReplacedOnFailure) {
    TempDir tmp;
    const std::string output = (tmp / "out.pdf").string();
    write_text(output, "keep me");
    const CommandResult result =
        sign(path("seed.pdf"), output, {"--cert", path("one.pem"), "--key", path("one.key")},
             {"FORMPDF_KEY_PASSWORD=wrong"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(read_text(output), "keep me");
}

} // namespace
} // namespace formpdf
