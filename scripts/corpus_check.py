#!/usr/bin/env python3
"""Checks `ready` against real checklists and GitHub's own renderer.

For every Markdown file in CORPUS/markdown (and any extra directories given), the number of task
boxes and ticked boxes `ready` reports must equal what cmark-gfm (GitHub's Markdown renderer,
via the cmarkgfm package) renders. A file with no task box may instead be refused as having
nothing to gate. Every YAML file in CORPUS/yaml must either check or fail with exit code 2 and a
located error, never a crash. Prints one line per problem and a closing tally.

usage: corpus_check.py READY_BINARY CORPUS_DIR [EXTRA_MARKDOWN_DIR ...]
"""
import json
import os
import re
import subprocess
import sys

import cmarkgfm
from cmarkgfm.cmark import Options

FRONT_MATTER = re.compile(r"---\r?\n.*?\r?\n(?:---|\.\.\.)\r?\n", re.S)
CHECKBOX = re.compile(r'<input type="checkbox"[^>]*>')


def github_counts(path):
    text = open(path, "rb").read().decode("utf-8", errors="replace")
    text = text.removeprefix("\ufeff")
    match = FRONT_MATTER.match(text)
    if match:
        text = text[match.end():]
    html = cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
    boxes = CHECKBOX.findall(html)
    return len(boxes), sum("checked" in b for b in boxes)


def ready(binary, path):
    return subprocess.run(
        [binary, "check", "--format", "json", "--threshold", "0", path],
        capture_output=True, text=True, timeout=60,
    )


def check_markdown(binary, path):
    expected = github_counts(path)
    run = ready(binary, path)
    if run.returncode in (0, 1):
        summary = json.loads(run.stdout)["summary"]
        got = (summary["items"], summary["checked"])
        return None if got == expected else f"GitHub renders {expected}, ready counts {got}"
    if expected[0] == 0 and run.returncode == 2 and "nothing to gate" in run.stderr:
        return None
    return f"exit {run.returncode}: {run.stderr.strip()[:300]}"


def check_yaml(binary, path):
    run = ready(binary, path)
    if run.returncode in (0, 1):
        json.loads(run.stdout)
        return None
    name = os.path.basename(path)
    if run.returncode == 2 and f"{name}:" in run.stderr and "panicked" not in run.stderr:
        return None
    return f"exit {run.returncode}: {run.stderr.strip()[:300]}"


def main():
    binary, corpus, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
    jobs = []
    for directory in [os.path.join(corpus, "markdown"), *extra]:
        for name in sorted(os.listdir(directory)):
            if name.endswith(".md"):
                jobs.append((check_markdown, os.path.join(directory, name)))
    yaml_dir = os.path.join(corpus, "yaml")
    if os.path.isdir(yaml_dir):
        for name in sorted(os.listdir(yaml_dir)):
            jobs.append((check_yaml, os.path.join(yaml_dir, name)))
    failed = 0
    for check, path in jobs:
        problem = check(binary, path)
        if problem:
            failed += 1
            print(f"FAIL {path}: {problem}")
    print(f"corpus: {len(jobs) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
