#!/usr/bin/python3
"""Reads a workbook written by `formpdf workbook` with openpyxl (Debian python3-openpyxl), for the
tests: `tab WORKBOOK` prints every sheet as the budget system's tab export (one line per row, a
merged cell in its first row and column, forms separated by an empty line); `json WORKBOOK` prints
what the tests check of each sheet: protection, drop-downs, merges, unlocked cells, cell types;
`csv WORKBOOK` prints the first sheet as comma-separated text (a cell with a comma, quote or
line break quoted, as a spreadsheet saves it); `csv2tab CSV...` turns LibreOffice's tab-separated sheets (quoted where a cell holds a tab, quote
or line break) into the same tab text; `xml WORKBOOK MEMBER` prints one file of the zip."""

import csv
import json
import sys

import zipfile

import openpyxl


def tab(book):
    for index, sheet in enumerate(book.worksheets):
        if index > 0:
            print()
        for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=sheet.max_column):
            print("\t".join("" if cell.value is None else str(cell.value) for cell in row))


def comma_separated(book):
    sheet = book.worksheets[0]
    writer = csv.writer(sys.stdout, lineterminator="\r\n")
    for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=sheet.max_column):
        writer.writerow(["" if cell.value is None else str(cell.value) for cell in row])


def describe(book):
    sheets = []
    for sheet in book.worksheets:
        cells = {}
        unlocked = []
        types = set()
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    cells[cell.coordinate] = cell.value
                    types.add(cell.data_type)
                if cell.protection is not None and not cell.protection.locked:
                    unlocked.append(cell.coordinate)
        sheets.append({
            "name": sheet.title,
            "protected": bool(sheet.protection.sheet),
            "insert_rows_allowed": not sheet.protection.insertRows,
            "validations": [{"range": str(v.sqref), "type": v.type, "list": v.formula1,
                             "error_style": v.errorStyle or "stop"}
                            for v in sheet.data_validations.dataValidation],
            "merged": sorted(str(r) for r in sheet.merged_cells.ranges),
            "unlocked": unlocked,
            "cells": cells,
            "types": sorted(types),
            "number_formats": sorted({c.number_format for r in sheet.iter_rows() for c in r
                                      if c.value is not None}),
        })
    print(json.dumps(sheets, ensure_ascii=False))


def csv2tab(paths):
    for index, path in enumerate(paths):
        if index > 0:
            print()
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.reader(f, delimiter="\t", quotechar='"'):
                print("\t".join(row))


def main():
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "csv2tab":
        csv2tab(sys.argv[2:])
        return
    if mode == "xml":
        with zipfile.ZipFile(path) as z:
            sys.stdout.write(z.read(sys.argv[3]).decode("utf-8"))
        return
    book = openpyxl.load_workbook(path)
    if mode == "tab":
        tab(book)
    elif mode == "csv":
        comma_separated(book)
    else:
        describe(book)


if __name__ == "__main__":
    main()
