"""Checks that every YAML block of docs/ci.md is a part of one of the
example files that .ci/integrations.sh tries, comment and blank lines left
aside: what the guide shows is what CI has run.

Usage: python docs_blocks.py DOC FILE...
"""

import re
import sys


def significant(text):
    return [line.rstrip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def contains(haystack, needle):
    return any(haystack[i:i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1))


doc, *files = sys.argv[1:]
examples = {f: significant(open(f, encoding="utf-8").read()) for f in files}
blocks = re.findall(r"```yaml\n(.*?)```", open(doc, encoding="utf-8").read(), re.S)
if not blocks:
    raise SystemExit(f"{doc}: no YAML block")
bad = 0
for block in blocks:
    lines = significant(block)
    found = [f for f, text in examples.items() if contains(text, lines)]
    if found:
        print(f"{doc}: block « {lines[0]} … » ({len(lines)} lines) is in {found[0]}")
    else:
        print(f"{doc}: block « {lines[0]} … » is in no example file", file=sys.stderr)
        bad += 1
sys.exit(1 if bad else 0)
