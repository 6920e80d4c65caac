#!/usr/bin/env python3
"""Writes a libFuzzer dictionary for one target to standard output.

Tokens a mutator is unlikely to spell by chance: for the YAML readers, every key and enumerated
value their JSON Schema names (schemas/, generated from the types, so the dictionary follows the
formats without a list to keep) and every key in their seed files; for the Markdown readers, the
hand-kept markdown.dict beside this script (the constructs and words a checklist is read by).
usage: fuzz/dict.py TARGET SEED_DIR
"""
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
SCHEMAS = {
    "yaml_checklist": ["checklist.schema.json"],
    "probe_file": ["probes.schema.json"],
    "config": ["ready-yaml.schema.json"],
    "ledger": [],
}


def schema_tokens(node, out):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                out.update(f"{name}:" for name in value)
            if key in ("enum", "const"):
                for v in value if isinstance(value, list) else [value]:
                    if isinstance(v, str):
                        out.add(v)
            schema_tokens(value, out)
    elif isinstance(node, list):
        for value in node:
            schema_tokens(value, out)


def seed_keys(directory, out):
    """Keys of the seed files, read as `key:` at the start of a line (no YAML parser needed:
    a seed that does not parse still lends its words)."""
    directory = pathlib.Path(directory)
    for path in directory.iterdir() if directory.is_dir() else []:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for line in text.splitlines():
            stripped = line.strip().removeprefix("- ")
            key, colon, _ = stripped.partition(":")
            if colon and key and len(key) < 40 and all(c.isalnum() or c in "_-" for c in key):
                out.add(f"{key}:")


def quote(token):
    escaped = "".join(
        c if 0x20 <= ord(c) < 0x7F and c not in '"\\' else "".join(f"\\x{b:02X}" for b in c.encode())
        for c in token
    )
    return f'"{escaped}"'


def main():
    target, seeds = sys.argv[1], sys.argv[2]
    tokens = set()
    if target.startswith("markdown"):
        for line in (HERE / "markdown.dict").read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                tokens.add(line.rstrip("\n").replace("\\n", "\n"))
    else:
        for name in SCHEMAS.get(target, []):
            schema_tokens(json.loads((HERE.parent / "schemas" / name).read_text()), tokens)
        seed_keys(seeds, tokens)
    for token in sorted(tokens):
        print(quote(token))


if __name__ == "__main__":
    main()
