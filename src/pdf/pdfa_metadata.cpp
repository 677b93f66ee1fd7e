#include "pdf/pdfa_metadata.h"

#include "core/utc_time.h"

#include "core/diagnostic.h"
#include "core/messages.h"

#include <podofo/podofo.h>

#include <cstdio>
#include <fstream>
#include <iterator>

namespace formpdf::pdf {
namespace {

std::string xml_escaped(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

// Replaces the value of `name` written as <name>value</name> or name="value"; false if absent.
bool replace_property(std::string& xmp, const std::string& name, const std::string& value) {
    const std::string open = "<" + name + ">";
    if (const auto start = xmp.find(open); start != std::string::npos) {
        const auto value_start = start + open.size();
        const auto end = xmp.find("</" + name + ">", value_start);
        if (end == std::string::npos) {
            return false;
        }
        xmp.replace(value_start, end - value_start, value);
        return true;
    }
    for (const char quote : {'"', '\''}) {
        const std::string attribute = name + "=" + quote;
        if (const auto start = xmp.find(attribute); start != std::string::npos) {
            const auto value_start = start + attribute.size();
            const auto end = xmp.find(quote, value_start);
            if (end == std::string::npos) {
                return false;
            }
            xmp.replace(value_start, end - value_start, value);
            return true;
        }
    }
    return false;
}

std::optional<std::string> read_binary(const char* path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// ICC.1 header: size at 0, version major at 8, device class at 12, colour space at 16, 'acsp'
// at 36.
bool is_usable_output_profile(const std::string& icc) {
    if (icc.size() < 128 || icc.compare(36, 4, "acsp") != 0) {
        return false;
    }
    const std::string device_class = icc.substr(12, 4);
    const auto major_version = static_cast<unsigned char>(icc[8]);
    return (device_class == "mntr" || device_class == "prtr") && icc.compare(16, 4, "RGB ") == 0 &&
           major_version < 5;
}

} // namespace

std::string xmp_date(std::int64_t unix_seconds) {
    const UtcTime t = utc_time(unix_seconds);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02u:%02u:%02u+00:00", t.year, t.month, t.day,
                  t.hour, t.minute, t.second);
    return buf;
}

std::string xmp_packet(const XmpFields& fields) {
    std::string xmp;
    xmp += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
    xmp += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n";
    xmp += " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
    xmp += "  <rdf:Description rdf:about=\"\"\n";
    xmp += "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n";
    xmp += "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n";
    xmp += "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n";
    xmp += "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n";
    xmp += "   <dc:format>application/pdf</dc:format>\n";
    if (!fields.title.empty()) {
        xmp += "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escaped(fields.title) +
               "</rdf:li></rdf:Alt></dc:title>\n";
    }
    xmp += "   <xmp:CreateDate>" + xmp_date(fields.create_time) + "</xmp:CreateDate>\n";
    xmp += "   <xmp:ModifyDate>" + xmp_date(fields.modify_time) + "</xmp:ModifyDate>\n";
    xmp += "   <xmp:MetadataDate>" + xmp_date(fields.modify_time) + "</xmp:MetadataDate>\n";
    xmp += "   <pdf:Producer>" + xml_escaped(fields.producer) + "</pdf:Producer>\n";
    xmp += "   <pdfaid:part>2</pdfaid:part>\n";
    xmp += "   <pdfaid:conformance>B</pdfaid:conformance>\n";
    xmp += "  </rdf:Description>\n";
    xmp += " </rdf:RDF>\n";
    xmp += "</x:xmpmeta>\n";
    xmp += "<?xpacket end=\"w\"?>";
    return xmp;
}

std::optional<std::string> with_modify_date(std::string_view xmp, std::int64_t unix_seconds) {
    std::string updated(xmp);
    const std::string date = xmp_date(unix_seconds);
    bool found = false;
    for (const char* prefix : {"xmp:", "xap:"}) {
        if (replace_property(updated, std::string(prefix) + "ModifyDate", date)) {
            found = true;
            replace_property(updated, std::string(prefix) + "MetadataDate", date);
        }
    }
    if (!found) {
        return std::nullopt;
    }
    return updated;
}

std::string srgb_icc_profile() {
    for (const char* path : kSrgbProfilePaths) {
        if (auto icc = read_binary(path); icc && is_usable_output_profile(*icc)) {
            return *icc;
        }
    }
    throw DiagnosticError(make_error(
        {},
        tr("PDF/A output needs an sRGB ICC profile, and none was found at {0} or {1}",
           {kSrgbProfilePaths[0], kSrgbProfilePaths[1]}),
        tr("install the Debian package icc-profiles-free (scripts/install-deps does), or render "
           "without --pdfa")));
}

void add_pdfa_objects(PoDoFo::PdfMemDocument& pdf, const XmpFields& fields,
                      const std::string& icc_profile) {
    using PoDoFo::PdfName;
    using PoDoFo::PdfObject;

    const std::string xmp = xmp_packet(fields);
    PdfObject* metadata = pdf.GetObjects().CreateObject("Metadata");
    metadata->GetDictionary().AddKey("Subtype", PdfName("XML"));
    // Uncompressed, so that the packet can be found by scanning the file (XMP's own rule).
    metadata->GetStream()->Set(xmp.data(), static_cast<PoDoFo::pdf_long>(xmp.size()),
                               PoDoFo::TVecFilters());
    pdf.GetCatalog()->GetDictionary().AddKey("Metadata", metadata->Reference());

    PdfObject* profile = pdf.GetObjects().CreateObject();
    profile->GetDictionary().AddKey("N", PdfObject(static_cast<PoDoFo::pdf_int64>(3)));
    profile->GetStream()->Set(icc_profile.data(),
                              static_cast<PoDoFo::pdf_long>(icc_profile.size()));

    PoDoFo::PdfDictionary intent;
    intent.AddKey("Type", PdfName("OutputIntent"));
    intent.AddKey("S", PdfName("GTS_PDFA1"));
    intent.AddKey("OutputConditionIdentifier", PoDoFo::PdfString("sRGB IEC61966-2.1"));
    intent.AddKey("Info", PoDoFo::PdfString("sRGB IEC61966-2.1"));
    intent.AddKey("DestOutputProfile", profile->Reference());
    PoDoFo::PdfArray intents;
    intents.push_back(intent);
    pdf.GetCatalog()->GetDictionary().AddKey("OutputIntents", intents);
}

} // namespace formpdf::pdf
