// `formpdf sign` and `formpdf verify` on damaged, encrypted, oversized and non-file inputs: exit
// code 2 with a message naming the file, never a signal or an internal error, and no output file.
// The damaged PDFs are written by hand here, each a small valid PDF with one thing broken.

#include "sign/signing_material.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

namespace formpdf {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::handmade_pdf;
using testing::run_command;
using testing::run_sign;
using testing::run_verify;
using testing::SigningMaterial;
using testing::TempDir;
using testing::write_text;

const std::string kCatalog = "<< /Type /Catalog /Pages 2 0 R >>";
const std::string kPage = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>";

struct DamagedPdf {
    const char* name;
    std::vector<std::string> objects;
    const char* message; // what the error says after "file.pdf: error: "
};

void PrintTo(const DamagedPdf& pdf, std::ostream* os) {
    *os << pdf.name;
}

class DamagedPdfTest : public ::testing::TestWithParam<DamagedPdf> {};

TEST_P(DamagedPdfTest, SignAndVerifyExitTwoNamingTheFile) {
    const DamagedPdf& damaged = GetParam();
    const SigningMaterial& material = SigningMaterial::get();
    TempDir tmp;
    const std::string input = (tmp / "damaged.pdf").string();
    write_text(input, handmade_pdf(damaged.objects));
    const std::string output = (tmp / "out.pdf").string();

    const CommandResult signed_result = run_sign(input, output, material.signer("good"));
    EXPECT_EQ(signed_result.exit_code, 2) << signed_result.err;
    EXPECT_NE(signed_result.err.find(input + ": error: " + damaged.message), std::string::npos)
        << signed_result.err;
    EXPECT_EQ(signed_result.err.find("internal error"), std::string::npos) << signed_result.err;
    EXPECT_FALSE(fs::exists(output)) << "sign leaves no output after a failure";
    EXPECT_EQ(std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator()), 1)
        << "no temporary file is left behind either";

    // --box reads the PDF's named boxes first, through the same checks.
    const CommandResult boxed = run_sign(input, output,
                                         {"--cert", material.path("good.pem"), "--key",
                                          material.path("good.key"), "--box", "unit-seal"});
    EXPECT_EQ(boxed.exit_code, 2) << boxed.err;
    EXPECT_NE(boxed.err.find(input + ": error: "), std::string::npos) << boxed.err;

    const CommandResult verified = run_verify(input);
    EXPECT_EQ(verified.exit_code, 2) << verified.out << verified.err;
    std::string verify_message = damaged.message;
    const std::string signed_word = "cannot be signed";
    verify_message.replace(verify_message.find(signed_word), signed_word.size(),
                           "cannot be verified");
    EXPECT_NE(verified.err.find(input + ": error: " + verify_message), std::string::npos)
        << verified.err;
    EXPECT_EQ(verified.err.find("internal error"), std::string::npos) << verified.err;
}

