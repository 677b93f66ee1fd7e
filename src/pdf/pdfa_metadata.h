#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace PoDoFo {
class PdfMemDocument;
} // namespace PoDoFo

namespace formpdf::pdf {

// The PDF/A-2b parts of a document (ISO 19005-2, 6.2.3 and 6.6): an XMP metadata packet that
// repeats the Info dictionary and identifies the file as PDF/A-2 level B, and an OutputIntent with
// the sRGB ICC profile that gives DeviceRGB and DeviceGray their meaning.

// What the XMP packet states. Each value must equal its Info dictionary entry (6.6.3): Title ↔
// dc:title, Producer ↔ pdf:Producer, CreationDate ↔ xmp:CreateDate, ModDate ↔ xmp:ModifyDate.
struct XmpFields {
    std::string title; // omitted from the packet when empty (as Info omits /Title)
    std::string producer;
    std::int64_t create_time = 0; // seconds since the Unix epoch, UTC
    std::int64_t modify_time = 0;
};

// "2023-11-14T22:13:20+00:00": an XMP date (ISO 8601) for the same instant as pdf_date().
std::string xmp_date(std::int64_t unix_seconds);

// The complete XMP packet, UTF-8, with no `bytes` or `encoding` attributes in the xpacket header
// (6.6.2.1) and only properties of predefined schemas (dc, xmp, pdf, pdfaid), so no extension
// schema description is needed. Pure: the same fields give the same bytes.
std::string xmp_packet(const XmpFields& fields);

// The packet with the values of xmp:ModifyDate and, when present, xmp:MetadataDate set to `time`
// (element or attribute form; the prefixes xmp: and xap: are recognised). nullopt when the packet
// has no ModifyDate to update.
std::optional<std::string> with_modify_date(std::string_view xmp, std::int64_t unix_seconds);

// Where the sRGB profile is read from at run time, in order: icc-profiles-free's
// /usr/share/color/icc/sRGB.icc, then the copy ghostscript ships (libgs-common).
inline constexpr const char* kSrgbProfilePaths[] = {
    "/usr/share/color/icc/sRGB.icc",
    "/usr/share/color/icc/ghostscript/srgb.icc",
};

// The sRGB ICC profile bytes, checked to be an RGB monitor or printer profile of ICC version < 5
// (6.2.3). Throws DiagnosticError naming the package to install when no usable profile is found.
std::string srgb_icc_profile();

// Adds the Catalog's /Metadata (the uncompressed XMP packet, Type Metadata, Subtype XML) and
// /OutputIntents [<< /S /GTS_PDFA1 /DestOutputProfile icc /OutputConditionIdentifier (sRGB
// IEC61966-2.1) >>]. The Info dictionary must hold the same values as `fields`.
void add_pdfa_objects(PoDoFo::PdfMemDocument& pdf, const XmpFields& fields,
                      const std::string& icc_profile);

} // namespace formpdf::pdf
