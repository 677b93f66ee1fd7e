#!/usr/bin/python3
"""Makes workbooks of the budget system's export from its tab-separated text, for the import tests
and the benchmark (docs/import.md). The workbook holds what the tab export holds, cell for cell:

  xlsx EXPORT.txt OUT.xlsx [--per-sheet] [--numbers] [--merges] [--rich] [--code-as-number]
                           [--hidden-sheet] [--hidden-row] [--times N]
  xls  EXPORT.txt OUT.xls  [--per-sheet]
  csv  EXPORT.txt OUT.csv

--per-sheet      one form per sheet (表1, 表2, ...) instead of all forms stacked on one sheet
--numbers        cells that read as numbers are stored as numbers with the format that shows them
                 so: 849.00 as 849 with 0.00, 1,866.00 with #,##0.00, 100% as 1 with 0%, 3 as 3
                 (General); the 21-digit codes as text with the format @
--merges         the title and the long texts merged across the row, the indicator names down
                 the rows they continue (the cells under a merge are empty, as in the export)
--rich           every shared string split into rich-text runs, with a phonetic run (not shown)
                 added, and every third string cell written as an inline string
--code-as-number the first 项目编码 stored as a number (its last digits are lost)
--hidden-sheet   an extra hidden sheet holding a text; --hidden-row: row 5 hidden
--times N        the export repeated N times (the benchmark)
"""
import csv
import re
import sys
import zipfile

WIDTH = 5


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    return [line.rstrip("\r").split("\t") for line in lines]


def forms_of(lines):
    """Each form's lines (title .. footer), for the per-sheet layout."""
    forms, current = [], None
    for cells in lines:
        blank = all(c.strip(" ") == "" for c in cells)
        if current is None:
            if not blank:
                current = [cells]
            continue
        current.append(cells)
        if not blank and cells[0].startswith("备注"):
            forms.append(current)
            current = None
    return forms


def as_number(text):
    """(value, format) when a cell's text is what a number shows through a format."""
    if re.fullmatch(r"[1-9][0-9]{0,13}|0", text):
        return int(text), "General"
    if re.fullmatch(r"-?[0-9]+\.[0-9]{2}", text):
        return float(text), "0.00"
    if re.fullmatch(r"[0-9]{1,3}(,[0-9]{3})+\.[0-9]{2}", text):
        return float(text.replace(",", "")), "#,##0.00"
    if re.fullmatch(r"[1-9][0-9]*%|0%", text):
        return int(text[:-1]) / 100, "0%"
    return None


def fill_sheet(ws, rows, options):
    from openpyxl.styles import Alignment  # noqa: F401  (openpyxl is only needed here)

    code_done = False
    for r, cells in enumerate(rows, start=1):
        for c, text in enumerate(cells, start=1):
            if text == "":
                continue
            cell = ws.cell(row=r, column=c)
            if re.fullmatch(r"[0-9]{16,}", text):
                if options.get("code_as_number") and not code_done:
                    cell.value = int(text)
                    code_done = True
                else:
                    cell.value = text
                    cell.number_format = "@"
                continue
            number = as_number(text) if options.get("numbers") else None
            if number:
                cell.value, cell.number_format = number
            else:
                cell.value = text
    if options.get("merges"):
        add_merges(ws, rows)
    if options.get("hidden_row") and ws.max_row >= 5:
        ws.row_dimensions[5].hidden = True


def merge(ws, **corners):
    """ws.merge_cells without its overlap check, which is quadratic in the ranges already there
    (minutes for the benchmark's 60,000); the ranges made here never overlap."""
    from openpyxl.worksheet.cell_range import CellRange

    ws.merged_cells.ranges.append(CellRange(min_row=corners["start_row"],
                                            min_col=corners["start_column"],
                                            max_row=corners["end_row"],
                                            max_col=corners["end_column"]))


def add_merges(ws, rows):
    in_table = False
    for r, cells in enumerate(rows, start=1):
        nonempty = [i for i, c in enumerate(cells) if c.strip(" ") != ""]
        if not nonempty:
            continue
        if cells[0].startswith("一级指标"):
            in_table = True
            continue
        if cells[0].startswith("备注") or len(nonempty) == 1 and nonempty[0] == 0:
            in_table = False
            if len(cells) >= 2:  # the title or the footer across the row
                merge(ws, start_row=r, start_column=1, end_row=r, end_column=WIDTH)
            continue
        if not in_table:
            # a long text: its value across the rest of the row
            last = nonempty[-1]
            if len(nonempty) == 2 and last == 1 and len(cells) >= 3:
                merge(ws, start_row=r, start_column=2, end_row=r, end_column=WIDTH)
            continue
        # the indicator names down the rows that continue them
        for col in (0, 1):
            if cells[col].strip(" ") == "":
                continue
            end = r
            while end < len(rows):
                nxt = rows[end]
                if (len(nxt) > col and nxt[col] == "" and any(x.strip(" ") for x in nxt) and
                        not nxt[0].startswith("备注") and (col == 1 or len(nxt) > 1)):
                    if col == 1 and nxt[0] != "":
                        break
                    end += 1
                else:
                    break
            if end > r:
                merge(ws, start_row=r, start_column=col + 1, end_row=end,
                               end_column=col + 1)


