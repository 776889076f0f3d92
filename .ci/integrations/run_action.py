"""Runs a composite GitHub Action (action.yml) on this machine, as the
runner would for one job, to try its shell steps for real.

Understood: `${{ path.to.value }}` in `env:`, `with:` and input defaults;
`if:` made of `path == 'text'` or `path != 'text'` joined by `&&`; steps with
`run:` (through `bash --noprofile --norc -eo pipefail`, as GitHub does);
`actions/cache` (emulated with a folder keyed by the cache key, saved at the
end of the job when it missed) and `github/codeql-action/upload-sarif` (the
file is checked to be SARIF 2.1.0, not sent). Anything else is an error, so a
new kind of step cannot go untried. `github.action_repository` is left empty,
as GitHub leaves it in composite actions.

Usage: python run_action.py ACTION_YML WORKSPACE CACHE_DIR [NAME=VALUE]...
Prints the log, then `outputs: {...}`; exits with the job's result (0 or the
failing step's code).
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
PATH = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$")
COMPARISON = re.compile(r"^(\S+)\s*(==|!=)\s*'([^']*)'$")


def lookup(context, path):
    if not PATH.match(path):
        raise SystemExit(f"run_action: expression not understood: {path!r}")
    value = context
    for part in path.split("."):
        if not isinstance(value, dict):
            return ""
        value = value.get(part, "")
    return "" if value is None else str(value)


def expand(context, text):
    return EXPR.sub(lambda m: lookup(context, m.group(1)), str(text))


def condition(context, text):
    text = EXPR.sub(lambda m: m.group(1), str(text)).strip()
    for term in text.split("&&"):
        m = COMPARISON.match(term.strip())
        if not m:
            raise SystemExit(f"run_action: condition not understood: {term!r}")
        left = lookup(context, m.group(1))
        if (left == m.group(3)) != (m.group(2) == "=="):
            return False
    return True


def read_outputs(path):
    outputs = {}
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            value = []
            i += 1
            while lines[i] != delimiter:
                value.append(lines[i])
                i += 1
            outputs[name] = "\n".join(value)
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
        i += 1
    return outputs


def main():
    action_file, workspace, cache_dir, *assignments = sys.argv[1:]
    action_path = os.path.dirname(os.path.abspath(action_file))
    with open(action_file, encoding="utf-8") as f:
        action = yaml.safe_load(f)
    given = dict(a.split("=", 1) for a in assignments)
    temp = tempfile.mkdtemp(prefix="runner-")
    home = os.path.join(temp, "home")
    os.makedirs(home)
    summary = os.path.join(temp, "step-summary.md")
    open(summary, "w").close()
    context = {
        "github": {
            "action_path": action_path,
            "server_url": "https://github.com",
            "action_repository": "",
            "workspace": workspace,
        },
        "runner": {"os": "Linux", "arch": "X64", "temp": temp},
        "steps": {},
    }
    unknown = set(given) - set(action.get("inputs", {}))
    if unknown:
        raise SystemExit(f"run_action: unknown inputs {sorted(unknown)}")
    context["inputs"] = {
        name: given.get(name, expand(context, spec.get("default", "")))
        for name, spec in action.get("inputs", {}).items()
    }
    # The job's home is new, but Rust's tools stay where they are installed.
    real_home = os.path.expanduser("~")
    tools = {"CARGO_HOME": os.environ.get("CARGO_HOME", os.path.join(real_home, ".cargo")),
             "RUSTUP_HOME": os.environ.get("RUSTUP_HOME", os.path.join(real_home, ".rustup"))}
    base_env = dict(os.environ, **tools, HOME=home, RUNNER_TEMP=temp, GITHUB_WORKSPACE=workspace,
                    GITHUB_STEP_SUMMARY=summary, GITHUB_ACTION_PATH=action_path,
                    GITHUB_ACTIONS="true", RUNNER_OS="Linux")
    result = 0
    saves = []
    for number, step in enumerate(action["runs"]["steps"], 1):
        name = step.get("name", step.get("id", f"step {number}"))
        if result != 0 or ("if" in step and not condition(context, step["if"])):
            print(f"-- {name}: skipped", flush=True)
            continue
        print(f"-- {name}", flush=True)
        outputs = {}
        if "run" in step:
            if step.get("shell") != "bash":
                raise SystemExit(f"run_action: only bash steps are tried, not {step.get('shell')!r}")
            script = os.path.join(temp, f"step-{number}.sh")
            with open(script, "w", encoding="utf-8") as f:
                f.write(step["run"])
            output_file = os.path.join(temp, f"step-{number}.out")
            open(output_file, "w").close()
            env = dict(base_env, GITHUB_OUTPUT=output_file)
            env.update({k: expand(context, v) for k, v in step.get("env", {}).items()})
            code = subprocess.call(["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
                                   cwd=workspace, env=env)
            outputs = read_outputs(output_file)
            if code != 0:
                print(f"-- {name}: failed with code {code}", flush=True)
                result = code
        elif step.get("uses", "").startswith("actions/cache@"):
            w = {k: expand(context, v) for k, v in step["with"].items()}
            path = w["path"].replace("~", home, 1)
            stored = os.path.join(cache_dir, w["key"])
            if os.path.isdir(stored):
                shutil.copytree(stored, path, dirs_exist_ok=True)
                outputs["cache-hit"] = "true"
                print(f"   cache hit: {w['key']}")
            else:
                outputs["cache-hit"] = "false"
                saves.append((path, stored))
                print(f"   cache miss: {w['key']}")
        elif step.get("uses", "").startswith("github/codeql-action/upload-sarif@"):
            w = {k: expand(context, v) for k, v in step["with"].items()}
            with open(w["sarif_file"], encoding="utf-8") as f:
                sarif = json.load(f)
            assert sarif.get("version") == "2.1.0" and sarif.get("runs"), "not SARIF 2.1.0"
            print(f"   SARIF 2.1.0 ready to upload: {w['sarif_file']}, category {w.get('category')}")
        else:
            raise SystemExit(f"run_action: step not understood: {step}")
        if "id" in step:
            context["steps"][step["id"]] = {"outputs": outputs}
    if result == 0:
        for path, stored in saves:
            if os.path.isdir(path):
                shutil.copytree(path, stored)
    action_outputs = {n: expand(context, o["value"]) for n, o in action.get("outputs", {}).items()}
    with open(summary, encoding="utf-8") as f:
        action_outputs["(step summary bytes)"] = len(f.read())
    print("outputs: " + json.dumps(action_outputs, ensure_ascii=False), flush=True)
    shutil.rmtree(temp)
    return result


if __name__ == "__main__":
    sys.exit(main())
