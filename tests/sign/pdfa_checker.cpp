#include "sign/pdfa_checker.h"

#include "support/command.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>
#include <regex>
#include <set>

namespace formpdf::testing {
namespace {

using nlohmann::json;

// qpdf --json=2 writes references as "12 0 R", names as "/Name", strings as "u:text" or "b:hex".
bool is_reference(const json& value) {
    static const std::regex pattern(R"(^\d+ \d+ R$)");
    return value.is_string() && std::regex_match(value.get<std::string>(), pattern);
}

std::string text_of(const json& value) {
    if (!value.is_string()) {
        return {};
    }
    const std::string s = value.get<std::string>();
    return s.rfind("u:", 0) == 0 || s.rfind("b:", 0) == 0 ? s.substr(2) : s;
}

struct Objects {
    json table; // "obj:N G R" -> {"value": ...} or {"stream": {"dict": ...}}

    // The value a reference points to (a stream's dictionary for a stream), or the value itself.
    // A copy: callers pass temporaries such as json::value()'s result.
    json resolve(const json& value) const {
        if (!is_reference(value)) {
            return value;
        }
        const auto it = table.find("obj:" + value.get<std::string>());
        if (it == table.end()) {
            return json();
        }
        if (it->contains("stream")) {
            return (*it)["stream"]["dict"];
        }
        return it->contains("value") ? (*it)["value"] : json();
    }
    bool is_stream(const json& reference) const {
        const auto it = table.find("obj:" + reference.get<std::string>());
        return it != table.end() && it->contains("stream");
    }
};

std::string object_number(const json& reference) {
    const std::string s = reference.get<std::string>();
    return s.substr(0, s.find(' '));
}

std::string stream_data(const std::filesystem::path& pdf, const json& reference) {
    return run_command({"qpdf", "--show-object=" + object_number(reference),
                        "--filtered-stream-data", pdf.string()})
        .out;
}

std::string name_of(const json& dict, const char* key) {
    if (!dict.is_object() || !dict.contains(key) || !dict[key].is_string()) {
        return {};
    }
    return dict[key].get<std::string>();
}

std::optional<std::int64_t> seconds_since_epoch(int y, int mo, int d, int h, int mi, int s,
                                                int offset_seconds) {
    using namespace std::chrono;
    const year_month_day date{year{y}, month{static_cast<unsigned>(mo)},
                              day{static_cast<unsigned>(d)}};
    if (!date.ok()) {
        return std::nullopt;
    }
    return sys_days{date}.time_since_epoch() / seconds(1) + h * 3600 + mi * 60 + s - offset_seconds;
}

// A date matched by `pattern`, whose groups are year, month, day, hour, minute, second, then
// (8) the offset's sign, (9) hours and (10) minutes when there is an offset.
std::optional<std::int64_t> parse_date(const std::string& text, const std::regex& pattern) {
    std::smatch m;
    if (!std::regex_search(text, m, pattern)) {
        return std::nullopt;
    }
    int offset = 0;
    if (m[8].matched) {
        offset = (std::stoi(m[9]) * 3600 + std::stoi(m[10]) * 60) * (m[8] == "-" ? -1 : 1);
    }
    return seconds_since_epoch(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]), std::stoi(m[4]),
                               std::stoi(m[5]), std::stoi(m[6]), offset);
}

// "D:20231114221320+00'00'" (an Info date)
std::optional<std::int64_t> info_date(const std::string& text) {
    static const std::regex pattern(
        R"(^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:(Z)|([+-])(\d{2})'?(\d{2})'?)?$)");
    return parse_date(text, pattern);
}

// "2023-11-14T22:13:20+00:00" or "...Z" (an XMP date)
std::optional<std::int64_t> xmp_date(const std::string& text) {
    static const std::regex pattern(
        R"(^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:(Z)|([+-])(\d{2}):(\d{2})))");
    return parse_date(text, pattern);
}

