#include "sign/signing_material.h"

#include <gtest/gtest.h>

#include <memory>

namespace formpdf::testing {

namespace {
const std::string kSourceDir = FORMPDF_SOURCE_DIR;
} // namespace

SigningMaterial::SigningMaterial() {
    const std::string d = dir_.path().string();
    write_text(dir_ / "ca.cnf",
               "[ca]\ndefault_ca = test_ca\n"
               "[test_ca]\ndatabase = " +
                   d + "/index.txt\nnew_certs_dir = " + d + "\nserial = " + d +
                   "/serial\n"
                   "default_md = sha256\npolicy = any\nunique_subject = no\n"
                   "[any]\ncommonName = supplied\norganizationName = optional\n"
                   "[good]\nbasicConstraints = CA:FALSE\n"
                   "keyUsage = critical, digitalSignature, nonRepudiation\n"
                   "[ku_cert_sign]\nbasicConstraints = CA:FALSE\nkeyUsage = critical, keyCertSign\n"
                   "[eku_server]\nbasicConstraints = CA:FALSE\nkeyUsage = digitalSignature\n"
                   "extendedKeyUsage = serverAuth\n"
                   "[eku_email]\nbasicConstraints = CA:FALSE\nkeyUsage = digitalSignature\n"
                   "extendedKeyUsage = emailProtection\n");
    auto issue = [](const std::string& name, const std::string& section, const std::string& dates) {
        return "openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout " + name +
               ".key -out " + name + ".csr -subj '/CN=" + name +
               " signer/O=formpdf tests'\n"
               "openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in " +
               name + ".csr -out " + name + ".pem -extensions " + section + " " + dates +
               " -notext\n";
    };
    const std::string script =
        "set -e; cd '" + d +
        "'\n"
        "touch index.txt; echo 1000 > serial\n"
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out "
        "ca.pem -days 3650 "
        "  -subj '/CN=Hardening Test CA' -addext 'basicConstraints=critical,CA:TRUE' "
        "  -addext 'keyUsage=critical,keyCertSign,cRLSign'\n" +
        issue("good", "good", "-days 3650") + issue("ku-cert-sign", "ku_cert_sign", "-days 3650") +
        issue("eku-server", "eku_server", "-days 3650") +
        issue("eku-email", "eku_email", "-days 3650") +
        issue("expired", "good", "-startdate 20200101000000Z -enddate 20201231000000Z") +
        "openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -keyout locked.key -out "
        "locked.csr -subj '/CN=locked' "
        "  -passout 'pass:" +
        kLockedPassword +
        "'\n"
        "openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in locked.csr "
        "  -out locked.pem -extensions good -days 3650 -notext\n"
        "openssl genpkey -algorithm SM2 -out sm2.key\n"
        "openssl req -new -x509 -key sm2.key -out sm2.pem -days 3650 -subj '/CN=SM2 signer' -sm3\n"
        "openssl genpkey -algorithm ED25519 -out ed25519.key\n"
        "openssl req -new -x509 -key ed25519.key -out ed25519.pem -days 3650 "
        "  -subj '/CN=Ed25519 signer'\n";
    const CommandResult made = run_command({"bash", "-c", script});
    if (made.exit_code != 0) {
        ADD_FAILURE() << made.err;
    }
    for (const auto& [name, pdfa] : {std::pair<const char*, bool>{"seed.pdf", true},
                                     std::pair<const char*, bool>{"plain.pdf", false}}) {
        std::vector<std::string> argv = {formpdf_binary(), "render",
                                         kSourceDir + "/tests/data/render/narrow-boxes.yaml", "-o",
                                         path(name)};
        if (pdfa) {
            argv.push_back("--pdfa");
        }
        const CommandResult rendered = run_command(argv, {"SOURCE_DATE_EPOCH=1700000000"});
        if (rendered.exit_code != 0) {
            ADD_FAILURE() << rendered.err;
        }
    }
}

const SigningMaterial& SigningMaterial::get() {
    static const std::unique_ptr<SigningMaterial> material(new SigningMaterial);
    return *material;
}

std::vector<std::string> SigningMaterial::signer(const std::string& name) const {
    return {"--cert", path(name + ".pem"), "--key", path(name + ".key")};
}

CommandResult run_sign(const std::string& input, const std::string& output,
                       const std::vector<std::string>& options,
                       const std::vector<std::string>& env) {
    std::vector<std::string> argv = {formpdf_binary(), "sign", input, "-o", output};
    argv.insert(argv.end(), options.begin(), options.end());
    return run_command(argv, env);
}

CommandResult run_verify(const std::string& pdf, const std::vector<std::string>& options) {
    std::vector<std::string> argv = {formpdf_binary(), "verify", pdf};
    argv.insert(argv.end(), options.begin(), options.end());
    return run_command(argv);
}

std::string handmade_pdf(const std::vector<std::string>& objects,
                         const std::string& trailer_extra) {
    std::string pdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (std::size_t offset : offsets) {
        char line[32];
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
        pdf += line;
    }
    pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R " +
           trailer_extra + " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

int occurrences(const std::string& text, const std::string& what) {
    int n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos;
         at = text.find(what, at + what.size())) {
        ++n;
    }
    return n;
}

} // namespace formpdf::testing
