#include "pdf/signature_verifier.h"

#include "core/diagnostic.h"
#include "core/messages.h"
#include "pdf/certificate_usage.h"
#include "pdf/openssl_handles.h"
#include "pdf/podofo_support.h"
#include "pdf/untrusted_pdf.h"

#include <openssl/ess.h>
#include <openssl/pem.h>

#include <podofo/podofo.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <functional>
#include <map>
#include <set>

namespace formpdf::pdf {
namespace {

using ByteRange = std::array<std::size_t, 4>;

// What a signature field's value (the signature dictionary) says.
struct SignatureFields {
    std::string field_name;
    std::string sub_filter;
    std::string signing_time;
    std::string reason, location, contact_info;
    std::optional<std::string> contents; // the /Contents string's bytes
    std::optional<ByteRange> range;      // nullopt: see range_problem
    std::string range_text;              // the /ByteRange as written, for the report
    std::string range_problem;           // why the /ByteRange is not four whole numbers >= 0
};

std::string range_text(const ByteRange& range) {
    // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on "[" + string.
    std::string text = "[";
    for (std::size_t i = 0; i < range.size(); ++i) {
        text.append(i == 0 ? "" : " ").append(std::to_string(range[i]));
    }
    text += ']';
    return text;
}

bool is_space(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Reads "[ n n n n ]" at `at`; nullopt if it is not four non-negative integers.
std::optional<ByteRange> read_byte_range(std::string_view pdf, std::size_t at) {
    while (at < pdf.size() && is_space(pdf[at])) {
        ++at;
    }
    if (at >= pdf.size() || pdf[at] != '[') {
        return std::nullopt;
    }
    ++at;
    ByteRange range{};
    for (std::size_t& value : range) {
        while (at < pdf.size() && is_space(pdf[at])) {
            ++at;
        }
        const std::size_t start = at;
        value = 0;
        while (at < pdf.size() && pdf[at] >= '0' && pdf[at] <= '9' && at - start < 15) {
            value = value * 10 + static_cast<std::size_t>(pdf[at] - '0');
            ++at;
        }
        if (at == start) {
            return std::nullopt;
        }
    }
    while (at < pdf.size() && is_space(pdf[at])) {
        ++at;
    }
    if (at >= pdf.size() || pdf[at] != ']') {
        return std::nullopt;
    }
    return range;
}

// Every distinct /ByteRange in the file, in file order. The signature dictionary must be written
// uncompressed (its /Contents is a gap in the signed bytes), so scanning the bytes finds them all.
std::vector<ByteRange> find_byte_ranges(std::string_view pdf) {
    std::vector<ByteRange> ranges;
    std::set<ByteRange> seen;
    const std::string_view key = "/ByteRange";
    for (std::size_t at = pdf.find(key); at != std::string_view::npos;
         at = pdf.find(key, at + key.size())) {
        if (const auto range = read_byte_range(pdf, at + key.size())) {
            if (seen.insert(*range).second) {
                ranges.push_back(*range);
            }
        }
    }
    return ranges;
}

// Each signature is checked over up to the whole file: a file claiming more signatures than any
// real document has is refused rather than checked for minutes.
constexpr std::size_t kMaxSignatures = 256;

void check_signature_count(std::size_t count) {
    if (count > kMaxSignatures) {
        throw DiagnosticError(make_error(
            {},
            tr("the file has {0} signatures; formpdf verify checks at most {1}",
               {std::to_string(count), std::to_string(kMaxSignatures)}),
            tr("a real document has a few signatures; this file is probably made to slow checks "
               "down")));
    }
}

std::string string_value(const PoDoFo::PdfDictionary& dict, const char* key) {
    const PoDoFo::PdfObject* value = dict.GetKey(key);
    if (value == nullptr) {
        return {};
    }
    if (value->IsString() || value->IsHexString()) {
        return value->GetString().GetStringUtf8();
    }
    if (value->IsName()) {
        return value->GetName().GetName();
    }
    return {};
}

using ObjectResolver = std::function<const PoDoFo::PdfObject*(const PoDoFo::PdfObject*)>;

// Reads the /ByteRange of a signature dictionary into `fields`: the text as written, and the
// four numbers when it is four whole numbers >= 0 (anything else is a problem the report shows).
void read_byte_range_value(const PoDoFo::PdfDictionary& sig, const ObjectResolver& resolve,
                           SignatureFields& fields) {
    const PoDoFo::PdfObject* range = resolve(sig.GetKey("ByteRange"));
    if (range == nullptr) {
        fields.range_problem = tr("the signature dictionary has no /ByteRange");
        return;
    }
    if (!range->IsArray()) {
        fields.range_problem = tr("the /ByteRange is not an array");
        return;
    }
    const PoDoFo::PdfArray& array = range->GetArray();
    std::vector<std::int64_t> numbers;
    bool whole = true;
    std::string text(1, '[');
    for (const PoDoFo::PdfObject& item : array) {
        const PoDoFo::PdfObject* value = resolve(&item);
        if (text.size() > 1) {
            text += " ";
        }
        if (value != nullptr && value->IsNumber()) {
            numbers.push_back(value->GetNumber());
            text += std::to_string(value->GetNumber());
        } else {
            whole = false;
            text += value != nullptr && value->IsReal() ? "(a real number)" : "(?)";
        }
        if (text.size() > 200) {
            text += " ...";
            break;
        }
    }
    text += ']';
    fields.range_text = std::move(text);
    if (array.size() != 4) {
        fields.range_problem = tr("the /ByteRange has {0} values; a signature's has 4 (two "
                                  "ranges around the /Contents value)",
                                  {std::to_string(array.size())});
    } else if (!whole) {
        fields.range_problem = tr("the /ByteRange holds a value that is not a whole number");
    } else if (std::any_of(numbers.begin(), numbers.end(), [](std::int64_t n) { return n < 0; })) {
        fields.range_problem = tr("the /ByteRange holds a negative number");
    } else {
        ByteRange key{};
        for (std::size_t i = 0; i < 4; ++i) {
            key[i] = static_cast<std::size_t>(numbers[i]);
        }
        fields.range = key;
    }
}

struct FieldWalk {
    PoDoFo::PdfVecObjects& objects;
    std::set<const PoDoFo::PdfObject*> visited; // each field once: /Kids may form cycles
    std::vector<SignatureFields> found;

    const PoDoFo::PdfObject* resolve(const PoDoFo::PdfObject* object) const {
        return object != nullptr && object->IsReference()
                   ? objects.GetObject(object->GetReference())
                   : object;
    }

    void visit(const PoDoFo::PdfObject* field, const std::string& parent_name,
               bool parent_is_signature, int depth) {
        if (field == nullptr || !field->IsDictionary() || depth > 32 ||
            !visited.insert(field).second) {
            return;
        }
        const PoDoFo::PdfDictionary& dict = field->GetDictionary();
        const std::string own_name = string_value(dict, "T");
        const std::string name = parent_name.empty() ? own_name
                                 : own_name.empty()  ? parent_name
                                                     : parent_name + "." + own_name;
        const std::string type = string_value(dict, "FT");
        const bool is_signature = type.empty() ? parent_is_signature : type == "Sig";
        const ObjectResolver resolver = [this](const PoDoFo::PdfObject* object) {
            return resolve(object);
        };
        if (is_signature) {
            const PoDoFo::PdfObject* value = resolve(dict.GetKey("V"));
            if (value != nullptr && value->IsDictionary()) {
                const PoDoFo::PdfDictionary& sig = value->GetDictionary();
                SignatureFields fields;
                fields.field_name = name;
                fields.sub_filter = string_value(sig, "SubFilter");
                fields.signing_time = string_value(sig, "M");
                fields.reason = string_value(sig, "Reason");
                fields.location = string_value(sig, "Location");
                fields.contact_info = string_value(sig, "ContactInfo");
                const PoDoFo::PdfObject* contents = resolve(sig.GetKey("Contents"));
                if (contents != nullptr && (contents->IsString() || contents->IsHexString())) {
                    const PoDoFo::PdfString& string = contents->GetString();
                    fields.contents = std::string(string.GetString(), string.GetLength());
                }
                read_byte_range_value(sig, resolver, fields);
                found.push_back(std::move(fields));
            }
        }
        const PoDoFo::PdfObject* kids = resolve(dict.GetKey("Kids"));
        if (kids != nullptr && kids->IsArray()) {
            for (const PoDoFo::PdfObject& kid : kids->GetArray()) {
                visit(resolve(&kid), name, is_signature, depth + 1);
            }
        }
    }
};

// The values of the document's signature fields, in the order of the AcroForm's /Fields. Throws
// DiagnosticError when the file cannot be read as a PDF.
std::vector<SignatureFields> read_signature_fields(std::string_view pdf) {
    const UntrustedPdf source{"", N_("verified")};
    const std::unique_ptr<PoDoFo::PdfMemDocument> created = new_memory_document();
    PoDoFo::PdfMemDocument& document = *created;
    load_untrusted_pdf(document, pdf, source, false);
    try {
        FieldWalk walk{document.GetObjects(), {}, {}};
        // Not GetAcroForm(): PoDoFo's wrapper would add a default appearance to the form.
        PoDoFo::PdfObject* form = document.GetCatalog()->GetIndirectKey("AcroForm");
        if (form == nullptr || !form->IsDictionary()) {
            return {};
        }
        const PoDoFo::PdfObject* list = form->GetIndirectKey("Fields");
        if (list == nullptr || !list->IsArray()) {
            return {};
        }
        for (const PoDoFo::PdfObject& item : list->GetArray()) {
            walk.visit(walk.resolve(&item), "", false, 0);
        }
        return std::move(walk.found);
    } catch (const PoDoFo::PdfError& error) {
        fail_damaged(source, podofo_message(error));
    }
}

std::string decode_hex(std::string_view hex) {
    std::string bytes;
    int high = -1;
    for (char c : hex) {
        if (!is_hex(c)) {
            continue;
        }
        const int digit = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
        if (high < 0) {
            high = digit;
        } else {
            bytes += static_cast<char>(high * 16 + digit);
            high = -1;
        }
    }
    return bytes;
}

const ASN1_STRING* signed_attribute(CMS_SignerInfo* signer, int nid, int type) {
    return static_cast<const ASN1_STRING*>(
        CMS_signed_get0_data_by_OBJ(signer, OBJ_nid2obj(nid), -3, type));
}

// PAdES / CAdES: the ESS attribute must name the certificate that signed (RFC 5035).
bool check_signing_certificate(CMS_SignerInfo* signer, X509* certificate, bool required) {
    const ASN1_STRING* v2 =
        signed_attribute(signer, NID_id_smime_aa_signingCertificateV2, V_ASN1_SEQUENCE);
    const ASN1_STRING* v1 =
        signed_attribute(signer, NID_id_smime_aa_signingCertificate, V_ASN1_SEQUENCE);
    if (v1 == nullptr && v2 == nullptr) {
        return !required;
    }
    ESS_SIGNING_CERT_V2* ssv2 = nullptr;
    ESS_SIGNING_CERT* ss = nullptr;
    if (v2 != nullptr) {
        const unsigned char* p = ASN1_STRING_get0_data(v2);
        ssv2 = d2i_ESS_SIGNING_CERT_V2(nullptr, &p, ASN1_STRING_length(v2));
    }
    if (v1 != nullptr) {
        const unsigned char* p = ASN1_STRING_get0_data(v1);
        ss = d2i_ESS_SIGNING_CERT(nullptr, &p, ASN1_STRING_length(v1));
    }
    X509StackPtr chain(sk_X509_new_null());
    sk_X509_push(chain.get(), certificate);
    const int result = OSSL_ESS_check_signing_certs(ss, ssv2, chain.get(), 1);
    sk_X509_shift(chain.get()); // not owned
    ESS_SIGNING_CERT_V2_free(ssv2);
    ESS_SIGNING_CERT_free(ss);
    openssl_error();
    return result > 0;
}

std::optional<bool> check_chain(X509* certificate, STACK_OF(X509) * untrusted,
                                const std::string& trusted_pem, std::optional<std::int64_t> time) {
    if (trusted_pem.empty()) {
        return std::nullopt;
    }
    StorePtr store(X509_STORE_new());
    BioPtr bio = memory_bio(trusted_pem);
    while (X509* anchor = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
        X509_STORE_add_cert(store.get(), anchor);
        X509_free(anchor);
    }
    openssl_error();
    StoreCtxPtr context(X509_STORE_CTX_new());
    if (X509_STORE_CTX_init(context.get(), store.get(), certificate, untrusted) != 1) {
        return false;
    }
    X509_STORE_CTX_set_purpose(context.get(), X509_PURPOSE_ANY);
    if (time) {
        X509_STORE_CTX_set_time(context.get(), 0, static_cast<time_t>(*time));
    }
    const bool trusted = X509_verify_cert(context.get()) == 1;
    openssl_error();
    return trusted;
}

void check_cms(SignatureReport& report, const std::string& der, const std::string& signed_bytes,
               const VerifyOptions& options) {
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size())));
    if (!cms || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
        openssl_error();
        report.problems.push_back(tr("the signature value is not a CMS SignedData"));
        return;
    }
    STACK_OF(CMS_SignerInfo)* signers = CMS_get0_SignerInfos(cms.get());
    if (sk_CMS_SignerInfo_num(signers) != 1) {
        report.problems.push_back(tr("the CMS holds {0} signers; a PDF signature has exactly one",
                                     {std::to_string(sk_CMS_SignerInfo_num(signers))}));
        return;
    }
    CMS_SignerInfo* signer = sk_CMS_SignerInfo_value(signers, 0);
    CMS_set1_signers_certs(cms.get(), nullptr, 0);
    openssl_error();
    EVP_PKEY* key = nullptr;
    X509* certificate = nullptr;
    X509_ALGOR* digest_algorithm = nullptr;
    CMS_SignerInfo_get0_algs(signer, &key, &certificate, &digest_algorithm, nullptr);
    if (certificate == nullptr) {
        report.problems.push_back(tr("the signer's certificate is not in the signature"));
        return;
    }
    report.signer = common_name(X509_get_subject_name(certificate));
    report.signer_subject = name_text(X509_get_subject_name(certificate));
    report.issuer = name_text(X509_get_issuer_name(certificate));