std::string xml_unescaped(std::string text) {
    const std::pair<const char*, const char*> entities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
    for (const auto& [entity, character] : entities) {
        for (std::size_t at = text.find(entity); at != std::string::npos;
             at = text.find(entity, at + 1)) {
            text.replace(at, std::strlen(entity), character);
        }
    }
    return text;
}

// The value of a simple XMP property, element or attribute form.
std::optional<std::string> xmp_property(const std::string& xmp, const std::string& name) {
    std::smatch m;
    if (std::regex_search(xmp, m, std::regex("<" + name + ">([^<]*)</" + name + ">")) ||
        std::regex_search(xmp, m, std::regex(name + "=\"([^\"]*)\""))) {
        return xml_unescaped(m[1]);
    }
    return std::nullopt;
}

std::optional<std::string> xmp_title(const std::string& xmp) {
    std::smatch m;
    if (std::regex_search(xmp, m,
                          std::regex(R"(<dc:title>\s*<rdf:Alt>\s*<rdf:li xml:lang="x-default">)"
                                     R"(([^<]*)</rdf:li>)"))) {
        return xml_unescaped(m[1]);
    }
    return std::nullopt;
}

class Checker {
public:
    explicit Checker(std::filesystem::path pdf) : pdf_(std::move(pdf)) {}

    std::vector<std::string> run() {
        const std::string bytes = read_text(pdf_);
        check_file_structure(bytes);
        const CommandResult result = run_command(
            {"qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=none", pdf_.string()});
        if (result.exit_code != 0 && result.exit_code != 3) {
            fail("6.1: qpdf cannot read the file: " + result.err);
            return violations_;
        }
        const json qpdf = json::parse(result.out)["qpdf"];
        objects_.table = qpdf[1];
        const json& trailer = objects_.table["trailer"]["value"];
        check_trailer(trailer);
        const json catalog = objects_.resolve(trailer["/Root"]);
        const std::string xmp = check_metadata(catalog);
        check_info_matches_xmp(objects_.resolve(trailer.value("/Info", json())), xmp);
        check_output_intent(catalog);
        check_catalog(catalog);
        for (const auto& [key, object] : objects_.table.items()) {
            if (key.rfind("obj:", 0) != 0) {
                continue;
            }
            const bool stream = object.contains("stream");
            const json& dict = stream ? object["stream"]["dict"] : object["value"];
            walk(dict, stream, key);
        }
        return violations_;
    }

private:
    void fail(std::string message) { violations_.push_back(std::move(message)); }

    void check_file_structure(const std::string& bytes) {
        static const std::regex header(R"(^%PDF-1\.[0-7](\r\n|\r|\n)%[\x80-\xff]{4})");
        if (!std::regex_search(bytes, header)) {
            fail("6.1.2: the header is not %PDF-1.0..1.7 followed by a binary comment line");
        }
        const std::size_t eof = bytes.rfind("%%EOF");
        const std::string after = eof == std::string::npos ? "" : bytes.substr(eof + 5);
        if (eof == std::string::npos ||
            (after != "" && after != "\n" && after != "\r\n" && after != "\r")) {
            fail("6.1.3: data after the last %%EOF");
        }
    }

    void check_trailer(const json& trailer) {
        if (!trailer.contains("/ID") || trailer["/ID"].size() != 2) {
            fail("6.1.3: the trailer has no /ID");
        }
        if (trailer.contains("/Encrypt")) {
            fail("6.1.3: the file is encrypted");
        }
    }