INSTANTIATE_TEST_SUITE_P(
    Pdfs, DamagedPdfTest,
    ::testing::Values(
        DamagedPdf{"PageIsNotADictionary",
                   {kCatalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "42"},
                   "the PDF is damaged and cannot be signed: its page tree holds object 3 0 R, "
                   "which is not a dictionary"},
        DamagedPdf{"PageTreeIsItsOwnKid",
                   {kCatalog, "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"},
                   "the PDF is damaged and cannot be signed: its page tree has a cycle"},
        DamagedPdf{"PageIsItsOwnParentAndKid",
                   {kCatalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    "<< /Type /Pages /Parent 3 0 R /Kids [3 0 R] /Count 1 >>"},
                   "the PDF is damaged and cannot be signed: its page tree has a cycle"},
        DamagedPdf{"PageTreeCycleThroughTwoNodes",
                   {kCatalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    "<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"},
                   "the PDF is damaged and cannot be signed: its page tree has a cycle"},
        DamagedPdf{"CountLies",
                   {kCatalog, "<< /Type /Pages /Kids [3 0 R] /Count 5 >>", kPage},
                   "the PDF is damaged and cannot be signed: the page tree node object 2 0 R "
                   "says /Count 5, but holds 1 page(s)"},
        DamagedPdf{"CountIsHuge",
                   {kCatalog, "<< /Type /Pages /Kids [3 0 R] /Count 2000000000 >>", kPage},
                   "the PDF is damaged and cannot be signed"},
        DamagedPdf{"KidIsMissing",
                   {kCatalog, "<< /Type /Pages /Kids [9 0 R] /Count 1 >>"},
                   "the PDF is damaged and cannot be signed"},
        DamagedPdf{"NoPageTree",
                   {"<< /Type /Catalog >>"},
                   "the PDF is damaged and cannot be signed: it has no pages"},
        DamagedPdf{"NoPages",
                   {kCatalog, "<< /Type /Pages /Kids [] /Count 0 >>"},
                   "the PDF is damaged and cannot be signed: it has no pages"},
        DamagedPdf{"FieldKidsCycle",
                   {"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>",
                    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", kPage,
                    "<< /FT /Sig /T (a) /Kids [5 0 R] >>", "<< /T (b) /Kids [4 0 R] >>"},
                   "the PDF is damaged and cannot be signed: its form fields have a cycle"},
        DamagedPdf{"FieldListsItself",
                   {"<< /Type /Catalog /Pages 2 0 R /AcroForm 4 0 R >>",
                    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", kPage,
                    "<< /Fields [5 0 R 5 0 R] >>", "<< /FT /Sig /T (a) >>"},
                   "the PDF is damaged and cannot be signed: its form fields have a cycle"},
        DamagedPdf{"HugeStreamLength",
                   {kCatalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                    "<< /Length 999999999999 >>\nstream\nBT ET\nendstream"},
                   "the PDF is damaged and cannot be signed: a stream's /Length is 999999999999 "
                   "bytes, more than the whole file"}),
    [](const ::testing::TestParamInfo<DamagedPdf>& info) { return std::string(info.param.name); });