    const ASN1_OBJECT* digest_oid = nullptr;
    X509_ALGOR_get0(&digest_oid, nullptr, nullptr, digest_algorithm);
    const EVP_MD* md = EVP_get_digestbyobj(digest_oid);
    report.digest_algorithm = md != nullptr ? OBJ_nid2sn(EVP_MD_get_type(md)) : "unknown";

    STACK_OF(X509)* certificates = CMS_get1_certs(cms.get());
    X509StackPtr owned_certificates(certificates);
    if (CMS_signed_get_attr_count(signer) > 0) {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned digest_length = 0;
        const ASN1_STRING* signed_digest =
            signed_attribute(signer, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING);
        report.digest_ok =
            md != nullptr && signed_digest != nullptr &&
            EVP_Digest(signed_bytes.data(), signed_bytes.size(), digest, &digest_length, md,
                       nullptr) == 1 &&
            static_cast<int>(digest_length) == ASN1_STRING_length(signed_digest) &&
            std::equal(digest, digest + digest_length, ASN1_STRING_get0_data(signed_digest));
        report.signature_ok = CMS_SignerInfo_verify(signer) == 1;
    } else {
        // No signed attributes: the signature is over the content's digest itself.
        BioPtr content = memory_bio(signed_bytes);
        const bool ok = CMS_verify(cms.get(), nullptr, nullptr, content.get(), nullptr,
                                   CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) == 1;
        report.digest_ok = ok;
        report.signature_ok = ok;
    }
    openssl_error();
    if (!*report.digest_ok) {
        report.problems.push_back(
            tr("the signed bytes do not match the signed digest: the document "
               "was changed after signing"));
    }
    if (!*report.signature_ok) {
        report.problems.push_back(
            tr("the signature does not verify with the signer's certificate"));
    }