    std::string check_metadata(const json& catalog) {
        if (!catalog.contains("/Metadata") || !objects_.is_stream(catalog["/Metadata"])) {
            fail("6.6.2.1: the Catalog has no /Metadata stream");
            return {};
        }
        const json dict = objects_.resolve(catalog["/Metadata"]);
        if (name_of(dict, "/Type") != "/Metadata" || name_of(dict, "/Subtype") != "/XML") {
            fail("6.6.2.1: the metadata stream is not /Type /Metadata /Subtype /XML");
        }
        if (dict.contains("/Filter")) {
            fail("6.6.2.1: the metadata stream is compressed (kept readable by formpdf's policy)");
        }
        const std::string xmp = stream_data(pdf_, catalog["/Metadata"]);
        std::smatch m;
        if (!std::regex_search(xmp, m, std::regex(R"(<\?xpacket begin=[^?]*\?>)"))) {
            fail("6.6.2.1: the XMP has no xpacket header");
        } else if (m.str().find("bytes=") != std::string::npos ||
                   m.str().find("encoding=") != std::string::npos) {
            fail("6.6.2.1: the xpacket header has a bytes or encoding attribute");
        }
        if (xmp_property(xmp, "pdfaid:part") != "2") {
            fail("6.6.4: pdfaid:part is not 2");
        }
        if (xmp_property(xmp, "pdfaid:conformance") != "B") {
            fail("6.6.4: pdfaid:conformance is not B");
        }
        // Only predefined schemas, so no pdfaExtension description is needed (6.6.2.3.1).
        static const std::regex namespaces(R"(xmlns:(\w+)=\"([^\"]*)\")");
        const std::set<std::string> predefined = {"adobe:ns:meta/",
                                                  "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                                                  "http://purl.org/dc/elements/1.1/",
                                                  "http://ns.adobe.com/xap/1.0/",
                                                  "http://ns.adobe.com/pdf/1.3/",
                                                  "http://www.aiim.org/pdfa/ns/id/",
                                                  "http://ns.adobe.com/xap/1.0/mm/"};
        for (auto it = std::sregex_iterator(xmp.begin(), xmp.end(), namespaces);
             it != std::sregex_iterator(); ++it) {
            if (predefined.count((*it)[2]) == 0) {
                fail("6.6.2.3.1: the XMP uses the schema " + (*it)[2].str() +
                     " without an extension schema description");
            }
        }
        return xmp;
    }

    void check_info_matches_xmp(const json& info, const std::string& xmp) {
        if (!info.is_object()) {
            return;
        }
        auto same_text = [&](const char* key, const std::optional<std::string>& value,
                             const char* property) {
            if (info.contains(key) && value != text_of(info[key])) {
                fail(std::string("6.6.3: Info ") + key + " '" + text_of(info[key]) + "' and " +
                     property + " '" + value.value_or("(absent)") + "' differ");
            }
        };
        same_text("/Title", xmp_title(xmp), "dc:title");
        same_text("/Producer", xmp_property(xmp, "pdf:Producer"), "pdf:Producer");
        same_text("/Keywords", xmp_property(xmp, "pdf:Keywords"), "pdf:Keywords");
        same_text("/Creator", xmp_property(xmp, "xmp:CreatorTool"), "xmp:CreatorTool");
        auto same_date = [&](const char* key, const char* property) {
            if (!info.contains(key)) {
                return;
            }
            const auto value = xmp_property(xmp, property);
            const auto info_time = info_date(text_of(info[key]));
            if (!value || !info_time || xmp_date(*value) != info_time) {
                fail(std::string("6.6.3: Info ") + key + " " + text_of(info[key]) + " and " +
                     property + " " + value.value_or("(absent)") + " differ");
            }
        };
        same_date("/CreationDate", "xmp:CreateDate");
        same_date("/ModDate", "xmp:ModifyDate");
    }

