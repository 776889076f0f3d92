#!/usr/bin/env bash
# Lays out a small profiles repository as a CCI would have one, in the empty
# folder DEST, and commits it: a national profile copied under a local id in
# profiles/, an adaptation of it in adaptations/, and two postes in postes/
# built on that profile. Nothing here resolves from the built-in profiles:
# every `profil:` and `extends:` points into the repository's ./profiles.
# Usage: sample-repo.sh REFNUM_SOURCE DEST
set -euo pipefail
src="$(cd "$1" && pwd)"
dest="$2"
mkdir -p "$dest/profiles" "$dest/adaptations" "$dest/postes"
cd "$dest"
git init --quiet --initial-branch=main
git config user.email ci@example.invalid
git config user.name "CI refnum"

sed -e 's/^id: conseiller-referent-entreprise$/id: conseiller-referent-entreprise-occitanie/' \
  -e '/^# yaml-language-server/d' \
  "$src/profiles/conseiller-referent-entreprise.yaml" > profiles/conseiller-referent-entreprise-occitanie.yaml
grep -q '^id: conseiller-referent-entreprise-occitanie$' profiles/conseiller-referent-entreprise-occitanie.yaml

sed -e 's/^  profil: conseiller-referent-entreprise$/  profil: conseiller-referent-entreprise-occitanie/' \
  -e '/^# yaml-language-server/d' \
  "$src/examples/adaptations/cci-montverac-conseiller.yaml" > adaptations/cci-montverac-conseiller.yaml
grep -q '^  profil: conseiller-referent-entreprise-occitanie$' adaptations/cci-montverac-conseiller.yaml

for ville in Rodez Millau; do
  slug=$(printf '%s' "$ville" | tr '[:upper:]' '[:lower:]')
  sed -e "s/^id: .*/id: conseiller-referent-entreprise-cci-$slug/" \
    -e 's/^profil: .*/profil: conseiller-referent-entreprise-occitanie/' \
    -e "s/^  ville: .*/  ville: $ville/" \
    -e '/^# yaml-language-server/d' \
    "$src/examples/poste-conseiller-cci.yaml" > "postes/$slug.yaml"
  grep -q '^profil: conseiller-referent-entreprise-occitanie$' "postes/$slug.yaml"
done

git add -A
git commit --quiet -m "Profils et postes de la CCI"