    const bool pades = report.sub_filter == "ETSI.CAdES.detached";
    report.signing_certificate_ok = check_signing_certificate(signer, certificate, pades);
    if (!*report.signing_certificate_ok) {
        report.problems.push_back(pades ? tr("the ESS signing-certificate-v2 attribute (required "
                                             "by PAdES) is missing or names another certificate")
                                        : tr("the ESS signing-certificate attribute names another "
                                             "certificate"));
    }
    if (pades && CMS_signed_get_attr_by_NID(signer, NID_pkcs9_signingTime, -1) >= 0) {
        report.notes.push_back(tr("the CMS has a signingTime attribute, which PAdES baseline "
                                  "signatures leave out (the time belongs in /M)"));
    }

    const std::int64_t not_before = unix_time(X509_get0_notBefore(certificate));
    const std::int64_t not_after = unix_time(X509_get0_notAfter(certificate));
    if (report.signing_time_utc) {
        report.certificate_valid_at_signing_time =
            *report.signing_time_utc >= not_before && *report.signing_time_utc <= not_after;
        if (!*report.certificate_valid_at_signing_time) {
            report.problems.push_back(
                tr("the signer's certificate was not valid at the signing time"));
        }
    } else {
        report.problems.push_back(tr("the signature has no signing time (/M)"));
    }
    const std::optional<std::string> usage_problem = signing_usage_problem(certificate);
    report.certificate_usage_ok = !usage_problem;
    if (usage_problem) {
        report.problems.push_back(*usage_problem);
    }
    report.chain_trusted = check_chain(certificate, certificates, options.trusted_certificates_pem,
                                       report.signing_time_utc);
    if (report.chain_trusted && !*report.chain_trusted) {
        report.problems.push_back(tr("the signer's certificate does not chain to a trusted "
                                     "certificate"));
    }
}

