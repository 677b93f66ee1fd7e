#!/usr/bin/python3
"""Fills in a workbook written by `formpdf workbook` the way a person does in Excel, with openpyxl
(Debian python3-openpyxl), for the tests: `fill_in.py IN OUT CELL=TEXT...` types TEXT into each
CELL of the first sheet (an empty TEXT empties the cell) and saves the workbook as OUT. openpyxl
writes every part of the file anew, as another spreadsheet program would."""

import sys

import openpyxl


def main(args):
    if len(args) < 2:
        print("usage: fill_in.py IN OUT CELL=TEXT...", file=sys.stderr)
        return 64
    book = openpyxl.load_workbook(args[0])
    sheet = book.worksheets[0]
    for assignment in args[2:]:
        cell, _, text = assignment.partition("=")
        sheet[cell].value = text if text else None
    book.save(args[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
