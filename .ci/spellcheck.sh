#!/usr/bin/env bash
# Spell-checks every French text value of profiles/ and examples/ with
# Hunspell's French dictionary and the project word list .ci/mots.txt.
# Keys, identifiers, codes, versions, dates, URLs and e-mail addresses are
# not checked. Fails listing each unknown word with its file and line.
# Usage: bash .ci/spellcheck.sh [FILE_OR_FOLDER...]   (default: profiles examples)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v hunspell >/dev/null 2>&1 || [ ! -e /usr/share/hunspell/fr_FR.dic ] && [ ! -e /usr/share/hunspell/fr.dic ]; then
  echo "hunspell and its French dictionary are needed: apt-get install hunspell hunspell-fr" >&2
  exit 2
fi

if [ "$#" -eq 0 ]; then
  set -- profiles examples
fi

exec /usr/bin/python3 - "$@" <<'PY'
import os
import re
import subprocess
import sys

# Keys whose values are not French prose: identifiers, codes, versions,
# dates, addresses; and proper names reproduced as they are written: titles
# and authors of cited works (often in English), the names of places and
# of employing structures.
SKIP_KEYS = {
    "titre", "auteur", "ville", "adresse", "nom",
    "type", "id", "version", "statut", "mise-a-jour", "date", "date-limite",
    "prise-de-poste", "url", "site-web", "email", "courriel", "extends",
    "profil", "rome", "esco", "digcomp", "pix",
    "code-postal", "telephone", "niveau", "essentielle", "kind",
}
KEY = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z0-9_-]+):(?:\s+|$)")
LIST_ITEM = re.compile(r"^(\s*)-\s+")
NOISE = [
    re.compile(r"https?://\S+"),
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    # Bare domain names: cybermalveillance.gouv.fr, francenum.gouv.fr.
    re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:fr|com|org|net|eu|io)\b"),
    re.compile(r"`[^`]*`"),
    # Item ids, codes, versions, dates, numbers.
    re.compile(r"\b[A-Z]{1,3}-\d+\b"),
    re.compile(r"\b[A-N]\d{4}\b"),
    # Numbers, ordinals included (« 1er », « 1re », « 2e »).
    re.compile(r"\b\d+(?:er|re|e|ème|nd|nde)\b"),
    re.compile(r"\b\d[\d.,:/-]*\b"),
]
# Inclusive forms: « conseiller·ère », « pressé·es » → the base word.
INCLUSIVE = re.compile(r"[·•](?:[a-zà-ÿœæ]+)(?:[·•][a-zà-ÿœæ]+)*")
ELISION = re.compile(r"^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)'", re.I)
WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿœŒæÆ]+(?:['-][A-Za-zÀ-ÖØ-öø-ÿœŒæÆ]+)*")


def texts(path):
    """(line number, text) of every French text value of a YAML file."""
    skip_indent = None  # inside a skipped key's block: its indentation
    with open(path, encoding="utf-8-sig") as f:
        for number, line in enumerate(f, 1):
            raw = line.rstrip("\n")
            stripped = raw.strip()
            if not stripped or stripped.startswith("#"):
                continue
            indent = len(raw) - len(raw.lstrip())
            if skip_indent is not None:
                if indent > skip_indent or (indent == skip_indent and LIST_ITEM.match(raw) and not KEY.match(raw)):
                    continue
                skip_indent = None
            text = raw
            m = KEY.match(raw)
            if m:
                key = m.group(2)
                text = raw[m.end():]
                if key in SKIP_KEYS:
                    # The key's own column: a value continued below it is
                    # indented further.
                    skip_indent = m.start(2)
                    continue
            else:
                item = LIST_ITEM.match(raw)
                if item:
                    text = raw[item.end():]
            text = text.strip()
            if text in ("|", ">", "|-", ">-", "[]", "{}") or not text:
                continue
            # A trailing comment of YAML (space then #).
            text = re.sub(r"\s#\s.*$", "", text)
            yield number, text


def words(text):
    text = text.replace("’", "'").replace("ʼ", "'")
    for pattern in NOISE:
        text = pattern.sub(" ", text)
    text = INCLUSIVE.sub("", text)
    for w in WORD.findall(text):
        w = ELISION.sub("", w).strip("'-")
        if w:
            yield w


def yaml_files(args):
    for arg in args:
        if os.path.isdir(arg):
            for root, dirs, files in os.walk(arg):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                # Hidden files (.gitlab-ci.yml, .pre-commit-config.yaml) are
                # tool configuration, not French text: skipped like hidden folders.
                for name in sorted(f for f in files if not f.startswith(".")):
                    if name.endswith((".yaml", ".yml")):
                        yield os.path.join(root, name)
        else:
            yield arg


def project_words():
    known = set()
    with open(".ci/mots.txt", encoding="utf-8") as f:
        for line in f:
            word = line.split("#", 1)[0].strip()
            if word:
                known.add(word)
    return known


def unknown_to_hunspell(candidates):
    dictionary = "fr_FR" if os.path.exists("/usr/share/hunspell/fr_FR.dic") else "fr"
    out = subprocess.run(
        ["hunspell", "-d", dictionary, "-l"],
        input="\n".join(sorted(candidates)) + "\n",
        capture_output=True, text=True, check=True,
    ).stdout
    return set(out.split())


occurrences = []
for path in yaml_files(sys.argv[1:]):
    for number, text in texts(path):
        for w in words(text):
            occurrences.append((path, number, w))

known = project_words()
candidates = {w for _, _, w in occurrences if w not in known}
# Hyphenated words unknown as a whole are checked part by part.
parts = {p for w in candidates if "-" in w for p in w.split("-") if p}
unknown = unknown_to_hunspell(candidates | parts)


def is_unknown(w):
    if w in known or w not in unknown:
        return False
    if "-" in w:
        return any(p not in known and p in unknown for p in w.split("-") if p)
    return True


found = [(p, n, w) for p, n, w in occurrences if is_unknown(w)]
for path, number, word in found:
    print(f"{path}:{number}: mot inconnu « {word} »")
files = len({p for p, _, _ in occurrences})
if found:
    print(f"{len(found)} mot(s) inconnu(s) dans {files} fichier(s) : corrigez-les, ou ajoutez à .ci/mots.txt un sigle ou un nom propre réel, avec sa justification.", file=sys.stderr)
    sys.exit(1)
print(f"orthographe : {len(occurrences)} mots vérifiés dans {files} fichier(s), aucun inconnu.")
PY
