"""Runs jobs of a .gitlab-ci.yml on this machine, in the order given, as a
GitLab runner's shell executor would: the job's `variables:` over the file's,
over the environment given; `script:` lines run one after the other in one
bash with `set -eo pipefail`; `cache:` emulated with a folder keyed by the
expanded cache key (restored before, saved after a successful job). The job's
`image:` is not used: the scripts run on this machine's tools.

Usage: python run_gitlab.py GITLAB_CI_YML PROJECT_DIR CACHE_DIR JOB [NAME=VALUE]...
NAME=VALUE set variables as the project's CI/CD settings would (they win over
the file's). Exits with the job's exit code.
"""

import os
import re
import shutil
import subprocess
import sys

import yaml

VARIABLE = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?")


def main():
    ci_file, project, cache_dir, job_name, *assignments = sys.argv[1:]
    with open(ci_file, encoding="utf-8") as f:
        ci = yaml.safe_load(f)
    job = ci[job_name]
    variables = {k: str(v) for k, v in (ci.get("variables") or {}).items()}
    variables.update({k: str(v) for k, v in (job.get("variables") or {}).items()})
    variables.update(dict(a.split("=", 1) for a in assignments))
    variables.setdefault("CI_PROJECT_DIR", project)

    def expand(text):
        return VARIABLE.sub(lambda m: variables.get(m.group(1), ""), str(text))

    cache = job.get("cache")
    stored = None
    if cache:
        stored = os.path.join(cache_dir, expand(cache["key"]))
        if os.path.isdir(stored):
            print(f"-- cache restored: {expand(cache['key'])}", flush=True)
            shutil.copytree(stored, project, dirs_exist_ok=True, symlinks=True)
    script = "set -eo pipefail\n" + "\n".join(job["script"]) + "\n"
    env = dict(os.environ, **variables)
    print(f"-- job {job_name}", flush=True)
    code = subprocess.call(["bash", "--noprofile", "--norc", "-c", script], cwd=project, env=env)
    print(f"-- job {job_name}: exit code {code}", flush=True)
    if code == 0 and cache:
        for path in cache["paths"]:
            source = os.path.join(project, path)
            if os.path.exists(source):
                shutil.copytree(source, os.path.join(stored, path), dirs_exist_ok=True, symlinks=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
