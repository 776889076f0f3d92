#!/usr/bin/env bash
# Prints every fiche de poste as its readers would and counts the pages:
# the HTML fiche through Chromium (A4), the DOCX fiche through LibreOffice.
# A fiche de poste must fit on 3 A4 pages at most, an interview guide
# (`refnum entretien`, both contexts) on 10. Then reads each DOCX
# with python-docx, as Word would: named styles, real lists, French language.
# The positioning grids (`refnum grille`) are printed too: DOCX in landscape
# within a sensible number of pages, the workbook converted by LibreOffice.
# Usage: print.sh PATH/TO/refnum   (needs chromium, soffice, pdfinfo, python3-docx)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
refnum="$(realpath "$1")"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
max_pages=3

cd "$root"
sources=(conseiller coordinateur)
while IFS= read -r file; do
  grep -q '^type: poste' "$file" && sources+=("$file")
done < <(find examples -name '*.yaml' | sort)

failed=0

# pages PDF: the page count of a PDF.
pages() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }

# print_both LABEL NAME MAX: prints $out/NAME.html through Chromium and
# $out/NAME.docx through LibreOffice, and fails if either takes more than
# MAX pages.
print_both() {
  local label="$1" name="$2" max="$3" pdf n kind
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$out/$name.html.pdf" "file://$out/$name.html" 2>/dev/null
  (cd "$out" && soffice --headless --convert-to pdf --outdir "$out/docx" "$name.docx" >/dev/null 2>&1)
  for pdf in "$out/$name.html.pdf" "$out/docx/$name.pdf"; do
    n=$(pages "$pdf")
    kind=HTML; [[ "$pdf" == */docx/* ]] && kind=DOCX
    printf '%-60s %s %s page(s)\n' "$label" "$kind" "$n"
    if [ "$n" -gt "$max" ]; then
      echo "  $label : $n pages en $kind, $max au plus" >&2
      failed=1
    fi
  done
}

for src in "${sources[@]}"; do
  name="fiche-$(basename "$src" .yaml)"
  "$refnum" fiche "$src" --format html -o "$out/$name.html"
  "$refnum" fiche "$src" --format docx -o "$out/$name.docx"
  print_both "$src" "$name" "$max_pages"
done

echo "-- Positioning grids (refnum grille): DOCX in landscape, XLSX opened by LibreOffice"
max_grid_pages=15
for src in conseiller coordinateur; do
  name="grille-$src"
  "$refnum" grille "$src" --format docx -o "$out/$name.docx"
  "$refnum" grille "$src" --format xlsx -o "$out/$name.xlsx"
  (cd "$out" && soffice --headless --convert-to pdf --outdir "$out/docx" "$name.docx" >/dev/null 2>&1)
  (cd "$out" && soffice --headless --convert-to pdf --outdir "$out/xlsx" "$name.xlsx" >/dev/null 2>&1)
  n=$(pages "$out/docx/$name.pdf")
  # « Page size: 841.89 x 595.276 pts (A4) »: wider than high.
  landscape=$(pdfinfo "$out/docx/$name.pdf" | awk '/^Page size:/ {print ($3 > $5) ? "oui" : "non"}')
  xlsx_pages=$(pages "$out/xlsx/$name.pdf")
  printf '%-60s DOCX %s page(s), paysage : %s ; XLSX %s page(s)\n' "$src" "$n" "$landscape" "$xlsx_pages"
  if [ "$n" -gt "$max_grid_pages" ] || [ "$landscape" != oui ] || [ "$xlsx_pages" -lt 1 ]; then
    echo "  grille : $n pages (au plus $max_grid_pages), paysage : $landscape, classeur : $xlsx_pages page(s)" >&2
    failed=1
  fi
done

echo "-- Interview guides (refnum entretien)"
# Interview guides: one block per essential competency, with room for notes;
# both contexts, from the profiles alone and from each example post.
max_guide_pages=10
for src in "${sources[@]}"; do
  for contexte in recrutement entretien-annuel; do
    name="entretien-$contexte-$(basename "$src" .yaml)"
    "$refnum" entretien "$src" --contexte "$contexte" --format html -o "$out/$name.html"
    "$refnum" entretien "$src" --contexte "$contexte" --format docx -o "$out/$name.docx"
    print_both "entretien $contexte $src" "$name" "$max_guide_pages"
  done
done

echo "-- DOCX as Word reads it (python-docx)"
/usr/bin/python3 "$here/docx_check.py" "$out"/*.docx || failed=1
exit "$failed"
