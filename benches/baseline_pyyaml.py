#!/usr/bin/env python3
"""Baseline of the read path: what a maintainer would write in Python.

Reads every `.yaml` file of a folder with PyYAML's libyaml loader
(`yaml.CLoader`) into a tree of nodes with their positions, and does the
same kind of checks as `refnum validate` at the level of the tree:

- duplicate keys in a mapping (an error, with line and column);
- the structure given by refnum's JSON Schemas (`schemas/`): required and
  unknown keys, types of values, enumerations;
- references inside a profile (each competency's missions exist, ids are
  unique) and between files (the base of an adaptation, the profile of a
  post exist among the files or the built-in profiles).

Files are shared among worker processes (`--jobs`, 2 by default), as refnum
shares them among threads. Exit 0 if every file is valid, 1 otherwise.

    python3 benches/baseline_pyyaml.py FOLDER [--jobs N]

Run by `cargo bench --bench scale -- --lecture`; figures in docs/performance.md.
"""

import json
import multiprocessing
import os
import sys

import yaml

if not hasattr(yaml, "CLoader"):
    sys.exit("PyYAML sans libyaml : yaml.CLoader absent (pip install pyyaml, avec libyaml)")

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMAS = {}
for kind in ("profil", "adaptation", "poste"):
    with open(os.path.join(HERE, "..", "schemas", f"{kind}.schema.json"), encoding="utf-8") as f:
        SCHEMAS[kind] = json.load(f)
BUILTIN = {"conseiller-referent-entreprise", "coordinateur-referent-entreprise"}

SCALAR_TYPES = {
    "tag:yaml.org,2002:str": "string",
    "tag:yaml.org,2002:int": "integer",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:bool": "boolean",
    "tag:yaml.org,2002:null": "null",
}


def node_type(node):
    if isinstance(node, yaml.MappingNode):
        return "object"
    if isinstance(node, yaml.SequenceNode):
        return "array"
    return SCALAR_TYPES.get(node.tag, "string")


def where(node):
    return f"{node.start_mark.line + 1}:{node.start_mark.column + 1}"


def resolve(schema, root):
    while "$ref" in schema:
        schema = root["definitions"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def check(node, schema, root, errors):
    """Checks a node against a JSON Schema subset (type, properties, items, enum, anyOf)."""
    schema = resolve(schema, root)
    if "anyOf" in schema or "oneOf" in schema:
        options = schema.get("anyOf") or schema.get("oneOf")
        if not any(not check(node, o, root, []) for o in options):
            errors.append(f"{where(node)} : valeur incorrecte")
        return errors
    kind = node_type(node)
    expected = schema.get("type")
    if expected is not None:
        allowed = expected if isinstance(expected, list) else [expected]
        if kind not in allowed and not (kind == "integer" and "number" in allowed):
            errors.append(f"{where(node)} : {kind} au lieu de {allowed}")
            return errors
    if "enum" in schema and kind != "object" and node.value not in [str(v) for v in schema["enum"]]:
        errors.append(f"{where(node)} : valeur inconnue {node.value!r}")
    if kind == "object":
        props = schema.get("properties", {})
        seen = set()
        for key, value in node.value:
            name = key.value
            if name in seen:
                errors.append(f"{where(key)} : clé `{name}` en double")
            seen.add(name)
            if name in props:
                check(value, props[name], root, errors)
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where(key)} : clé inconnue `{name}`")
        for name in schema.get("required", []):
            if name not in seen:
                errors.append(f"{where(node)} : clé `{name}` manquante")
    elif kind == "array" and "items" in schema:
        for item in node.value:
            check(item, schema["items"], root, errors)
    return errors


def get(node, key):
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key:
                return v
    return None


def scalars(node):
    return [n.value for n in node.value] if isinstance(node, yaml.SequenceNode) else []


def profile_references(root, errors):
    missions = get(root, "missions")
    ids = set()
    for mission in missions.value if isinstance(missions, yaml.SequenceNode) else []:
        mission_id = get(mission, "id")
        if mission_id is not None:
            if mission_id.value in ids:
                errors.append(f"{where(mission_id)} : identifiant en double")
            ids.add(mission_id.value)
    competences = get(root, "competences")
    for _, group in competences.value if isinstance(competences, yaml.MappingNode) else []:
        for competence in group.value if isinstance(group, yaml.SequenceNode) else []:
            for ref in scalars(get(competence, "missions")):
                if ref not in ids:
                    errors.append(f"{where(competence)} : mission inconnue {ref}")


def read(path):
    """One file: (path, errors, kind, id, the id it builds on)."""
    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    errors = []
    try:
        root = yaml.compose(data.decode("utf-8"), Loader=yaml.CLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        return path, [str(e)], None, None, None
    kind = get(root, "type")
    kind = kind.value if kind is not None else None
    if kind == "profil" and get(root, "extends") is not None:
        kind = "adaptation"  # an adaptation is a profile that extends another
    if kind not in SCHEMAS:
        return path, ["type inconnu"], None, None, None
    check(root, SCHEMAS[kind], SCHEMAS[kind], errors)
    base = None
    if kind == "profil":
        profile_references(root, errors)
    elif kind == "adaptation":
        base = get(get(root, "extends"), "profil")
    else:
        base = get(root, "profil")
    own = get(root, "id")
    return path, errors, kind, own.value if own is not None else None, base.value if base is not None else None


def main():
    args = sys.argv[1:]
    jobs = 2
    if "--jobs" in args:
        i = args.index("--jobs")
        jobs = int(args[i + 1])
        del args[i : i + 2]
    files = sorted(
        os.path.join(d, f) for d, _, names in os.walk(args[0]) for f in names if f.endswith((".yaml", ".yml"))
    )
    with multiprocessing.Pool(jobs) as pool:
        results = pool.map(read, files, chunksize=16)
    ids = BUILTIN | {own for _, _, _, own, _ in results if own}
    invalid = 0
    for path, errors, _, _, base in results:
        if base is not None and base not in ids:
            errors.append(f"base inconnue {base}")
        if errors:
            invalid += 1
            print(f"{path} : {errors[0]}")
    print(f"{len(files)} fichiers, {invalid} invalides")
    sys.exit(1 if invalid else 0)


if __name__ == "__main__":
    main()