TEST(DamagedPdf, AGoodHandmadePdfSignsAndVerifies) {
    // The control for the cases above: the same small PDF, undamaged, is signed and verified.
    const SigningMaterial& material = SigningMaterial::get();
    TempDir tmp;
    const std::string input = (tmp / "good.pdf").string();
    write_text(input, handmade_pdf({kCatalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", kPage}));
    const std::string output = (tmp / "signed.pdf").string();
    const CommandResult signed_result = run_sign(input, output, material.signer("good"));
    ASSERT_EQ(signed_result.exit_code, 0) << signed_result.err;
    const CommandResult verified = run_verify(output);
    EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
    EXPECT_NE(run_command({"pdfsig", output}).out.find("Signature is Valid."), std::string::npos);
}

TEST(DamagedPdf, EncryptedPdfsAreCalledEncryptedNotDamaged) {
    const SigningMaterial& material = SigningMaterial::get();
    TempDir tmp;
    // With a user password (nothing can be read without it), with an empty one, and with AES-128
    // (which PoDoFo cannot even set up without OpenSSL's legacy provider).
    const std::vector<std::vector<std::string>> encryptions = {
        {"user", "owner", "256"}, {"", "owner", "256"}, {"", "owner", "128", "--use-aes=y"}};
    std::vector<std::string> inputs;
    for (const std::vector<std::string>& how : encryptions) {
        inputs.push_back((tmp / ("encrypted" + std::to_string(inputs.size()) + ".pdf")).string());
        std::vector<std::string> argv = {"qpdf", "--encrypt"};
        argv.insert(argv.end(), how.begin(), how.end());
        argv.insert(argv.end(), {"--", material.path("plain.pdf"), inputs.back()});
        const CommandResult encrypted = run_command(argv);
        ASSERT_EQ(encrypted.exit_code, 0) << encrypted.err;
    }
    // And a malformed /Encrypt dictionary (no /Filter), on which PoDoFo's own set-up crashed
    // (found by fuzz_pdf): recognised from the trailer before PoDoFo reads the file.
    inputs.push_back((tmp / "malformed-encrypt.pdf").string());
    write_text(inputs.back(), handmade_pdf({kCatalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                            kPage, "<< /V 5 /R 6 /Length 256 >>"},
                                           "/Encrypt 4 0 R"));
    for (const std::string& input : inputs) {
        const std::string output = (tmp / "out.pdf").string();
        const CommandResult signed_result = run_sign(input, output, material.signer("good"));
        EXPECT_EQ(signed_result.exit_code, 2) << signed_result.err;
        EXPECT_NE(signed_result.err.find(input + ": error: the PDF is encrypted"),
                  std::string::npos)
            << signed_result.err;
        EXPECT_EQ(signed_result.err.find("damaged"), std::string::npos) << signed_result.err;
        EXPECT_FALSE(fs::exists(output));

        const CommandResult verified = run_verify(input);
        EXPECT_EQ(verified.exit_code, 2) << verified.err;
        EXPECT_NE(verified.err.find(input + ": error: the PDF is encrypted"), std::string::npos)
            << verified.err;
    }
}

TEST(DamagedPdf, OversizedAndNonRegularInputsAreRefusedWithoutReadingThem) {
    const SigningMaterial& material = SigningMaterial::get();
    TempDir tmp;
    // A sparse 2 GiB file: refused from its size, before a byte is read.
    const std::string huge = (tmp / "huge.pdf").string();
    ASSERT_EQ(run_command({"truncate", "-s", "2G", huge}).exit_code, 0);
    const CommandResult verified = run_verify(huge);
    EXPECT_EQ(verified.exit_code, 2) << verified.err;
    EXPECT_NE(verified.err.find(huge + ": error: file is larger than the limit"), std::string::npos)
        << verified.err;
    const std::string output = (tmp / "out.pdf").string();
    const CommandResult signed_huge = run_sign(huge, output, material.signer("good"));
    EXPECT_EQ(signed_huge.exit_code, 2) << signed_huge.err;
    EXPECT_NE(signed_huge.err.find("larger than the limit"), std::string::npos);

    // A device is never read (/dev/zero used to be read up to 1 GiB).
    const CommandResult zero = run_verify("/dev/zero");
    EXPECT_EQ(zero.exit_code, 2) << zero.err;
    EXPECT_NE(zero.err.find("/dev/zero: error: this is a device, not a regular file"),
              std::string::npos)
        << zero.err;
    const CommandResult signed_zero = run_sign("/dev/zero", output, material.signer("good"));
    EXPECT_EQ(signed_zero.exit_code, 2) << signed_zero.err;
    EXPECT_FALSE(fs::exists(output));

    // A pipe is read, up to the limit, like a file.
    const CommandResult piped =
        run_command({"bash", "-c", testing::formpdf_binary() + " verify <(printf 'not a pdf')"});
    EXPECT_EQ(piped.exit_code, 2) << piped.err;
    EXPECT_NE(piped.err.find("this is not a PDF file"), std::string::npos) << piped.err;
}

TEST(DamagedPdf, AnUpdateNoReaderWouldLinkToTheDocumentIsRefused) {
    // Found by fuzz_pdf: a broken cross-reference chain (a /Prev into the middle of an object)
    // that PoDoFo loads and updates, but whose signed result no longer shows the new signature
    // in its field. sign reads its output back as verify does, and refuses such an input.
    const SigningMaterial& material = SigningMaterial::get();
    TempDir tmp;
    const std::string input = std::string(FORMPDF_SOURCE_DIR) +
                              "/tests/fuzz/corpus-pdf/crash-update-not-linked-to-the-document.pdf";
    const std::string output = (tmp / "out.pdf").string();
    const CommandResult result = run_sign(input, output, material.signer("good"));
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_NE(result.err.find("the PDF is damaged and cannot be signed: the signed file does not "
                              "read back with its signature in the field 'Signature1'"),
              std::string::npos)
        << result.err;
    EXPECT_FALSE(fs::exists(output));
}

} // namespace
} // namespace formpdf
