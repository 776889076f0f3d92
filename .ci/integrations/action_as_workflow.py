"""Writes a composite action's steps as a reusable workflow, so that
actionlint, which reads workflows only, checks the steps' keys, expressions,
contexts and the inputs they read (each action input becomes a
workflow_call input of type string, as action inputs are strings).

Usage: python action_as_workflow.py ACTION_YML OUT_YML
"""

import sys

import yaml

action_file, out_file = sys.argv[1:]
with open(action_file, encoding="utf-8") as f:
    action = yaml.safe_load(f)
if action["runs"]["using"] != "composite":
    raise SystemExit(f"{action_file}: not a composite action")
inputs = {
    name: {"type": "string", "required": bool(spec.get("required", False)),
           "description": spec["description"]}
    for name, spec in action.get("inputs", {}).items()
}
workflow = {
    "name": f"{action_file} (steps of the composite action)",
    "on": {"workflow_call": {"inputs": inputs}},
    "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}},
}
with open(out_file, "w", encoding="utf-8") as f:
    f.write(f"# Generated from {action_file} by {sys.argv[0]}\n")
    yaml.safe_dump(workflow, f, allow_unicode=True, sort_keys=False, width=1000)