// Checks the byte range against the file and, when it leaves out exactly a hex string, the
// signature value in that gap. Problems go into the report.
void check_signed_range(SignatureReport& report, const ByteRange& range, std::string_view pdf,
                        const std::vector<std::size_t>& ends,
                        const std::optional<std::string>& contents, const VerifyOptions& options) {
    report.byte_range_text = range_text(range);
    const std::size_t gap_start = range[0] + range[1]; // each < 10^15: no overflow
    const std::size_t gap_end = range[2];
    const std::size_t end = range[2] + range[3];
    if (range[0] != 0) {
        report.problems.push_back(tr("the /ByteRange does not start at the beginning of the file"));
        return;
    }
    if (gap_start >= gap_end) {
        report.problems.push_back(gap_start == gap_end
                                      ? tr("the /ByteRange leaves no gap for the signature value")
                                      : tr("the two parts of the /ByteRange overlap"));
        return;
    }
    if (end > pdf.size()) {
        report.problems.push_back(tr("the /ByteRange runs past the end of the file (to byte {0} of "
                                     "{1})",
                                     {std::to_string(end), std::to_string(pdf.size())}));
        return;
    }
    bool gap_is_contents =
        gap_end - gap_start >= 2 && pdf[gap_start] == '<' && pdf[gap_end - 1] == '>';
    for (std::size_t i = gap_start + 1; gap_is_contents && i + 1 < gap_end; ++i) {
        gap_is_contents = is_hex(pdf[i]) || is_space(pdf[i]);
    }
    if (!gap_is_contents) {
        report.problems.push_back(
            tr("the bytes left out of the /ByteRange are not just the signature value (/Contents), "
               "so the signature does not cover all the rest"));
        return;
    }
    const std::string der = decode_hex(pdf.substr(gap_start + 1, gap_end - gap_start - 2));
    if (contents && *contents != der) {
        report.problems.push_back(
            tr("the bytes left out of the /ByteRange are not this signature's "
               "/Contents value"));
        return;
    }
    const auto revision = std::find(ends.begin(), ends.end(), end);
    report.revision_end = end;
    if (revision == ends.end()) {
        report.problems.push_back(tr(
            "the signed bytes do not end at the end of a revision (%%EOF), so the signature does "
            "not cover all of the file before it"));
    } else {
        report.byte_range_ok = true;
        report.revision = static_cast<std::size_t>(revision - ends.begin()) + 1;
        report.later_revisions = static_cast<std::size_t>(ends.end() - revision) - 1;
        if (ends.back() < pdf.size()) {
            ++report.later_revisions; // bytes after the last %%EOF: an unfinished revision
        }
    }
    std::string signed_bytes(pdf.substr(0, gap_start));
    signed_bytes.append(pdf.substr(gap_end, end - gap_end));
    check_cms(report, der, signed_bytes, options);
}

