"""Reads DOCX files as Word would, with python-docx, and fails on what a
user would have to fix by hand: a paragraph with no named style, a style id
defined twice, lists typed as characters instead of Word lists, no French
language on the defaults, empty core properties."""

import sys
from collections import Counter

import docx
from docx.oxml.ns import qn


def problems(path):
    document = docx.Document(path)
    found = []
    styles_root = document.styles.element
    ids = Counter(s.get(qn("w:styleId")) for s in styles_root.findall(qn("w:style")))
    found += [f"style « {i} » défini {n} fois" for i, n in ids.items() if n > 1]
    lang = styles_root.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    if lang is None or lang.get(qn("w:val")) != "fr-FR":
        found.append("pas de langue fr-FR dans les valeurs par défaut")
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs += cell.paragraphs
    listed = 0
    for p in paragraphs:
        style_id = p._p.pPr.pStyle.val if p._p.pPr is not None and p._p.pPr.pStyle is not None else None
        if style_id is not None and style_id not in ids:
            found.append(f"style « {style_id} » utilisé mais non défini : {p.text[:40]!r}")
        if p.text.lstrip().startswith(("•", "- ", "– ")):
            found.append(f"puce tapée à la main : {p.text[:40]!r}")
        if p._p.pPr is not None and p._p.pPr.numPr is not None:
            listed += 1
    if listed == 0:
        found.append("aucun paragraphe de liste Word (numPr)")
    props = document.core_properties
    if not props.title:
        found.append("propriété « titre » vide")
    if not props.author or props.author == "unknown":
        found.append(f"auteur « {props.author} »")
    if props.created is None or props.modified is None:
        found.append("dates de création ou de modification absentes")
    return found


failed = False
for path in sys.argv[1:]:
    found = problems(path)
    print(f"{path.rsplit('/', 1)[-1]}: {'ok' if not found else f'{len(found)} problème(s)'}")
    for f in found[:20]:
        print(f"  {f}")
    failed = failed or bool(found)
sys.exit(1 if failed else 0)
