// Exact-string tests of the pure building blocks of PDF/A output and signature checking.

#include "core/diagnostic.h"
#include "pdf/pdf_date.h"
#include "pdf/pdfa_metadata.h"
#include "pdf/signature_verifier.h"

#include <gtest/gtest.h>

namespace formpdf::pdf {
namespace {

TEST(XmpDate, IsTheSameInstantAsThePdfDate) {
    EXPECT_EQ(xmp_date(0), "1970-01-01T00:00:00+00:00");
    EXPECT_EQ(xmp_date(1700000000), "2023-11-14T22:13:20+00:00");
    EXPECT_EQ(pdf_date(1700000000), "D:20231114221320+00'00'");
}

TEST(XmpPacket, HoldsThePdfaIdentificationAndTheInfoValues) {
    const std::string expected =
        "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
        " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        "  <rdf:Description rdf:about=\"\"\n"
        "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
        "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
        "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
        "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
        "   <dc:format>application/pdf</dc:format>\n"
        "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">绩效 &lt;自评&gt; &amp; "
        "&quot;表&quot;</rdf:li></rdf:Alt></dc:title>\n"
        "   <xmp:CreateDate>2023-11-14T22:13:20+00:00</xmp:CreateDate>\n"
        "   <xmp:ModifyDate>2023-11-14T22:14:00+00:00</xmp:ModifyDate>\n"
        "   <xmp:MetadataDate>2023-11-14T22:14:00+00:00</xmp:MetadataDate>\n"
        "   <pdf:Producer>formpdf 0.1.0</pdf:Producer>\n"
        "   <pdfaid:part>2</pdfaid:part>\n"
        "   <pdfaid:conformance>B</pdfaid:conformance>\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        "<?xpacket end=\"w\"?>";
    EXPECT_EQ(xmp_packet({"绩效 <自评> & \"表\"", "formpdf 0.1.0", 1700000000, 1700000040}),
              expected);
}

TEST(XmpPacket, LeavesOutAnEmptyTitle) {
    const std::string xmp = xmp_packet({"", "p", 0, 0});
    EXPECT_EQ(xmp.find("dc:title"), std::string::npos);
    EXPECT_NE(xmp.find("<pdf:Producer>p</pdf:Producer>"), std::string::npos);
}

TEST(WithModifyDate, ReplacesModifyAndMetadataDateOnly) {
    const std::string xmp = xmp_packet({"t", "p", 1700000000, 1700000000});
    const auto updated = with_modify_date(xmp, 1800000000);
    ASSERT_TRUE(updated);
    std::string expected = xmp;
    const std::string old_date = "2023-11-14T22:13:20+00:00";
    const std::string new_date = "2027-01-15T08:00:00+00:00";
    expected.replace(expected.find("<xmp:ModifyDate>" + old_date) + 16, old_date.size(), new_date);
    expected.replace(expected.find("<xmp:MetadataDate>" + old_date) + 18, old_date.size(),
                     new_date);
    EXPECT_EQ(*updated, expected);
    EXPECT_NE(updated->find("<xmp:CreateDate>" + old_date), std::string::npos);
}

TEST(WithModifyDate, HandlesTheAttributeFormAndTheOldPrefix) {
    EXPECT_EQ(with_modify_date("<d xap:ModifyDate='2001-01-01T00:00:00Z'/>", 0),
              "<d xap:ModifyDate='1970-01-01T00:00:00+00:00'/>");
    EXPECT_EQ(with_modify_date("<d xmp:CreateDate=\"x\"/>", 0), std::nullopt);
}

TEST(SrgbProfile, IsAnRgbDisplayProfile) {
    const std::string icc = srgb_icc_profile();
    ASSERT_GE(icc.size(), 128u);
    EXPECT_EQ(icc.substr(12, 4), "mntr");
    EXPECT_EQ(icc.substr(16, 4), "RGB ");
    EXPECT_EQ(icc.substr(36, 4), "acsp");
}

TEST(RevisionEnds, AreJustPastEachEofMarkerAndItsEndOfLine) {
    EXPECT_EQ(revision_ends("%PDF-1.7\n...%%EOF\nupdate%%EOF\r\n"),
              (std::vector<std::size_t>{18, 31}));
    EXPECT_EQ(revision_ends("%PDF-1.7\n%%EOF"), (std::vector<std::size_t>{14}));
    EXPECT_TRUE(revision_ends("%PDF-1.7\n").empty());
}

TEST(ParsePdfDate, ReadsOffsetsAndPartialDates) {
    EXPECT_EQ(parse_pdf_date("D:20231114221320+00'00'"), 1700000000);
    EXPECT_EQ(parse_pdf_date("D:20231115061320+08'00'"), 1700000000);
    EXPECT_EQ(parse_pdf_date("D:20231114221320Z"), 1700000000);
    EXPECT_EQ(parse_pdf_date("D:20231114"), 1699920000);
    EXPECT_EQ(parse_pdf_date("D:2023111"), std::nullopt);
    EXPECT_EQ(parse_pdf_date("D:20231340000000Z"), std::nullopt);
    EXPECT_EQ(parse_pdf_date("yesterday"), std::nullopt);
}

TEST(VerifyPdf, RejectsBytesThatAreNotAPdf) {
    EXPECT_THROW(verify_pdf("GIF89a"), DiagnosticError);
    // A header and an end marker, but no document: damaged, not "no signatures".
    EXPECT_THROW(verify_pdf("%PDF-1.7\n%%EOF\n"), DiagnosticError);
}

} // namespace
} // namespace formpdf::pdf