void copy_fields(SignatureReport& report, const SignatureFields& fields) {
    report.field_name = fields.field_name;
    report.sub_filter = fields.sub_filter;
    report.signing_time = fields.signing_time;
    report.reason = fields.reason;
    report.location = fields.location;
    report.contact_info = fields.contact_info;
    report.signing_time_utc = parse_pdf_date(report.signing_time);
}

} // namespace

std::vector<std::size_t> revision_ends(std::string_view pdf) {
    std::vector<std::size_t> ends;
    const std::string_view marker = "%%EOF";
    for (std::size_t at = pdf.find(marker); at != std::string_view::npos;
         at = pdf.find(marker, at + marker.size())) {
        std::size_t end = at + marker.size();
        if (end < pdf.size() && pdf[end] == '\r') {
            ++end;
        }
        if (end < pdf.size() && pdf[end] == '\n') {
            ++end;
        }
        ends.push_back(end);
    }
    return ends;
}

std::optional<std::int64_t> parse_pdf_date(std::string_view date) {
    if (date.substr(0, 2) == "D:") {
        date.remove_prefix(2);
    }
    auto digits = [&](std::size_t at, std::size_t count, int fallback) -> std::optional<int> {
        if (date.size() < at + count) {
            return date.size() <= at ? std::optional<int>(fallback) : std::nullopt;
        }
        int value = 0;
        for (std::size_t i = at; i < at + count; ++i) {
            if (date[i] < '0' || date[i] > '9') {
                return std::nullopt;
            }
            value = value * 10 + (date[i] - '0');
        }
        return value;
    };
    if (date.size() < 4) {
        return std::nullopt;
    }
    const auto year = digits(0, 4, 0), month = digits(4, 2, 1), day = digits(6, 2, 1),
               hour = digits(8, 2, 0), minute = digits(10, 2, 0), second = digits(12, 2, 0);
    if (!year || !month || !day || !hour || !minute || !second) {
        return std::nullopt;
    }
    using namespace std::chrono;
    const year_month_day ymd{std::chrono::year{*year}, std::chrono::month{unsigned(*month)},
                             std::chrono::day{unsigned(*day)}};
    if (!ymd.ok() || *hour > 23 || *minute > 59 || *second > 60) {
        return std::nullopt;
    }
    std::int64_t seconds = sys_days{ymd}.time_since_epoch() / std::chrono::seconds(1) +
                           *hour * 3600 + *minute * 60 + *second;
    if (date.size() > 14 && (date[14] == '+' || date[14] == '-')) {
        const auto offset_hours = digits(15, 2, 0);
        const auto offset_minutes = date.size() > 18 ? digits(18, 2, 0) : std::optional<int>(0);
        if (!offset_hours || !offset_minutes) {
            return std::nullopt;
        }
        const int offset = *offset_hours * 3600 + *offset_minutes * 60;
        seconds += date[14] == '+' ? -offset : offset;
    }
    return seconds;
}

