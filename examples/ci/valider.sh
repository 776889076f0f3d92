#!/bin/sh
# Vérifie un dépôt de profils dans n'importe quelle intégration continue (ou à
# la main) : installe refnum une fois par version, puis lance la vérification.
# Le code de sortie est celui de refnum validate : 0 valide, 1 invalide,
# 2 vérification impossible. Voir docs/ci.md de refnum.
#
# Variables :
#   REFNUM_GIT      adresse git de refnum (obligatoire)
#   REFNUM_VERSION  étiquette ou SHA de commit de refnum (obligatoire)
#   REFNUM_PATHS    dossiers vérifiés (par défaut : profiles adaptations postes)
#   REFNUM_ROOT     dossier d'installation, à garder en cache (par défaut : .refnum)
set -eu
: "${REFNUM_GIT:?renseignez REFNUM_GIT, l’adresse git de refnum}"
: "${REFNUM_VERSION:?renseignez REFNUM_VERSION, l’étiquette ou le SHA de commit de refnum}"
root="${REFNUM_ROOT:-.refnum}/$REFNUM_VERSION"
if [ ! -x "$root/bin/refnum" ]; then
  cargo install --locked --root "$root" --git "$REFNUM_GIT" --rev "$REFNUM_VERSION" refnum
fi
# Les dossiers sont des mots séparés : la variable n'est pas entre guillemets.
# shellcheck disable=SC2086
exec "$root/bin/refnum" validate --deny-warnings ${REFNUM_PATHS:-profiles adaptations postes}