def write_xlsx(lines, out, options):
    from openpyxl import Workbook

    wb = Workbook()
    if options.get("per_sheet"):
        wb.remove(wb.active)
        for n, form in enumerate(forms_of(lines), start=1):
            fill_sheet(wb.create_sheet("表%d" % n), form, options)
    else:
        ws = wb.active
        ws.title = "Sheet1"
        fill_sheet(ws, lines, options)
    if options.get("hidden_sheet"):
        hidden = wb.create_sheet("备用")
        hidden.sheet_state = "hidden"
        hidden["A1"] = "二级项目支出绩效目标申报表"
    wb.save(out)
    if options.get("rich"):
        make_rich(out)


def make_rich(path):
    """Two of every three string cells moved to a shared-string table, each string split into
    rich-text runs with a phonetic run added (not shown); the others inline, also as runs.
    (openpyxl writes every string inline.)"""
    import html

    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    shared = []

    def runs(text):
        escape = lambda t: html.escape(t, quote=False)  # noqa: E731
        if len(text) < 2:
            return '<t xml:space="preserve">%s</t>' % escape(text)
        half = len(text) // 2
        return ('<r><t xml:space="preserve">%s</t></r><r><rPr><b/></rPr>'
                '<t xml:space="preserve">%s</t></r>' % (escape(text[:half]), escape(text[half:])))

    count = [0]
    for name in sorted(parts):
        if not name.startswith("xl/worksheets/sheet"):
            continue
        xml = parts[name].decode("utf-8")

        def convert(match):
            count[0] += 1
            text = html.unescape(match.group(3))
            if count[0] % 3 == 0:
                return '<c r="%s"%s t="inlineStr"><is>%s</is></c>' % (
                    match.group(1), match.group(2), runs(text))
            shared.append(text)
            return '<c r="%s"%s t="s"><v>%d</v></c>' % (match.group(1), match.group(2),
                                                          len(shared) - 1)

        xml = re.sub(r'<c r="([A-Z]+[0-9]+)"((?: s="[0-9]+")?) t="inlineStr"><is><t(?: [^>]*)?>'
                     r'(.*?)</t></is></c>', convert, xml, flags=re.S)
        parts[name] = xml.encode("utf-8")
    items = "".join('<si>%s<rPh sb="0" eb="1"><t>ヨミ</t></rPh></si>' % runs(t) for t in shared)
    parts["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.'
        'openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>'
        % (len(shared), len(shared), items)).encode("utf-8")
    types = parts["[Content_Types].xml"].decode("utf-8")
    parts["[Content_Types].xml"] = types.replace("</Types>", (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')).encode("utf-8")
    rels = parts["xl/_rels/workbook.xml.rels"].decode("utf-8")
    parts["xl/_rels/workbook.xml.rels"] = rels.replace("</Relationships>", (
        '<Relationship Id="rIdShared" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')).encode(
            "utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def write_xls(lines, out, options):
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    sheets = ([("表%d" % n, form) for n, form in enumerate(forms_of(lines), start=1)]
              if options.get("per_sheet") else [("Sheet1", lines)])
    for name, rows in sheets:
        ws = wb.add_sheet(name)
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                if text != "":
                    ws.write(r, c, text)
    wb.save(out)


def write_csv(lines, out):
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        for cells in lines:
            w.writerow(cells)


def main(argv):
    kind, source, out = argv[1], argv[2], argv[3]
    flags = argv[4:]
    options = {}
    times = 1
    i = 0
    while i < len(flags):
        if flags[i] == "--times":
            times = int(flags[i + 1])
            i += 2
            continue
        options[flags[i][2:].replace("-", "_")] = True
        i += 1
    lines = read_lines(source)
    if times > 1:
        if lines and lines[-1] == [""]:
            lines = lines[:-1]
        lines = lines * times
    if kind == "xlsx":
        write_xlsx(lines, out, options)
    elif kind == "xls":
        write_xls(lines, out, options)
    elif kind == "csv":
        write_csv(lines, out)
    else:
        sys.exit("unknown kind " + kind)


if __name__ == "__main__":
    main(sys.argv)