std::vector<SignatureReport> verify_pdf(std::string_view pdf, const VerifyOptions& options) {
    const std::vector<SignatureFields> fields = read_signature_fields(pdf);
    const std::vector<ByteRange> scanned = find_byte_ranges(pdf);
    const std::vector<std::size_t> ends = revision_ends(pdf);

    // Every signature once: those found in the bytes in file order, then those of fields whose
    // /ByteRange the scan did not find (written another way, or malformed).
    std::vector<ByteRange> ranges = scanned;
    for (const SignatureFields& field : fields) {
        if (field.range && std::find(ranges.begin(), ranges.end(), *field.range) == ranges.end()) {
            ranges.push_back(*field.range);
        }
    }
    check_signature_count(ranges.size() + static_cast<std::size_t>(std::count_if(
                                              fields.begin(), fields.end(),
                                              [](const auto& field) { return !field.range; })));
    std::vector<SignatureReport> reports;
    for (const ByteRange& range : ranges) {
        SignatureReport report;
        const auto field = std::find_if(fields.begin(), fields.end(), [&](const auto& f) {
            return f.range && *f.range == range;
        });
        if (field != fields.end()) {
            copy_fields(report, *field);
        } else {
            report.problems.push_back(
                tr("no signature field of the document holds this signature"));
        }
        // Parse /M before the certificate check, which judges validity at that time.
        check_signed_range(report, range, pdf, ends,
                           field != fields.end() ? field->contents : std::nullopt, options);
        reports.push_back(std::move(report));
    }
    for (const SignatureFields& field : fields) {
        if (!field.range) {
            SignatureReport report;
            copy_fields(report, field);
            report.byte_range_text = field.range_text;
            report.problems.push_back(field.range_problem);
            reports.push_back(std::move(report));
        }
    }

    // A later revision is vouched for when a valid signature closes it; anything else appended
    // after a signature (bytes after the last %%EOF too) is an unsigned change. Only signatures
    // whose byte range ends at a revision have a "later".
    for (SignatureReport& report : reports) {
        if (!report.byte_range_ok) {
            continue;
        }
        for (auto it = ends.rbegin(); it != ends.rend() && *it > report.revision_end; ++it) {
            const bool signed_revision =
                std::any_of(reports.begin(), reports.end(), [&](const SignatureReport& other) {
                    return other.byte_range_ok && other.revision_end == *it &&
                           other.problems.empty();
                });
            if (!signed_revision) {
                ++report.unsigned_later_revisions;
            }
        }
        if (ends.back() < pdf.size()) {
            ++report.unsigned_later_revisions;
        }
    }
    for (SignatureReport& report : reports) {
        if (report.unsigned_later_revisions > 0) {
            report.problems.push_back(
                tr("the document was changed after signing: {0} of {1} later revision(s) carry no "
                   "valid signature",
                   {std::to_string(report.unsigned_later_revisions),
                    std::to_string(report.later_revisions)}));
        }
    }
    return reports;
}

} // namespace formpdf::pdf