    void check_output_intent(const json& catalog) {
        const json intents = objects_.resolve(catalog.value("/OutputIntents", json()));
        std::set<std::string> profiles;
        bool pdfa_intent = false;
        for (const json& item : intents.is_array() ? intents : json::array()) {
            const json intent = objects_.resolve(item);
            if (!intent.contains("/DestOutputProfile")) {
                continue;
            }
            profiles.insert(intent["/DestOutputProfile"].get<std::string>());
            if (name_of(intent, "/S") != "/GTS_PDFA1") {
                continue;
            }
            pdfa_intent = true;
            const json profile = objects_.resolve(intent["/DestOutputProfile"]);
            if (profile.value("/N", 0) != 3) {
                fail("6.2.3: the output profile is not a 3-component (RGB) profile");
            }
            const std::string icc = stream_data(pdf_, intent["/DestOutputProfile"]);
            const std::string device_class = icc.size() >= 128 ? icc.substr(12, 4) : "";
            if (icc.size() < 128 || (device_class != "mntr" && device_class != "prtr") ||
                icc.compare(16, 4, "RGB ") != 0 || static_cast<unsigned char>(icc[8]) >= 5) {
                fail("6.2.3: the output profile is not an RGB mntr/prtr ICC profile below v5");
            }
        }
        if (!pdfa_intent) {
            fail("6.2.3/6.2.4.3: no /GTS_PDFA1 OutputIntent with a DestOutputProfile, so "
                 "DeviceRGB is not allowed");
        }
        if (profiles.size() > 1) {
            fail("6.2.3: OutputIntents name different destination profiles");
        }
    }

    void check_catalog(const json& catalog) {
        if (catalog.contains("/AA")) {
            fail("6.5.2: the Catalog has additional actions (/AA)");
        }
        const json names = objects_.resolve(catalog.value("/Names", json()));
        if (names.is_object() && names.contains("/EmbeddedFiles")) {
            fail("6.8: the file embeds other files");
        }
        const json form = objects_.resolve(catalog.value("/AcroForm", json()));
        if (form.is_object()) {
            if (form.value("/NeedAppearances", false)) {
                fail("6.4.1: /NeedAppearances is true");
            }
            if (form.contains("/XFA")) {
                fail("6.4.2: the form has XFA");
            }
        }
    }

    void check_annotation(const json& dict, const std::string& where) {
        const std::string subtype = name_of(dict, "/Subtype");
        const int flags = dict.value("/F", -1);
        if (subtype != "/Popup") {
            if (flags < 0) {
                fail("6.3.2: annotation " + where + " has no /F");
            } else if ((flags & 4) == 0 || (flags & (1 | 2 | 32 | 256)) != 0) {
                fail("6.3.2: annotation " + where + " is not printable, or hidden (/F " +
                     std::to_string(flags) + ")");
            }
        }
        const json& rect = dict.value("/Rect", json::array());
        const bool empty_rect = rect.size() == 4 && rect[0] == rect[2] && rect[1] == rect[3];
        if (!dict.contains("/AP") && !empty_rect && subtype != "/Popup" && subtype != "/Link") {
            fail("6.3.3: annotation " + where + " has no appearance");
        }
        if (dict.contains("/AP")) {
            const json ap = objects_.resolve(dict["/AP"]);
            if (ap.size() != 1 || !ap.contains("/N")) {
                fail("6.3.3: the appearance dictionary of " + where + " has keys besides /N");
            } else if (name_of(dict, "/FT") != "/Btn" &&
                       !(is_reference(ap["/N"]) && objects_.is_stream(ap["/N"]))) {
                fail("6.3.3: the /N appearance of " + where + " is not a stream");
            }
        }
        if (subtype == "/Widget" && (dict.contains("/A") || dict.contains("/AA"))) {
            fail("6.4.1: widget " + where + " has actions");
        }
    }

