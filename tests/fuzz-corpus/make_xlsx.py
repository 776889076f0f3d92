#!/usr/bin/env python3
"""Writes the hostile workbooks of tests/fuzz-corpus/xlsx/ (issue 13).

Each is a minimal XLSX (workbook, its relations, shared strings, one sheet)
with one defect. Run from the repository root: python3 tests/fuzz-corpus/make_xlsx.py
"""
import os
import zipfile

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "xlsx")
HEADER = ["profil", "categorie", "id", "libelle", "description", "niveau", "essentielle", "missions", "digcomp", "pix"]
ROW = ["p", "savoirs", "S-01", "Outils", "", "2", "oui", "M-01", "", ""]


def col(i):
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def inline(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def rows_xml(rows, columns=None):
    out = []
    for n, row in enumerate(rows, start=1):
        cells = "".join(inline(f"{col(columns[i] if columns else i)}{n}", v) for i, v in enumerate(row) if v)
        out.append(f'<row r="{n}">{cells}</row>')
    return "".join(out)


def sheet(data):
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{data}</sheetData></worksheet>")


WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="savoirs" sheetId="1" r:id="rId1"/></sheets></workbook>')


def rels(shared):
    extra = ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
             'Target="sharedStrings.xml"/>') if shared else ""
    return ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            f'Target="worksheets/sheet1.xml"/>{extra}</Relationships>')


def shared_strings(strings):
    items = "".join(f"<si><t>{s}</t></si>" for s in strings)
    return ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"{items}</sst>")


def write(name, sheet_xml, shared=None, workbook=True, list_shared=None):
    path = os.path.join(HERE, name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        if workbook:
            z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", rels(shared is not None if list_shared is None else list_shared))
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", shared_strings(shared))
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)


good = rows_xml([HEADER, ROW])
# 1. A value in the very last cell of a sheet: a dense reader allocates the whole extent.
write("xfd1048576.xlsx", sheet(good + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))
# 1. A cell reference beyond any bound.
write("ref-overflow.xlsx", sheet(good + '<row r="3"><c r="ZZZZZZZZ99999999999"><v>1</v></c></row>'))
# 4. A zip bomb: 17 MiB of text in one cell, a few KiB compressed.
write("zip-bomb.xlsx", sheet(good + '<row r="3">' + inline("D3", "a" * (17 * 1024 * 1024)) + "</row>"))
# 5. A sheet cut in the middle.
write("truncated-sheet.xlsx", sheet(good + rows_xml([HEADER, ROW]))[:-60])
# 5. Shared strings: an index past the end, a negative one, none at all.
strings = HEADER + ["savoirs"]
header_s = "".join(f'<c r="{col(i)}1" t="s"><v>{i}</v></c>' for i in range(len(HEADER)))
write("shared-string-out-of-range.xlsx",
      sheet(f'<row r="1">{header_s}</row><row r="2"><c r="B2" t="s"><v>99</v></c></row>'), shared=strings)
write("shared-string-negative.xlsx",
      sheet(f'<row r="1">{header_s}</row><row r="2"><c r="B2" t="s"><v>-1</v></c></row>'), shared=strings)
# 15. No sharedStrings.xml, no workbook.xml.
write("missing-shared-strings.xlsx", sheet(f'<row r="1">{header_s}</row>'), shared=None, list_shared=False)
write("missing-workbook.xlsx", sheet(good), workbook=False)
# 15. A bad value in column AB: the message says AB, not Z.
columns = [0, 1, 2, 3, 4, 27, 6, 7, 8, 9]
bad = list(ROW)
bad[5] = "trois"
write("column-ab.xlsx", sheet(rows_xml([HEADER, bad], columns)))
