#!/usr/bin/env bash
# Renders every document refnum makes from profiles/ and examples/, then
# checks them as their readers' tools would: markdownlint for Markdown, the
# Nu HTML checker for HTML validity, axe-core in Chromium for accessibility,
# and Chromium at a phone's width (390 px) for pages that scroll sideways.
# Usage: run.sh PATH/TO/refnum   (needs node, java and chromium)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
refnum="$(realpath "$1")"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

cd "$root"
for profile in profiles/*.yaml; do
  name="$(basename "$profile" .yaml)"
  "$refnum" render "$profile" --format markdown -o "$out/referentiel-$name.md" 2>/dev/null
  "$refnum" render "$profile" --format html -o "$out/referentiel-$name.html" 2>/dev/null
  "$refnum" fiche "$profile" --format markdown -o "$out/fiche-$name.md" 2>/dev/null
  "$refnum" fiche "$profile" --format html -o "$out/fiche-$name.html" 2>/dev/null
  "$refnum" entretien "$profile" --format markdown -o "$out/entretien-$name.md" 2>/dev/null
  "$refnum" entretien "$profile" --contexte entretien-annuel --format html -o "$out/entretien-$name.html" 2>/dev/null
done
while IFS= read -r file; do
  name="$(basename "$file" .yaml)"
  if grep -q '^type: poste' "$file"; then
    "$refnum" fiche "$file" --format markdown -o "$out/fiche-$name.md" 2>/dev/null
    "$refnum" fiche "$file" --format html -o "$out/fiche-$name.html" 2>/dev/null
    "$refnum" entretien "$file" --format html -o "$out/entretien-$name.html" 2>/dev/null
  elif grep -q '^extends:' "$file"; then
    "$refnum" render "$file" --format markdown -o "$out/referentiel-$name.md" 2>/dev/null
    "$refnum" render "$file" --format html -o "$out/referentiel-$name.html" 2>/dev/null
  fi
done < <(find examples tests/fixtures/valid -name '*.yaml' -not -path '*/.github/*' | sort)
# Minimal profiles too: their fiches show what is left to complete.
for profile in tests/fixtures/valid/profil-*.yaml; do
  name="$(basename "$profile" .yaml)"
  "$refnum" fiche "$profile" --format markdown -o "$out/fiche-$name.md" 2>/dev/null
  "$refnum" fiche "$profile" --format html -o "$out/fiche-$name.html" 2>/dev/null
  "$refnum" render "$profile" --format markdown -o "$out/referentiel-$name.md" 2>/dev/null
  "$refnum" render "$profile" --format html -o "$out/referentiel-$name.html" 2>/dev/null
done
# The static site of all of them, with its index, comparison and search pages.
"$refnum" build profiles examples tests/fixtures/valid --out "$out/site" 2>/dev/null
mapfile -t site_pages < <(find "$out/site" -name '*.html' | sort)
echo "documents rendered: $(ls "$out"/*.* | wc -l), site pages: ${#site_pages[@]}"

cd "$here"
echo "-- markdownlint"
npx --no-install markdownlint-cli2 --config .markdownlint-cli2.jsonc "$out/*.md"
echo "-- Nu HTML checker (vnu)"
java -jar node_modules/vnu-jar/build/dist/vnu.jar --errors-only --also-check-css "$out"/*.html "${site_pages[@]}" "$out/site/style.css"
echo "   no error"
echo "-- axe-core in Chromium"
# The search page is also checked with results shown.
node axe.mjs "$out"/*.html "${site_pages[@]}" "file://$out/site/recherche.html?q=diagnostic"
echo "-- largeur sur un téléphone (390 px)"
node widths.mjs "$out"/*.html "${site_pages[@]}" "file://$out/site/recherche.html?q=permis"