    // Checks one dictionary (and the dictionaries and arrays inside it).
    void walk(const json& value, bool is_stream, const std::string& where) {
        if (value.is_array()) {
            for (const json& item : value) {
                walk(item, false, where);
            }
            return;
        }
        if (value.is_string()) {
            const std::string s = value.get<std::string>();
            if (s.rfind("u:", 0) == 0 && s.size() - 2 > 32767 / 2) {
                fail("6.1.13: a string in " + where + " is longer than 32767 bytes");
            }
            if (s.rfind("b:", 0) == 0 && (s.size() - 2) / 2 > 32767) {
                fail("6.1.13: a string in " + where + " is longer than 32767 bytes");
            }
            if (s.rfind("/", 0) == 0 && s.size() - 1 > 127) {
                fail("6.1.13: a name in " + where + " is longer than 127 bytes");
            }
            return;
        }
        if (value.is_number_integer() &&
            (value.get<std::int64_t>() > 2147483647 || value.get<std::int64_t>() < -2147483648LL)) {
            fail("6.1.13: an integer in " + where + " is out of range");
        }
        if (!value.is_object()) {
            return;
        }
        const std::string type = name_of(value, "/Type");
        const std::string subtype = name_of(value, "/Subtype");
        if (is_stream) {
            for (const char* key : {"/F", "/FFilter", "/FDecodeParms"}) {
                if (value.contains(key)) {
                    fail(std::string("6.1.7.1: stream ") + where + " refers to external data (" +
                         key + ")");
                }
            }
            const std::string filters = value.contains("/Filter") ? value["/Filter"].dump() : "";
            if (filters.find("LZWDecode") != std::string::npos ||
                filters.find("Crypt") != std::string::npos) {
                fail("6.1.7.2: stream " + where + " uses LZW or Crypt");
            }
        }
        if (value.contains("/CIDSet")) {
            fail("6.2.11.4.2: font descriptor " + where +
                 " has a /CIDSet (formpdf writes none; completeness is not checked)");
        }
        if (type == "/Font" && subtype != "/Type0" && subtype != "/Type3") {
            const json descriptor = objects_.resolve(value.value("/FontDescriptor", json()));
            if (!descriptor.is_object() ||
                !(descriptor.contains("/FontFile") || descriptor.contains("/FontFile2") ||
                  descriptor.contains("/FontFile3"))) {
                fail("6.2.11.4.1: font " + where + " is not embedded");
            }
            if (subtype == "/CIDFontType2" && !value.contains("/CIDToGIDMap")) {
                fail("6.2.11.3.2: CIDFontType2 " + where + " has no /CIDToGIDMap");
            }
        }
        if (type == "/Annot" || (value.contains("/Rect") && value.contains("/Subtype") &&
                                 (subtype == "/Widget" || subtype == "/Link"))) {
            check_annotation(value, where);
        }
        if (value.contains("/Group")) {
            const json group = objects_.resolve(value["/Group"]);
            if (name_of(group, "/S") == "/Transparency") {
                fail("6.2.10: " + where + " has a transparency group (formpdf's policy: none)");
            }
        }
        if (type == "/ExtGState" || value.contains("/SMask")) {
            if (value.contains("/SMask") && value["/SMask"] != "/None") {
                fail("6.2.10: " + where + " uses a soft mask (transparency)");
            }
            if (value.contains("/TR") || value.contains("/HTP")) {
                fail("6.2.5: " + where + " has /TR or /HTP");
            }
        }
        if (subtype == "/PS" || value.contains("/PS") || value.contains("/OPI") ||
            (subtype == "/Form" && value.contains("/Ref"))) {
            fail("6.2.9: " + where + " is a PostScript, OPI or reference XObject");
        }
        const std::string action = name_of(value, "/S");
        static const std::set<std::string> forbidden = {
            "/Launch",     "/Sound",       "/Movie",     "/ResetForm", "/ImportData",
            "/Hide",       "/SetOCGState", "/Rendition", "/Trans",     "/GoTo3DView",
            "/JavaScript", "/GoToR",       "/GoToE"};
        if (forbidden.count(action) != 0) {
            fail("6.5.1: " + where + " has a " + action + " action (or an external reference)");
        }
        if (type == "/Page" && value.contains("/AA")) {
            fail("6.5.2: page " + where + " has additional actions");
        }
        for (const auto& [key, item] : value.items()) {
            if (key.size() - 1 > 127) {
                fail("6.1.13: a key in " + where + " is longer than 127 bytes");
            }
            walk(item, false, where);
        }
    }

    std::filesystem::path pdf_;
    Objects objects_;
    std::vector<std::string> violations_;
};

} // namespace

std::vector<std::string> pdfa_violations(const std::filesystem::path& pdf) {
    return Checker(pdf).run();
}

} // namespace formpdf::testing
