#!/usr/bin/python3
"""Writes small hostile .xlsx files (all, or the NAMEs given) into DIR for tests/workbook/hostile_workbook_test.cpp, each a
minimal workbook with one thing wrong (docs/security.md, "Hostile workbooks")."""
import os
import struct
import sys
import zipfile

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PARTS = {
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"/>',
    "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="r1" Type="%s/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>' % REL,
    "xl/workbook.xml": '<?xml version="1.0"?><workbook %s xmlns:r="%s"><sheets><sheet name="S" '
    'sheetId="1" r:id="rId1"/></sheets></workbook>' % (NS, REL),
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s/worksheet" '
    'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="%s/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>' % (REL, REL),
    "xl/sharedStrings.xml": '<sst %s><si><t>shared</t></si></sst>' % NS,
}


def sheet(rows, before=""):
    return '<?xml version="1.0"?>%s<worksheet %s><sheetData>%s</sheetData></worksheet>' % (
        before, NS, rows)


CELL = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>x</t></is></c></row>'


def write(path, sheet_xml, extra=None, strings=None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in PARTS.items():
            if name == "xl/sharedStrings.xml" and strings is not None:
                data = strings
            z.writestr(name, data)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)  # last: the liar patches it


def liar(path):
    """A member whose headers say 100 bytes but inflates to 200 KB."""
    write(path, sheet(CELL).replace("<sheetData>", " " * 200000 + "<sheetData>"))
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(open(path, "rb").read())
    struct.pack_into("<I", data, info.header_offset + 22, 100)
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + name_length] == b"xl/worksheets/sheet1.xml":
            struct.pack_into("<I", data, central + 24, 100)
            break
        central = data.find(b"PK\x01\x02", central + 4)
    open(path, "wb").write(bytes(data))


LAUGHS = ('<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
          '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><sst %s><si><t>&b;</t></si></sst>' % NS)
def empty_rows():
    return "".join('<row r="%d"/>' % r if r % 2 else '<row r="%d"><c r="A%d"/></row>' % (r, r)
                   for r in range(1, 1048576))

CASES = {
    "ok.xlsx": lambda p: write(p, sheet(CELL)),
    # 4 MiB of spaces: ~1000:1, over the test's 100:1 cap and its 1 MiB member cap.
    "bomb.xlsx": lambda p: write(p, sheet(CELL).replace("<sheetData>",
                                                        " " * (4 << 20) + "<sheetData>")),
    "liar.xlsx": liar,
    "dtd.xlsx": lambda p: write(p, sheet(CELL, "<!DOCTYPE worksheet [<!ELEMENT worksheet ANY>]>")),
    "entities.xlsx": lambda p: write(p, sheet(CELL), strings=LAUGHS),
    "traversal.xlsx": lambda p: write(p, sheet(CELL), extra={"../../evil.txt": "x"}),
    "absolute.xlsx": lambda p: write(p, sheet(CELL), extra={"/tmp/evil.txt": "x"}),
    "strings.xlsx": lambda p: write(p, sheet(CELL), strings="<sst %s>%s</sst>" % (
        NS, "<si><t>s</t></si>" * 2000)),
    # A million rows of empty cells, then one text at the last row.
    "empty-rows.xlsx": lambda p: write(p, sheet(
        empty_rows() + '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>end</t></is></c>'
        '</row>')),
    "far-cell.xlsx": lambda p: write(p, sheet(
        '<row r="1048577"><c r="A1048577" t="inlineStr"><is><t>x</t></is></c></row>')),
    # Text under a merged range (not shown by Excel); text in a hidden column.
    "covered.xlsx": lambda p: write(p, sheet(CELL).replace(
        "</sheetData>", "</sheetData><mergeCells><mergeCell ref=\"A1:B1\"/></mergeCells>")),
    "hidden-column.xlsx": lambda p: write(p, sheet(CELL).replace(
        "<sheetData>", '<cols><col min="2" max="3" hidden="1"/></cols><sheetData>')),
    "deep.xlsx": lambda p: write(p, sheet(CELL).replace(
        "<sheetData>", "<x>" * 100 + "</x>" * 100 + "<sheetData>")),
}


def main(out, names):
    os.makedirs(out, exist_ok=True)
    for name in names or CASES:
        CASES[name](os.path.join(out, name))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
